package org.trainkit.processor.model;

import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The one registry of the types the processor checks against or generates code against without
 * depending on them: trainkit's runtime, DJL, Dagger and the injection annotations. The processor
 * has only the annotations on its own classpath; these are looked up in the user's compilation.
 * Validation looks them up by {@link #qualifiedName()}; generation names them from {@link
 * #packageName()} and {@link #simpleNames()}.
 */
public enum KnownType {
  BLOCK("ai.djl.nn", "Block"),
  ND_LIST("ai.djl.ndarray", "NDList"),
  ND_MANAGER("ai.djl.ndarray", "NDManager"),
  BATCHIFIER("ai.djl.translate", "Batchifier"),

  TRAINABLE_COMPONENT("org.trainkit.runtime", "TrainableComponent"),
  FORWARD_RESULT("org.trainkit.runtime", "ForwardResult"),
  FORWARD_CONTEXT("org.trainkit.runtime", "ForwardContext"),
  METRICS_COMPUTER("org.trainkit.runtime", "MetricsComputer"),
  EPOCH_SUMMARY("org.trainkit.runtime", "EpochSummary"),
  PREDICTION("org.trainkit.runtime", "Prediction"),
  DATA_DEPENDENT("org.trainkit.runtime", "DataDependent"),
  PREDICTION_RENDERER("org.trainkit.runtime", "PredictionRenderer"),
  PREDICTION_WRITER("org.trainkit.runtime", "PredictionWriter"),
  USES_TRAINED_MODEL("org.trainkit.runtime", "UsesTrainedModel"),
  PREDICTS_PRETRAINED("org.trainkit.runtime", "PredictsPretrained"),
  TRAINED_MODEL("org.trainkit.runtime", "TrainedModel"),
  TRAINED_RUN("org.trainkit.runtime.checkpoint", "TrainedRun"),
  DEVICE("ai.djl", "Device"),
  TRAINER_CALLBACK("org.trainkit.runtime", "TrainerCallback"),
  TRAINER("org.trainkit.runtime.train", "Trainer"),
  TRAINER_CONFIG("org.trainkit.runtime.config", "TrainerConfig"),
  TRAINER_CONFIG_YAML("org.trainkit.runtime.config", "TrainerConfigYaml"),
  COMPONENT_OPTIONS("org.trainkit.runtime.config", "ComponentOptions"),
  OPTION_TYPE("org.trainkit.runtime.config", "OptionType"),
  STATEFUL_OPTIMIZER("org.trainkit.runtime.optim", "StatefulOptimizer"),
  DATASET_READER("org.trainkit.runtime.data", "DatasetReader"),
  DATASET("org.trainkit.runtime.data", "Dataset"),
  TRAINER_SESSION("org.trainkit.runtime.cli", "TrainerSession"),
  TRAINER_CLI("org.trainkit.runtime.cli", "TrainerCli"),
  TRAINED_INSTANCE("org.trainkit.runtime.cli", "TrainedInstance"),
  CALLBACKS("org.trainkit.runtime.callbacks", "Callbacks"),

  DAGGER_MODULE("dagger", "Module"),
  DAGGER_COMPONENT("dagger", "Component"),
  DAGGER_PROVIDES("dagger", "Provides"),
  DAGGER_BINDS("dagger", "Binds"),
  DAGGER_BINDS_INSTANCE("dagger", "BindsInstance"),
  MULTIBINDS("dagger.multibindings", "Multibinds"),
  INTO_SET("dagger.multibindings", "IntoSet"),
  INTO_MAP("dagger.multibindings", "IntoMap"),
  ELEMENTS_INTO_SET("dagger.multibindings", "ElementsIntoSet"),

  SINGLETON("jakarta.inject", "Singleton"),
  JAVAX_INJECT("javax.inject", "Inject"),
  JAKARTA_INJECT("jakarta.inject", "Inject"),
  JAVAX_QUALIFIER("javax.inject", "Qualifier"),
  JAKARTA_QUALIFIER("jakarta.inject", "Qualifier");

  /** What must be on the user's compile classpath before anything can be generated. */
  private static final List<KnownType> REQUIRED =
      List.of(
          BLOCK, ND_LIST, ND_MANAGER, TRAINABLE_COMPONENT, FORWARD_RESULT, FORWARD_CONTEXT,
          METRICS_COMPUTER, EPOCH_SUMMARY, TRAINER_CONFIG, TRAINER_CONFIG_YAML, COMPONENT_OPTIONS,
          OPTION_TYPE, STATEFUL_OPTIMIZER, DATASET_READER, DATASET,
          DATA_DEPENDENT, PREDICTION_RENDERER, PREDICTION_WRITER, USES_TRAINED_MODEL,
          TRAINED_MODEL, TRAINED_RUN, DEVICE, TRAINER, TRAINER_CALLBACK, TRAINER_SESSION,
          TRAINER_CLI, TRAINED_INSTANCE, DAGGER_COMPONENT);

  private final String packageName;
  private final String simpleName;

  KnownType(String packageName, String simpleName) {
    this.packageName = packageName;
    this.simpleName = simpleName;
  }

  public String packageName() {
    return packageName;
  }

  /** The simple name; a nested type's enclosing names come first. */
  public List<String> simpleNames() {
    return Arrays.asList(simpleName.split("\\."));
  }

  public String qualifiedName() {
    return packageName + "." + simpleName;
  }

  /** The type in the user's compilation; null when it is not on the classpath. */
  public TypeElement element(Elements elements) {
    return elements.getTypeElement(qualifiedName());
  }

  /** True when {@code type} is this type. */
  public boolean names(TypeElement type) {
    return type.getQualifiedName().contentEquals(qualifiedName());
  }

  /** The first required type missing from the user's classpath, by qualified name, if any. */
  public static java.util.Optional<String> firstMissing(Elements elements) {
    return REQUIRED.stream()
        .filter(t -> t.element(elements) == null)
        .map(KnownType::qualifiedName)
        .findFirst();
  }
}
