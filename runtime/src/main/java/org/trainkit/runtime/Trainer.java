package org.trainkit.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.NonFinitePolicy;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.data.BatchLoader;
import org.trainkit.runtime.data.EpochOrder;
import org.trainkit.runtime.loop.EarlyStopping;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.loop.Seeds;
import org.trainkit.runtime.optim.GradientClipping;
import org.trainkit.runtime.optim.LearningRateSchedule;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;
import org.trainkit.runtime.report.AtomicFiles;
import org.trainkit.runtime.report.HistoryJson;
import org.trainkit.runtime.report.MetricsLog;
import org.trainkit.runtime.report.RunSummary;

/**
 * The training loop: one loop for every component, driven through plain {@link
 * TrainableComponent} calls.
 *
 * <p>Epoch- or step-based ({@code trainingType}, {@code iterations}); evaluates the dev set every
 * {@code evalFrequency} iterations and writes {@code checkpoints/last} every {@code
 * saveFrequency}, {@code checkpoints/best} whenever the monitored value improves; LR schedule,
 * gradient clipping by global norm, gradient accumulation and early stopping from the config.
 * Batches are prepared ahead on loader threads; every step runs in its own {@link NDScope}, so
 * native memory stays flat. A run resumed from {@code checkpoints/last} continues exactly as if
 * it had not stopped: parameters, optimizer and schedule state, data order and per-step seeds
 * all come from the checkpoint.
 *
 * @param <R> raw item type
 * @param <E> example type
 * @param <B> batch type
 */
