package org.trainkit.runtime.train;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.trainkit.runtime.CheckpointException;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.TrainingInterruptedException;
import org.trainkit.runtime.checkpoint.CheckpointFormat;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.loop.TorchThreads;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.predict.ModelInference;

/**
 * The training loop: one loop for every component, driven through plain {@link
 * TrainableComponent} calls.
 *
 * <p>Epoch- or step-based ({@code trainingType}, {@code iterations}); evaluates the dev set every
 * {@code evalFrequency} iterations and writes {@code checkpoints/last} every {@code
 * saveFrequency}, {@code checkpoints/best} whenever the monitored value improves; LR schedule,
 * gradient clipping by global norm, gradient accumulation and early stopping from the config.
 * Batches are prepared ahead on loader threads; every step runs in its own {@code NDScope}, so
 * native memory stays flat. A run resumed from {@code checkpoints/last} continues exactly as if
 * it had not stopped: parameters, optimizer and schedule state, data order and per-batch seeds
 * all come from the checkpoint.
 *
 * <p>This class is a facade: {@link FitLoop} runs a training run, {@link Cadence} decides when
 * iterations end and evaluation and saving are due, {@link OptimizerStep} takes one step, {@link
 * Evaluation} evaluates dev and test sets.
 *
 * @param <R> raw item type
 * @param <E> example type
 * @param <B> batch type
 */
public final class Trainer<R, E, B> implements AutoCloseable {

  private final TrainableComponent<R, E, B> component;
  private final TrainerConfig config;
  private final List<TrainerCallback> callbacks;
  private final LazyModel model;
  private final ExecutorService loaderThreads;
  private final Evaluation<R, E, B> evaluation;
  private final StopRequest stop = new StopRequest();

  /**
   * A trainer for {@code component}. Checks the component's metric names against each other and
   * the configured {@code monitor}, and that the device exists, first: a mistake fails here,
   * before anything is trained or written.
   *
   * @throws org.trainkit.runtime.config.ConfigException when {@code monitor} names no metric (the
   *     message suggests the nearest one)
   * @throws org.trainkit.runtime.config.ConfigException also when {@code device} names a GPU this
   *     machine does not have
   * @throws TrainingException when two metrics share a name, or one is named like the loss
   */
  public Trainer(
      TrainableComponent<R, E, B> component, TrainerConfig config, List<TrainerCallback> callbacks) {
    DeclaredMetrics.of(component.metrics()).requireMonitorable(config.monitor());
    config.device().requireAvailable();
    this.component = component;
    this.config = config;
    this.callbacks = List.copyOf(callbacks);
    TorchThreads.apply(config.torchThreads());
    this.model = new LazyModel(component, config);
    this.loaderThreads = config.loaderWorkers() == 0 ? null : newLoaderThreads(config.loaderWorkers());
    this.evaluation = new Evaluation<>(component, config, model, loaderThreads);
  }

  public TrainableComponent<R, E, B> component() {
    return component;
  }

  public TrainerConfig config() {
    return config;
  }

  /** The device the model runs on. */
  public Device device() {
    return model.get().device();
  }

