package org.trainkit.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.trainkit.runtime.loop.BatchLoader;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.TrainingInterruptedException;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.EpochOrder;
import org.trainkit.runtime.data.ParseCheck;
import org.trainkit.runtime.data.VisitOrder;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.loop.EarlyStopping;
import org.trainkit.runtime.optim.LearningRateSchedule;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.report.RunRecorder;

/**
 * One {@link Trainer#train} call (Lightning's fit loop with its epoch loop): iterations of
 * optimizer steps until the {@link Cadence} says the run is over, early stopping stops it, or a
 * stop is requested. At each iteration's end it evaluates the dev set (when due), records the
 * iteration, keeps the best checkpoint, and writes {@code last} when due; at the run's end it
 * tests the best checkpoint. It is also the {@link TrainerState} callbacks see.
 */
final class FitLoop<R, E, B> implements TrainerState, AutoCloseable {

  /** What the loop works with besides the run's own data and state. */
  record Parts<R, E, B>(
      TrainableComponent<R, E, B> component,
      TrainerConfig config,
      List<TrainerCallback> callbacks,
      LazyModel model,
      ExecutorService loaderThreads,
      StopRequest stop,
      Evaluation<R, E, B> evaluation) {}

  private final Parts<R, E, B> parts;
  private final TrainerConfig config;
  private final List<TrainerCallback> callbacks;
  private final Dataset<R> train;
  private final Dataset<R> dev;
  private final Cadence cadence;
  private final int batchesPerEpoch;
  private final StatefulOptimizer optimizer;
  private final LearningRateSchedule schedule;
  private final EarlyStopping earlyStopping;
  private final RunCheckpoints checkpoints;
  private final OptimizerStep<R, E, B> step;
  private final RunRecorder recorder;
  private LoopState state;
  private History history;

  private FitLoop(Parts<R, E, B> parts, Dataset<R> train, Dataset<R> dev, Cadence cadence,
      int batchesPerEpoch, StatefulOptimizer optimizer, LearningRateSchedule schedule,
      EarlyStopping earlyStopping, RunCheckpoints checkpoints, RunRecorder recorder,
      LoopState state, History history) {
    this.parts = parts;
    this.config = parts.config();
    this.callbacks = parts.callbacks();
    this.train = train;
    this.dev = dev;
    this.cadence = cadence;
    this.batchesPerEpoch = batchesPerEpoch;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.earlyStopping = earlyStopping;
    this.checkpoints = checkpoints;
    this.recorder = recorder;
    this.state = state;
    this.history = history;
    this.step = new OptimizerStep<>(parts.component(), config, parts.model(), optimizer, schedule,
        checkpoints::intactCheckpoint);
  }

  /**
   * Prepares a run in {@code runDirectory}: restores its last checkpoint ({@code resume}) or fits
   * the component on the training data and parses every item of the three datasets once
   * ({@link ParseCheck}), and starts the run's record.
   */
  static <R, E, B> FitLoop<R, E, B> open(Parts<R, E, B> parts, Dataset<R> train, Dataset<R> dev,
      Dataset<R> test, RunDirectory runDirectory, boolean resume) throws IOException {
    TrainerConfig config = parts.config();
    int batchesPerEpoch = BatchLoader.batchCount(train.size(), config.batchSize());
    Cadence cadence = Cadence.of(config, batchesPerEpoch, !dev.isEmpty());
    RunCheckpoints checkpoints = new RunCheckpoints(parts.component(), parts.model(), runDirectory.root());
    StatefulOptimizer optimizer = parts.component().optimizer(config);
    try {
      LearningRateSchedule schedule = LearningRateSchedule.fromConfig(config, cadence.totalSteps());
      EarlyStopping earlyStopping = new EarlyStopping(
          config.earlyStoppingPatience(), config.earlyStoppingMinDelta(), config.higherIsBetter());
      LoopState state = LoopState.start();
      History history = new History(config.monitor(), config.higherIsBetter(), List.of());
      if (resume) {
        RunCheckpoints.Restored restored = checkpoints.restore(optimizer, schedule);
        state = restored.state();
        history = restored.history();
        earlyStopping.restore(state.earlyStoppingBest(), state.earlyStoppingBad());
      } else if (checkpoints.exist()) {
        throw new TrainingException(
            runDirectory + " already holds a run; resume it, or choose another output directory");
      } else if (!parts.model().exists()) {
        // fit parses the items it reads; the check parses the rest, so a malformed line is
        // reported before the first step (a resumed run checked its files when it started)
        ParseCheck.Reads<R> reads = ParseCheck.recording(train);
        parts.component().fit(reads);
        reads.checkRest();
        ParseCheck.all(dev, test);
      } else {
        ParseCheck.all(train, dev, test);
      }
      checkpoints.removeLeftovers();
      RunRecorder recorder = RunRecorder.start(
          runDirectory, parts.component().name(), config, history);
      return new FitLoop<>(parts, train, dev, cadence, batchesPerEpoch, optimizer, schedule,
          earlyStopping, checkpoints, recorder, state, history);
    } catch (IOException | RuntimeException e) {
      close(optimizer);
      throw e;
    }
  }

