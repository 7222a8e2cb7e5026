package org.trainkit.processor.model;

/**
 * Qualified names of the types the processor reads or generates against but does not depend
 * on: trainkit's runtime, DJL, Dagger and the injection annotations. The processor only has the
 * annotations on its own classpath; everything else is looked up in the user's compilation.
 */
public final class KnownTypes {

  public static final String BLOCK = "ai.djl.nn.Block";
  public static final String ND_LIST = "ai.djl.ndarray.NDList";
  public static final String ND_MANAGER = "ai.djl.ndarray.NDManager";

  public static final String TRAINABLE_COMPONENT = "org.trainkit.runtime.TrainableComponent";
  public static final String FORWARD_RESULT = "org.trainkit.runtime.ForwardResult";
  public static final String FORWARD_CONTEXT = "org.trainkit.runtime.ForwardContext";
  public static final String METRICS_COMPUTER = "org.trainkit.runtime.MetricsComputer";
  public static final String EPOCH_SUMMARY = "org.trainkit.runtime.EpochSummary";
  public static final String TRAINER_CONFIG = "org.trainkit.runtime.config.TrainerConfig";
  public static final String STATEFUL_OPTIMIZER = "org.trainkit.runtime.optim.StatefulOptimizer";
  public static final String DATASET_READER = "org.trainkit.runtime.data.DatasetReader";
  public static final String DATA_DEPENDENT = "org.trainkit.runtime.DataDependent";
  public static final String PREDICTION_RENDERER = "org.trainkit.runtime.PredictionRenderer";
  public static final String TRAINER = "org.trainkit.runtime.train.Trainer";
  public static final String TRAINER_CALLBACK = "org.trainkit.runtime.TrainerCallback";
  public static final String TRAINER_SESSION = "org.trainkit.runtime.cli.TrainerSession";
  public static final String TRAINER_CLI = "org.trainkit.runtime.cli.TrainerCli";

  public static final String DAGGER_MODULE = "dagger.Module";
  public static final String DAGGER_COMPONENT = "dagger.Component";
  public static final String DAGGER_PROVIDES = "dagger.Provides";
  public static final String DAGGER_BINDS = "dagger.Binds";
  public static final String INTO_SET = "dagger.multibindings.IntoSet";
  public static final String INTO_MAP = "dagger.multibindings.IntoMap";
  public static final String ELEMENTS_INTO_SET = "dagger.multibindings.ElementsIntoSet";

  public static final String JAVAX_INJECT = "javax.inject.Inject";
  public static final String JAKARTA_INJECT = "jakarta.inject.Inject";
  public static final String JAVAX_QUALIFIER = "javax.inject.Qualifier";
  public static final String JAKARTA_QUALIFIER = "jakarta.inject.Qualifier";

  private KnownTypes() {}
}
