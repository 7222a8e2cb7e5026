package org.trainkit.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * What the training loop needs from a trainable component: a model, how to turn a raw item
 * into an example, how to batch examples, and how to run the model on a batch.
 *
 * <p>Data flows one way: raw item {@code R} → {@link #preprocess} → example {@code E} →
 * {@link #collate} → batch {@code B} → {@link #forward} → {@link ForwardResult}. The processor
 * generates an implementation for every {@code @Trainable} class; hand-written ones are allowed.
 *
 * @param <R> the raw item type, as read from a data file
 * @param <E> the example type, the result of preprocessing one item
 * @param <B> the batch type, the result of collating examples
 */
public interface TrainableComponent<R, E, B> {

  /**
   * The DJL block to train. Called once, after {@link #fit} or {@link #loadState}, before the
   * first step.
   */
  Block model();

  /**
   * Builds what the model depends on (vocabulary, label set) from the training items; called
   * before {@link #model()} in a new run; may iterate them more than once. The default does
   * nothing. See {@link DataDependent}.
   */
  default void fit(Dataset<R> trainingItems) {}

  /** Saves what {@link #fit} built into a checkpoint's {@code directory}. Default: nothing. */
  default void saveState(Path directory) throws IOException {}

  /** Restores what {@link #saveState} wrote, in place of {@link #fit}. Default: nothing. */
  default void loadState(Path directory) throws IOException {}

  /**
   * Turns one raw item into an example. Pure CPU work: it runs on the loader's worker threads,
   * possibly several at a time, so it must not touch shared mutable state.
   */
  E preprocess(R item);

  /**
   * Batches examples into the arrays {@link #forward} reads. Arrays must be created with
   * {@code manager}, which is closed when the batch has been used.
   */
  B collate(List<E> examples, NDManager manager);

  /**
   * Runs the model on a batch. The same code runs for training, evaluation and prediction;
   * {@link ForwardContext#mode()} tells which.
   */
  ForwardResult forward(B batch, ForwardContext context);

  /**
   * Fresh metric computers for one evaluation pass. The default is none: only the loss is
   * reported. The trainer also calls it once when it is built, before {@link #fit}, to check the
   * computers' {@link MetricsComputer#names} against each other and the monitor: create the
   * computers without touching fitted state (read it in {@code update} and {@code compute}).
   */
  default List<MetricsComputer<B>> metrics() {
    return List.of();
  }

  /**
   * The batch's examples as targets and predictions a person can read, in batch order, for the
   * saved outputs and the report. The default is none, and then no outputs are saved.
   */
  default List<Prediction> predictions(B batch, NDList output) {
    return List.of();
  }

  /**
   * What reports call this component, e.g. in the title of {@code report.html}. The default is
   * the class's simple name, without the {@code Trainable} suffix of generated adapters: {@code
   * EntityTagger} for {@code EntityTaggerTrainable}.
   */
  default String name() {
    String name = getClass().getSimpleName();
    return name.endsWith("Trainable") && name.length() > "Trainable".length()
        ? name.substring(0, name.length() - "Trainable".length())
        : name;
  }

  /** Called after every training iteration (epoch, or evaluation interval in step mode). */
  default void onEpochEnd(EpochSummary summary) {}

  /**
   * The optimizer to train with. The default builds the one the configuration names; override
   * to choose another.
   */
  default StatefulOptimizer optimizer(TrainerConfig config) {
    return StatefulOptimizer.fromConfig(config);
  }

  /**
   * Hands the component its trained model, when training ends or a run is restored, so that the
   * operation can predict with it. Returns whether the component took it: then the component owns
   * the model's native memory. The default takes nothing; the generated adapter of a class that
   * implements {@link UsesTrainedModel} passes the model on.
   */
  default boolean useTrainedModel(TrainedModel<R, B> model) {
    return false;
  }

  /**
   * Makes this component ready to predict without a run, from the pretrained model its options
   * name (see {@link PredictsPretrained}); called instead of {@link #fit} and {@link #loadState}.
   * The default cannot: only a class that implements {@code PredictsPretrained} can.
   */
  default void usePretrained() {
    throw new UnsupportedOperationException(name() + " cannot predict without training: it"
        + " uses no pretrained model; train it, then predict with --run RUN");
  }

  /**
   * How {@code predict} writes this component's predictions. The default writes the {@link
   * #predictions} rows as TSV; a class names its own with {@code @Trainable(writer = ...)}.
   */
  default PredictionWriter<R, B> predictionWriter() {
    return new TsvPredictionWriter<>(this);
  }
}