  /** Trains to the end, then tests the best checkpoint on {@code test} (may be empty). */
  History run(Dataset<R> test) throws IOException {
    long started = System.nanoTime();
    double secondsBefore = state.seconds();
    callbacks.forEach(c -> c.onTrainBegin(this));
    boolean stop = false;
    long iterationStart = System.nanoTime();
    while (!stop && !cadence.finished(state.globalStep())) {
      if (parts.stop().isRequested()) {
        interrupt(secondsBefore + (System.nanoTime() - started) / 1e9);
      }
      if (state.intervalBatches() == 0) {
        iterationStart = System.nanoTime();
        callbacks.forEach(c -> c.onIterationBegin(this));
      }
      boolean epochEnded = runEpoch();
      boolean iterationEnded = cadence.iterationEnds(state.globalStep(), epochEnded);
      if (iterationEnded) {
        stop = endIteration((System.nanoTime() - iterationStart) / 1e9);
      }
      if (stop || cadence.saveDue(state.globalStep(), iterationEnded, state.iteration())) {
        state = state.withSeconds(secondsBefore + (System.nanoTime() - started) / 1e9);
        checkpoints.saveLast(optimizer, schedule, state, history);
      }
    }
    return finish(test, secondsBefore + (System.nanoTime() - started) / 1e9);
  }

  /**
   * Runs optimizer steps until the epoch ends or the cadence pauses it (an iteration end or a
   * save may be due), or a stop is requested. Returns whether the epoch ended.
   */
  private boolean runEpoch() {
    VisitOrder order = EpochOrder.visit(train.size(), config.seed(), state.epoch(), config.shuffle());
    try (BatchLoader<R, E, B> loader = new BatchLoader<>(parts.component(), train, order,
        state.batchInEpoch() * config.batchSize(),
        config.batchSize(), parts.model().get().manager(), parts.loaderThreads(),
        config.prefetchBatches())) {
      while (loader.hasNext()) {
        callbacks.forEach(c -> c.onStepBegin(this));
        OptimizerStep.Outcome outcome = step.run(loader, state.globalStep(), state.batchesSeen());
        state = state.afterStep(outcome.batches(), outcome.skipped(), outcome.lossSum(),
            state.inputShapes().isEmpty() && parts.model().get().isInitialized()
                ? List.of(parts.model().get().inputShapes())
                : state.inputShapes());
        double stepLoss = outcome.meanLoss();
        callbacks.forEach(c -> c.onStepEnd(this, stepLoss));
        if (parts.stop().isRequested() || cadence.pauseAfterStep(state.globalStep())) {
          if (loader.hasNext()) {
            return false;
          }
          endEpoch();
          return true;
        }
      }
    }
    endEpoch();
    return true;
  }

  private void endEpoch() {
    callbacks.forEach(c -> c.onLoaderExhausted(this));
    state = state.nextEpoch();
  }

  /** Ends an iteration: evaluates, records, keeps the best; returns whether to stop. */
  private boolean endIteration(double seconds) throws IOException {
    int iteration = cadence.endingIteration(state.globalStep(), state.epoch());
    Map<String, Double> metrics = new LinkedHashMap<>();
    double devLoss = Double.NaN;
    if (cadence.evaluationDue(iteration, state.globalStep())) {
      metrics = new LinkedHashMap<>(parts.evaluation().run(dev,
          EvaluationHooks.validation(callbacks, this),
          outputs(config.saveDevOutputs(), String.format("dev-%04d", iteration))));
      devLoss = metrics.remove("loss");
      if (config.saveTrainOutputs()) {
        parts.evaluation().run(train, EvaluationHooks.NONE,
            outputs(true, String.format("train-%04d", iteration)));
      }
    }
    double trainLoss = state.intervalLossSum() / state.intervalBatches();
    EpochSummary summary = new EpochSummary(
        iteration, state.globalStep(), trainLoss, devLoss, metrics,
        schedule.learningRate(Math.min(state.globalStep(), cadence.totalSteps() - 1)), seconds);
    history = history.plus(summary);
    boolean stop = judge(summary);
    recorder.iteration(summary);
    parts.component().onEpochEnd(summary);
    callbacks.forEach(c -> c.onIterationEnd(this, summary));
    return stop || summary.stopRequested();
  }