  /**
   * Trains on {@code train}, evaluating on {@code dev} (may be empty), and at the end evaluates
   * the best checkpoint on {@code test} (may be empty). Writes checkpoints and reports into
   * {@code runDirectory}; with {@code resume}, continues from its {@code checkpoints/last} —
   * also to a larger {@code iterations} than the run first had.
   *
   * <p>On return the model holds the best checkpoint's parameters when there is one, and the
   * component has been offered it ({@link TrainableComponent#useTrainedModel}): an operation that
   * takes it predicts with it from then on, also after this trainer is closed.
   *
   * <p>The size, time and SHA-256 of the data files (datasets opened from files) are recorded in
   * the run directory; a resume refuses, naming the file, when one of them has changed since.
   *
   * <p>A new run parses every item of the three datasets once before its first step ({@link
   * org.trainkit.runtime.data.ParseCheck}: {@code fit}'s reads count, the rest are parsed in
   * parallel), so a malformed line of a file is a {@code DataFormatException} naming file and
   * line before anything is trained; a resumed run does not parse them again.
   *
   * @throws TrainingException when training cannot go on (a non-finite loss, a write error); the
   *     last checkpoint written stays loadable
   * @throws CheckpointException when {@code resume} finds no usable checkpoint, or a data file
   *     changed since the run started; nothing was trained or written then
   * @throws TrainingInterruptedException after {@link #requestStop()}: the step in progress was
   *     finished and {@code checkpoints/last} written
   */
  public History train(
      Dataset<R> train, Dataset<R> dev, Dataset<R> test, Path runDirectory, boolean resume) {
    if (train.isEmpty()) {
      throw new TrainingException("the training set is empty");
    }
    FitLoop.Parts<R, E, B> parts = new FitLoop.Parts<>(
        component, config, callbacks, model, loaderThreads, stop, evaluation);
    RunDirectory run = RunDirectory.at(runDirectory);
    try {
      DataFiles.check(run, resume, train, dev, test);
    } catch (IOException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
    try (FitLoop<R, E, B> loop = FitLoop.open(parts, train, dev, test, run, resume)) {
      History history = loop.run(test);
      handOverModel();
      return history;
    } catch (IOException e) {
      throw new TrainingException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new TrainingException(e.getMessage(), e.getCause());
    }
  }

  /** {@link #train(Dataset, Dataset, Dataset, Path, boolean)} on items held in memory. */
  public History train(List<R> train, List<R> dev, List<R> test, Path runDirectory, boolean resume) {
    return train(Dataset.of(train), Dataset.of(dev), Dataset.of(test), runDirectory, resume);
  }

  /**
   * Asks a running (or about to start) {@link #train} to stop at the next step boundary: it
   * finishes the optimizer step in progress (and the evaluation due right after it, if any),
   * writes {@code checkpoints/last}, and throws a {@link TrainingInterruptedException}; {@code
   * resume} then continues exactly. Safe to call from any thread, e.g. a shutdown hook.
   */
  public void requestStop() {
    stop.request();
  }

  /** Evaluates the current parameters on {@code data}: {@code loss} and every metric. */
  public Map<String, Double> evaluate(Dataset<R> data) {
    return evaluation.run(data, EvaluationHooks.NONE, Optional.empty());
  }

  /** {@link #evaluate(Dataset)} on items held in memory. */
  public Map<String, Double> evaluate(List<R> data) {
    return evaluate(Dataset.of(data));
  }

  /** Loads the parameters of a checkpoint directory (e.g. {@code run/checkpoints/best}). */
  public void loadParameters(Path checkpointDirectory) {
    try {
      CheckpointStore.verify(checkpointDirectory);
      LoopState state = CheckpointFormat.readState(checkpointDirectory);
      if (!model.exists()) {
        CheckpointFormat.readComponent(checkpointDirectory, component);
      }
      CheckpointFormat.readParameters(checkpointDirectory, model.get(), state);
    } catch (IOException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
  }

  /**
   * Offers the trained model to the component; one that takes it owns the model's native memory
   * from then on, and {@link #close()} leaves it alone.
   */
  private void handOverModel() {
    if (model.isHandedOver() || !model.exists()) {
      return;
    }
    TrainedModel<R, B> trained = ModelInference.of(
        component, model.get(), InferenceOptions.batchSize(config.inferenceBatchSize()));
    if (component.useTrainedModel(trained)) {
      model.handOver();
    }
  }

  /**
   * Releases the trainer's loader threads and, unless the component took its trained model (see
   * {@link #train}), the model's native memory.
   */
  @Override
  public void close() {
    if (loaderThreads != null) {
      loaderThreads.shutdownNow();
    }
    model.close();
  }

  private static ExecutorService newLoaderThreads(int workers) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(workers, task -> {
      Thread thread = new Thread(task, "trainkit-loader-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