public final class Trainer<R, E, B> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private static final String PARAMETERS = TrainedRun.PARAMETERS;
  private static final String OPTIMIZER = "optimizer.bin";
  private static final String SCHEDULE = "schedule.bin";
  private static final String STATE = "state.json";
  private static final String HISTORY = "history.json";
  private static final String COMPONENT = TrainedRun.COMPONENT;
  /** Every element of an array, of any rank. */
  private static final NDIndex EVERYWHERE = new NDIndex("...");

  private final TrainableComponent<R, E, B> component;
  private final TrainerConfig config;
  private final List<TrainerCallback> callbacks;
  private ModelRunner model;
  private final ExecutorService loaderThreads;
  /** Set by {@link #requestStop()} from any thread; read by the loop between steps. */
  private volatile boolean stopRequested;

  public Trainer(
      TrainableComponent<R, E, B> component, TrainerConfig config, List<TrainerCallback> callbacks) {
    this.component = component;
    this.config = config;
    this.callbacks = List.copyOf(callbacks);
    this.loaderThreads = config.loaderWorkers() == 0 ? null : newLoaderThreads(config.loaderWorkers());
  }

  public TrainableComponent<R, E, B> component() {
    return component;
  }

  public TrainerConfig config() {
    return config;
  }

  /** The device the model runs on. */
  public Device device() {
    return model().device();
  }

  /**
   * Trains on {@code train}, evaluating on {@code dev} (may be empty), and at the end evaluates
   * the best checkpoint on {@code test} (may be empty). Writes checkpoints and reports into
   * {@code runDirectory}; with {@code resume}, continues from its {@code checkpoints/last} —
   * also to a larger {@code iterations} than the run first had.
   *
   * <p>On return the model holds the best checkpoint's parameters when there is one.
   *
   * @throws TrainingException when training cannot go on (a non-finite loss, a write error); the
   *     last checkpoint written stays loadable
   * @throws CheckpointException when {@code resume} finds no usable checkpoint; nothing was
   *     trained or written then
   * @throws TrainingInterruptedException after {@link #requestStop()}: the step in progress was
   *     finished and {@code checkpoints/last} written
   */
  public History train(List<R> train, List<R> dev, List<R> test, Path runDirectory, boolean resume) {
    if (train.isEmpty()) {
      throw new TrainingException("the training set is empty");
    }
    try (Run run = new Run(train, dev, runDirectory, resume)) {
      return run.execute(test);
    } catch (IOException e) {
      throw new TrainingException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new TrainingException(e.getMessage(), e.getCause());
    }
  }

  /**
   * Asks a running (or about to start) {@link #train} to stop at the next step boundary: it
   * finishes the optimizer step in progress (and the evaluation due right after it, if any),
   * writes {@code checkpoints/last}, and throws a {@link TrainingInterruptedException}; {@code
   * resume} then continues exactly. Safe to call from any thread, e.g. a shutdown hook.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Evaluates the current parameters on {@code data}: {@code loss} and every metric. */
  public Map<String, Double> evaluate(List<R> data) {
    return evaluate(data, null, Phase.EVALUATE, null);
  }

  /** Loads the parameters of a checkpoint directory (e.g. {@code run/checkpoints/best}). */
  public void loadParameters(Path checkpointDirectory) {
    try {
      CheckpointStore.verify(checkpointDirectory);
      LoopState state = LoopState.read(checkpointDirectory.resolve(STATE));
      restoreComponent(checkpointDirectory);
      ensureInitialized(checkpointDirectory, state.inputShapes());
      readParameters(checkpointDirectory);
    } catch (IOException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (loaderThreads != null) {
      loaderThreads.shutdownNow();
    }
    if (model != null) {
      model.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One training run

  /** The state of one {@link #train} call. */
  private final class Run implements TrainerState, AutoCloseable {
    private final List<R> train;
    private final List<R> dev;
    private final Path runDirectory;
    private final CheckpointStore checkpoints;
    private final int batchesPerEpoch;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final StatefulOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final EarlyStopping earlyStopping;
    private final boolean higherIsBetter;
    private LoopState state = LoopState.start();
    private History history;
    private MetricsLog metricsLog;
    /** The complete checkpoint holding the current state, if any (null: none yet). */
    private Path savedCheckpoint;
    private long savedStep = -1;

    Run(List<R> train, List<R> dev, Path runDirectory, boolean resume) throws IOException {
      this.train = train;
      this.dev = dev;
      this.runDirectory = runDirectory;
      this.checkpoints = new CheckpointStore(runDirectory);
      this.batchesPerEpoch = BatchLoader.batchCount(train.size(), config.batchSize());
      this.stepsPerEpoch = (batchesPerEpoch + config.gradientAccumulation() - 1) / config.gradientAccumulation();
      this.totalSteps =
          config.trainingType() == TrainingType.EPOCH
              ? (long) config.iterations() * stepsPerEpoch
              : config.iterations();
      this.optimizer = component.optimizer(config);
      this.schedule = LearningRateSchedule.fromConfig(config, totalSteps);
      this.higherIsBetter = config.higherIsBetter();
      this.earlyStopping =
          new EarlyStopping(config.earlyStoppingPatience(), config.earlyStoppingMinDelta(), higherIsBetter);
      this.history = new History(config.monitor(), higherIsBetter, List.of());
      if (resume) {
        try {
          restore();
        } catch (IOException | RuntimeException e) {
          if (e instanceof CheckpointException) {
            throw e;
          }
          throw new CheckpointException("cannot resume: " + e.getMessage(), e);
        }
      } else if (checkpoints.exists()) {
        throw new TrainingException(
            runDirectory + " already holds a run; resume it, or choose another output directory");
      } else if (model == null) {
        component.fit(train);
      }
      Files.createDirectories(runDirectory);
      checkpoints.removeLeftovers();
      TrainerConfigYaml.save(config, runDirectory.resolve("config.yaml"));
      this.metricsLog = new MetricsLog(runDirectory, history);
    }

    private void restore() throws IOException {
      Path dir;
      try {
        dir = checkpoints.resumable();
      } catch (IOException e) {
        throw new CheckpointException("cannot resume: " + e.getMessage(), e);
      }
      Path last = checkpoints.directory(CheckpointStore.LAST);
      if (!dir.equals(last) && Files.isDirectory(last)) {
        String problem;
        try {
          CheckpointStore.verify(last);
          problem = "unusable";
        } catch (IOException e) {
          problem = e.getMessage();
        }
        Path aside = checkpoints.setAsideLast().orElse(last);
        LOG.warn("{} is damaged ({}); resuming from {} instead; the damaged one is kept as {}",
            last, problem, dir, aside);
      }
      state = LoopState.read(dir.resolve(STATE));
      restoreComponent(dir);
      ensureInitialized(dir, state.inputShapes());
      readParameters(dir);
      try (DataInputStream in = open(dir.resolve(OPTIMIZER))) {
        optimizer.load(in, model().weights(), model().manager());
      } catch (IOException e) {
        throw new IOException(dir.resolve(OPTIMIZER) + ": " + e.getMessage(), e);
      }
      try (DataInputStream in = open(dir.resolve(SCHEDULE))) {
        schedule.load(in);
      } catch (IOException e) {
        throw new IOException(dir.resolve(SCHEDULE) + ": " + e.getMessage(), e);
      }
      history = HistoryJson.read(dir.resolve(HISTORY));
      earlyStopping.restore(state.earlyStoppingBest(), state.earlyStoppingBad());
      savedCheckpoint = dir;
      savedStep = state.globalStep();
    }

    History execute(List<R> test) throws IOException {
      long started = System.nanoTime();
      double secondsBefore = state.seconds();
      callbacks.forEach(c -> c.onTrainBegin(this));
      boolean stop = false;
      long iterationStart = System.nanoTime();
      while (!stop && state.globalStep() < totalSteps) {
        if (stopRequested) {
          interrupt(secondsBefore, started);
        }
        if (state.intervalBatches() == 0) {
          iterationStart = System.nanoTime();
          callbacks.forEach(c -> c.onIterationBegin(this));
        }
        boolean epochEnded = runEpochSteps();
        boolean boundary = isStepMode()
            ? state.globalStep() % config.evalFrequency() == 0 || state.globalStep() == totalSteps
            : epochEnded;
        if (boundary) {
          stop = endIteration((System.nanoTime() - iterationStart) / 1e9);
        }
        boolean saveDue = isStepMode()
            ? state.globalStep() % config.saveFrequency() == 0
            : boundary && state.iteration() % config.saveFrequency() == 0;
        if (saveDue || stop || state.globalStep() == totalSteps) {
          state = state.withSeconds(secondsBefore + (System.nanoTime() - started) / 1e9);
          saveLast();
        }
      }
      double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
      Map<String, Double> devMetrics = new LinkedHashMap<>();
      Map<String, Double> testMetrics = new LinkedHashMap<>();
      Optional<Path> best = checkpoints.best();
      if (best.isPresent()) {
        readParameters(best.get());
      }
      EpochSummary bestSummary = history.best();
      if (bestSummary != null && bestSummary.evaluated()) {
        devMetrics.put("loss", bestSummary.devLoss());
        devMetrics.putAll(bestSummary.metrics());
      }
      if (!test.isEmpty()) {
        testMetrics = evaluate(test, this, Phase.TEST,
            config.saveTestOutputs() ? outputs("test-best") : null);
      }
      HistoryJson.write(history, runDirectory.resolve(HISTORY));
      RunSummary.write(
          runDirectory, history, devMetrics, testMetrics, seconds, state.skippedBatches());
      History result = history;
      stopRequested = false; // a stop asked for after the last step has nothing left to stop
      callbacks.forEach(c -> c.onTrainEnd(this, result));
      return history;
    }

    /**
     * Honours {@link #requestStop()}: writes {@code last} unless it already holds this step, and
     * throws. Called between steps only, so the state is whole.
     */
    private void interrupt(double secondsBefore, long started) throws IOException {
      stopRequested = false;
      if (savedStep != state.globalStep() && state.globalStep() > 0) {
        state = state.withSeconds(secondsBefore + (System.nanoTime() - started) / 1e9);
        saveLast();
      }
      throw new TrainingInterruptedException(state.globalStep(), totalSteps, savedCheckpoint);
    }

    /** Frees the optimizer's state arrays; the parameters stay with the model. */
    @Override
    public void close() {
      if (optimizer instanceof AutoCloseable) {
        try {
          ((AutoCloseable) optimizer).close();
        } catch (Exception e) {
          throw new TrainingException("could not release the optimizer state: " + e.getMessage(), e);
        }
      }
    }

    private Path outputs(String name) {
      return runDirectory.resolve("outputs").resolve(name + ".tsv");
    }

    private boolean isStepMode() {
      return config.trainingType() == TrainingType.STEP;
    }

    /**
     * Runs optimizer steps until the iteration boundary: the end of the epoch in epoch mode, the
     * next multiple of evalFrequency in step mode. Returns whether the epoch ended.
     */
    private boolean runEpochSteps() {
      int[] order = EpochOrder.of(train.size(), config.seed(), state.epoch(), config.shuffle());
      int[] remaining = EpochOrder.suffix(order, state.batchInEpoch() * config.batchSize());
      try (BatchLoader<R, E, B> loader =
          new BatchLoader<>(
              component, train, remaining, config.batchSize(), model().manager(), loaderThreads,
              config.prefetchBatches())) {
        while (loader.hasNext()) {
          step(loader);
          if (stopRequested
              || (isStepMode()
                  && (state.globalStep() % config.evalFrequency() == 0
                      || state.globalStep() % config.saveFrequency() == 0
                      || state.globalStep() == totalSteps))) {
            if (!loader.hasNext()) {
              endEpoch();
              return true;
            }
            return false;
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

    /** One optimizer step over up to {@code gradientAccumulation} batches. */
    private void step(BatchLoader<R, E, B> loader) {
      callbacks.forEach(c -> c.onStepBegin(this));
      int accumulate = config.gradientAccumulation();
      double lossSum = 0;
      int batches = 0;
      int skipped = 0;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        while (batches + skipped < accumulate && loader.hasNext()) {
          Engine.getInstance().setRandomSeed(Seeds.step(config.seed(), state.batchesSeen() + batches + skipped));
          try (Batch<B> batch = loader.next()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              ForwardResult result =
                  component.forward(batch.data(), model().context(true, batch.manager()));
              float loss = scalarLoss(result);
              if (Float.isFinite(loss)) {
                collector.backward(result.loss());
                lossSum += loss;
                batches++;
              } else if (config.nonFiniteLoss() == NonFinitePolicy.SKIP) {
                skipped++;
              } else {
                throw new TrainingException(
                    "the loss is " + loss + " at step " + (state.globalStep() + 1)
                        + " (examples " + java.util.Arrays.toString(batch.indices())
                        + "); stopped before applying it. " + intactCheckpoint()
                        + "; set nonFiniteLoss: skip to skip such batches instead");
              }
            }
          }
        }
        if (batches > 0) {
          List<ParameterGradient> gradients = model().gradients();
          List<NDArray> arrays = new ArrayList<>(gradients.size());
          gradients.forEach(g -> arrays.add(g.gradient()));
          float scale = 1f / batches;
          // One number read back per step: it guards against non-finite gradients (a finite loss
          // can still have them) and is the norm that clipping needs.
          float norm = GradientClipping.globalNorm(arrays) * scale;
          if (Float.isFinite(norm)) {
            scale *= GradientClipping.clipScale(norm, config.gradientClipNorm());
            optimizer.step(gradients, (float) schedule.learningRate(state.globalStep()), scale);
          } else if (config.nonFiniteLoss() == NonFinitePolicy.SKIP) {
            arrays.forEach(g -> g.set(EVERYWHERE, 0f)); // gradients add up: drop these
            skipped += batches;
            batches = 0;
            lossSum = 0;
          } else {
            throw new TrainingException(
                "the gradient norm is " + norm + " at step " + (state.globalStep() + 1)
                    + " (the loss was finite); stopped before applying it. "
                    + intactCheckpoint() + "; set nonFiniteLoss: skip to skip such batches instead");
          }
        }
      }
      state = state.afterStep(batches, skipped, lossSum,
          state.inputShapes().isEmpty() && model().isInitialized()
              ? List.of(model().inputShapes())
              : state.inputShapes());
      double stepLoss = batches == 0 ? Double.NaN : lossSum / batches;
      callbacks.forEach(c -> c.onStepEnd(this, stepLoss));
    }

    /** Ends an iteration: evaluates, records, reports, checks early stopping. */
    private boolean endIteration(double seconds) throws IOException {
      int iteration = isStepMode() ? (int) state.globalStep() : state.epoch();
      boolean evaluate = !dev.isEmpty()
          && (isStepMode()
              || iteration % config.evalFrequency() == 0
              || state.globalStep() == totalSteps);
      Map<String, Double> metrics = new LinkedHashMap<>();
      double devLoss = Double.NaN;
      if (evaluate) {
        metrics = evaluate(dev, this, Phase.VALIDATION,
            config.saveDevOutputs() ? outputs(String.format("dev-%04d", iteration)) : null);
        devLoss = metrics.remove("loss");
      }
      if (evaluate && config.saveTrainOutputs()) {
        evaluate(train, null, Phase.EVALUATE, outputs(String.format("train-%04d", iteration)));
      }
      double trainLoss = state.intervalLossSum() / state.intervalBatches();
      EpochSummary summary = new EpochSummary(
          iteration, state.globalStep(), trainLoss, devLoss, metrics,
          schedule.learningRate(Math.min(state.globalStep(), totalSteps - 1)), seconds);
      history = history.plus(summary);
      double monitored = summary.value(config.monitor());
      boolean stop = false;
      double bestValue = state.bestValue();
      if (summary.evaluated() || config.monitor().equals("train_loss")) {
        if (Double.isNaN(monitored) && summary.evaluated()) {
          throw new TrainingException(
              "monitor: '" + config.monitor() + "' is not a reported value; reported are "
                  + "train_loss, dev_loss" + (metrics.isEmpty() ? "" : ", " + String.join(", ", metrics.keySet())));
        }
        schedule.onEvaluation(monitored, higherIsBetter);
        stop = earlyStopping.update(monitored);
        if (Double.isNaN(bestValue) || (higherIsBetter ? monitored > bestValue : monitored < bestValue)) {
          bestValue = monitored;
          saveBest();
        }
      }
      state = state.afterIteration(earlyStopping.best(), earlyStopping.badEvaluations(), bestValue);
      metricsLog.append(summary);
      component.onEpochEnd(summary);
      callbacks.forEach(c -> c.onIterationEnd(this, summary));
      return stop || summary.stopRequested();
    }

    private void saveLast() throws IOException {
      LoopState snapshot = state;
      History historySnapshot = history;
      try {
        checkpoints.saveLast(dir -> {
          writeParameters(dir);
          try (DataOutputStream out = create(dir.resolve(OPTIMIZER))) {
            optimizer.save(out);
          }
          try (DataOutputStream out = create(dir.resolve(SCHEDULE))) {
            schedule.save(out);
          }
          snapshot.write(dir.resolve(STATE));
          HistoryJson.write(historySnapshot, dir.resolve(HISTORY));
        });
      } catch (IOException | UncheckedIOException e) {
        throw new TrainingException(
            "could not write the checkpoint " + checkpoints.directory(CheckpointStore.LAST)
                + " at step " + snapshot.globalStep() + ": " + e.getMessage() + "; "
                + intactCheckpoint(), e);
      }
      savedCheckpoint = checkpoints.directory(CheckpointStore.LAST);
      savedStep = snapshot.globalStep();
    }

    private void saveBest() throws IOException {
      LoopState snapshot = state;
      try {
        checkpoints.saveBest(dir -> {
          writeParameters(dir);
          snapshot.write(dir.resolve(STATE));
        });
      } catch (IOException | UncheckedIOException e) {
        throw new TrainingException(
            "could not write the checkpoint " + checkpoints.directory(CheckpointStore.BEST)
                + " at step " + snapshot.globalStep() + ": " + e.getMessage() + "; the best "
                + "checkpoint before it is intact, and " + intactCheckpoint(), e);
      }
    }

    /** What a failed write leaves to resume from, for its message. */
    private String intactCheckpoint() {
      return savedCheckpoint == null
          ? "no checkpoint was written before it, so the run must start again"
          : savedCheckpoint + " (step " + savedStep + ") is intact: resume continues from there";
    }

    @Override
    public TrainerConfig config() {
      return config;
    }

    @Override
    public Path runDirectory() {
      return runDirectory;
    }

    @Override
    public int iteration() {
      return isStepMode()
          ? (int) Math.min(totalSteps, state.globalStep() + 1)
          : state.epoch() + 1;
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
      return schedule.learningRate(Math.min(state.globalStep(), Math.max(0, totalSteps - 1)));
    }
  }


  // ---------------------------------------------------------------------------------------------
  // Evaluation

  private enum Phase {
    VALIDATION,
    TEST,
    EVALUATE
  }

  /** Loss (mean over examples) and metrics of the current parameters on {@code data}. */
  private Map<String, Double> evaluate(List<R> data, TrainerState state, Phase phase, Path outputs) {
    StringBuilder rows = outputs == null ? null : new StringBuilder("index\ttarget\tprediction\tloss\n");
    if (state != null) {
      callbacks.forEach(c -> {
        if (phase == Phase.TEST) {
          c.onTestBegin(state);
        } else {
          c.onValidationBegin(state);
        }
      });
    }
    List<MetricsComputer<B>> metrics = component.metrics();
    double lossSum = 0;
    long examples = 0;
    int[] order = EpochOrder.of(data.size(), 0, 0, false);
    int batchIndex = 0;
    try (BatchLoader<R, E, B> loader =
        new BatchLoader<>(
            component, data, order, config.inferenceBatchSize(), model().manager(), loaderThreads,
            config.prefetchBatches())) {
      while (loader.hasNext()) {
        int index = batchIndex++;
        if (state != null) {
          callbacks.forEach(c -> {
            if (phase == Phase.TEST) {
              c.onTestStepBegin(state, index);
            } else {
              c.onValidationStepBegin(state, index);
            }
          });
        }
        float loss;
        try (NDScope scope = new NDScope();
            Batch<B> batch = loader.next()) {
          scope.suppressNotUsedWarning();
          ForwardResult result = component.forward(batch.data(), model().context(false, batch.manager()));
          loss = scalarLoss(result);
          lossSum += (double) loss * batch.size();
          examples += batch.size();
          for (MetricsComputer<B> m : metrics) {
            m.update(batch, result.output());
          }
          if (rows != null) {
            appendOutputs(rows, batch, component.predictions(batch.data(), result.output()));
          }
        }
        if (state != null) {
          callbacks.forEach(c -> {
            if (phase == Phase.TEST) {
              c.onTestStepEnd(state, index, loss);
            } else {
              c.onValidationStepEnd(state, index, loss);
            }
          });
        }
      }
    }
    if (rows != null && rows.indexOf("\n") < rows.length() - 1) {
      try {
        AtomicFiles.write(outputs, rows.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new TrainingException("could not save outputs: " + e.getMessage(), e);
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("loss", examples == 0 ? Double.NaN : lossSum / examples);
    for (MetricsComputer<B> m : metrics) {
      values.putAll(m.compute());
    }
    if (state != null) {
      Map<String, Double> reported = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      callbacks.forEach(c -> {
        if (phase == Phase.TEST) {
          c.onTestEnd(state, reported);
        } else {
          c.onValidationEnd(state, reported);
        }
      });
    }
    return values;
  }

  /** One TSV row per example: dataset index, target, prediction, loss. */
  private static <B> void appendOutputs(StringBuilder rows, Batch<B> batch, List<Prediction> predictions) {
    for (int i = 0; i < predictions.size() && i < batch.size(); i++) {
      Prediction p = predictions.get(i);
      rows.append(batch.index(i)).append('\t')
          .append(oneLine(p.target())).append('\t')
          .append(oneLine(p.prediction())).append('\t')
          .append(Double.isNaN(p.loss()) ? "" : Double.toString(p.loss())).append('\n');
    }
  }

  private static String oneLine(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static float scalarLoss(ForwardResult result) {
    NDArray loss = result.loss();
    if (loss.size() != 1) {
      throw new TrainingException(
          "@Forward returned a loss of shape " + loss.getShape()
              + "; it must be a scalar: the batch's mean loss (e.g. loss.mean())");
    }
    return loss.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Parameters on disk

  /**
   * The model, created on first use: after the component was fitted on the training data or
   * restored from a checkpoint, since its shape may depend on either.
   */
  private ModelRunner model() {
    if (model == null) {
      model = new ModelRunner(component.model(), device(config.device()), config.seed());
    }
    return model;
  }

  /** Restores the component's fitted state from a checkpoint, unless the model already exists. */
  private void restoreComponent(Path checkpoint) throws IOException {
    if (model == null) {
      Path dir = checkpoint.resolve(COMPONENT);
      try {
        component.loadState(dir);
      } catch (IOException | RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        throw new IOException(
            message.contains(checkpoint.toString())
                ? message
                : "cannot restore the component's fitted state from " + dir + ": " + message, e);
      }
    }
  }

  private void ensureInitialized(Path checkpoint, List<Shape> inputShapes) throws IOException {
    if (model().isInitialized()) {
      return;
    }
    if (inputShapes.isEmpty()) {
      throw new IOException(checkpoint.resolve(STATE)
          + ": does not say which input shapes the model was built for");
    }
    model().initialize(inputShapes.toArray(new Shape[0]));
  }

  private void writeParameters(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(COMPONENT));
    component.saveState(dir.resolve(COMPONENT));
    try (DataOutputStream out = create(dir.resolve(PARAMETERS))) {
      model().saveParameters(out);
    }
  }

  private void readParameters(Path dir) throws IOException {
    Path file = dir.resolve(PARAMETERS);
    try (DataInputStream in = open(file)) {
      model().loadParameters(in, file.toString());
    }
  }

  private static DataOutputStream create(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up

  /** {@code auto}: a GPU when DJL sees one, else the CPU; or {@code cpu}, {@code gpu}, {@code gpu:N}. */
  static Device device(String name) {
    switch (name) {
      case "auto":
        return Engine.getInstance().defaultDevice();
      case "cpu":
        return Device.cpu();
      case "gpu":
        return Device.gpu();
      default:
        return Device.gpu(Integer.parseInt(name.substring("gpu:".length())));
    }
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