  /**
   * Feeds the monitored value to the schedule and early stopping, and saves {@code best} when it
   * improved. Returns whether early stopping says to stop.
   */
  private boolean judge(EpochSummary summary) {
    double monitored = summary.value(config.monitor());
    boolean higherIsBetter = config.higherIsBetter();
    boolean stop = false;
    double bestValue = state.bestValue();
    if (summary.evaluated() || config.monitor().equals("train_loss")) {
      if (Double.isNaN(monitored) && summary.evaluated()) {
        throw new TrainingException(
            "monitor: '" + config.monitor() + "' is not a reported value; reported are "
                + "train_loss, dev_loss"
                + (summary.metrics().isEmpty() ? "" : ", " + String.join(", ", summary.metrics().keySet())));
      }
      schedule.onEvaluation(monitored, higherIsBetter);
      stop = earlyStopping.update(monitored);
      if (Double.isNaN(bestValue) || (higherIsBetter ? monitored > bestValue : monitored < bestValue)) {
        bestValue = monitored;
        checkpoints.saveBest(state);
      }
    }
    state = state.afterIteration(earlyStopping.best(), earlyStopping.badEvaluations(), bestValue);
    return stop;
  }

  /** Loads the best checkpoint, tests it, and records the run's outcome. */
  private History finish(Dataset<R> test, double seconds) throws IOException {
    checkpoints.loadBest(state);
    Map<String, Double> devMetrics = new LinkedHashMap<>();
    EpochSummary best = history.best();
    if (best != null && best.evaluated()) {
      devMetrics.put("loss", best.devLoss());
      devMetrics.putAll(best.metrics());
    }
    Map<String, Double> testMetrics = new LinkedHashMap<>();
    if (!test.isEmpty()) {
      testMetrics = parts.evaluation().run(test, EvaluationHooks.test(callbacks, this),
          outputs(config.saveTestOutputs(), "test-best"));
    }
    recorder.finish(history, devMetrics, testMetrics, seconds, state.skippedBatches());
    History result = history;
    parts.stop().clear(); // a stop asked for after the last step has nothing left to stop
    callbacks.forEach(c -> c.onTrainEnd(this, result));
    return result;
  }

  /** Where an evaluation's predictions go: {@code outputs/<name>.tsv}, when they are kept. */
  private Optional<Consumer<String>> outputs(boolean keep, String name) {
    return keep ? Optional.of(tsv -> recorder.outputs(name, tsv)) : Optional.empty();
  }

  /**
   * Honours a stop request: writes {@code last} unless it already holds this step, and throws.
   * Called between steps only, so the state is whole.
   */
  private void interrupt(double seconds) {
    parts.stop().clear();
    if (checkpoints.savedStep() != state.globalStep() && state.globalStep() > 0) {
      state = state.withSeconds(seconds);
      checkpoints.saveLast(optimizer, schedule, state, history);
    }
    throw new TrainingInterruptedException(
        state.globalStep(), cadence.totalSteps(), checkpoints.saved().orElse(null));
  }

  /** Frees the optimizer's state arrays; the parameters stay with the model. */
  @Override
  public void close() {
    close(optimizer);
  }

  private static void close(StatefulOptimizer optimizer) {
    if (optimizer instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new TrainingException("could not release the optimizer state: " + e.getMessage(), e);
      }
    }
  }

  // TrainerState ---------------------------------------------------------------------------------

  @Override
  public TrainerConfig config() {
    return config;
  }

  @Override
  public Path runDirectory() {
    return recorder.directory().root();
  }

  @Override
  public int iteration() {
    return cadence.currentIteration(state.globalStep(), state.epoch());
  }

  @Override
  public int totalIterations() {
    return config.iterations();
  }

  @Override
  public long globalStep() {
    return state.globalStep();
  }

  @Override
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public double learningRate() {
    return schedule.learningRate(Math.min(state.globalStep(), Math.max(0, cadence.totalSteps() - 1)));
  }
}
