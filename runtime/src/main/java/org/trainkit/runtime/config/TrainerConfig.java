package org.trainkit.runtime.config;

/**
 * Everything that decides how a run trains. Immutable; build one with {@link #builder()}, load
 * one from YAML or apply command-line overrides with {@link TrainerConfigYaml}. Every field is
 * validated on construction: a bad value throws a {@link ConfigException} naming the field, the
 * value and what is allowed.
 *
 * @param seed run seed; shuffle order and per-step seeds derive from it (any value)
 * @param trainingType whether {@code iterations} counts epochs or optimizer steps
 * @param iterations how many epochs or steps to train (&ge; 1)
 * @param batchSize training examples per batch (&ge; 1)
 * @param inferenceBatchSize examples per batch when evaluating or predicting (&ge; 1)
 * @param evalFrequency evaluate every this many epochs or steps (&ge; 1)
 * @param saveFrequency write {@code checkpoints/last} every this many epochs or steps (&ge; 1)
 * @param optimizer the optimizer, unless the component provides its own
 * @param learningRate the base learning rate (&gt; 0, finite)
 * @param weightDecay L2 penalty, decoupled for AdamW (&ge; 0, finite)
 * @param momentum SGD momentum, in [0, 1)
 * @param nesterov Nesterov momentum; only with optimizer SGD and momentum &gt; 0
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's denominator term (&gt; 0, finite)
 * @param lrSchedule how the learning rate changes over the run
 * @param warmupSteps steps of linear warm-up before the schedule starts (&ge; 0)
 * @param lrStepSize steps between decays of the STEP schedule (&ge; 1)
 * @param lrGamma factor applied at each STEP decay, in (0, 1]
 * @param minLearningRate floor of the COSINE and PLATEAU schedules (&ge; 0, &le; learningRate)
 * @param plateauPatience evaluations without improvement before PLATEAU decays (&ge; 0)
 * @param plateauFactor factor applied at each PLATEAU decay, in (0, 1)
 * @param gradientClipNorm clip the global gradient norm to this; 0 turns clipping off (&ge; 0)
 * @param gradientAccumulation backward passes per optimizer step (&ge; 1)
 * @param monitor the metric that picks the best checkpoint and drives early stopping, e.g.
 *     {@code dev_loss} (non-blank)
 * @param monitorMode whether a lower or a higher {@code monitor} value is better
 * @param earlyStoppingPatience evaluations without improvement before stopping; 0 turns early
 *     stopping off (&ge; 0)
 * @param earlyStoppingMinDelta smallest change of {@code monitor} that counts as an improvement
 *     (&ge; 0, finite)
 * @param device {@code auto} (GPU when one is seen, else CPU), {@code cpu}, {@code gpu} or
 *     {@code gpu:N}
 * @param loaderWorkers threads that preprocess and collate ahead of the step, in [0, 16]; 0
 *     loads on the training thread
 * @param torchThreads the engine's intra-op threads (libtorch's {@code set_num_threads}), in
 *     [0, 1024]; 0 leaves the engine's default. A sweep with {@code --parallel N} sets it to cores
 *     / N; runs are bitwise reproducible only at the same thread count
 * @param prefetchBatches batches the loader may prepare ahead (&ge; 1)
 * @param shuffle shuffle the training data every epoch
 * @param progressBar show a progress bar while training
 * @param saveTrainOutputs at each evaluation, also run the training set and save its outputs
 *     (index, target, prediction, loss) under {@code outputs/}
 * @param saveDevOutputs save the dev set's outputs at each evaluation
 * @param saveTestOutputs save the test set's outputs of the best checkpoint
 * @param tensorboard also write each iteration's scalars as TensorBoard events files under
 *     {@code tensorboard/} in the run directory
 * @param nonFiniteLoss what a NaN or infinite loss or gradient does: {@code stop} the run
 *     (the last checkpoint stays intact) or {@code skip} the batch and count it
 * @param options the trainable class's own options ({@code @Trainable(options = ...)}), the
 *     {@code options:} mapping in YAML; {@link ComponentOptions#NONE} for a class without any
 */
public record TrainerConfig(
    long seed,
    TrainingType trainingType,
    int iterations,
    int batchSize,
    int inferenceBatchSize,
    int evalFrequency,
    int saveFrequency,
    OptimizerType optimizer,
    double learningRate,
    double weightDecay,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    ScheduleType lrSchedule,
    int warmupSteps,
    int lrStepSize,
    double lrGamma,
    double minLearningRate,
    int plateauPatience,
    double plateauFactor,
    double gradientClipNorm,
    int gradientAccumulation,
    String monitor,
    MonitorMode monitorMode,
    int earlyStoppingPatience,
    double earlyStoppingMinDelta,
    DeviceSpec device,
    int loaderWorkers,
    int torchThreads,
    int prefetchBatches,
    boolean shuffle,
    boolean progressBar,
    boolean saveTrainOutputs,
    boolean saveDevOutputs,
    boolean saveTestOutputs,
    boolean tensorboard,
    NonFinitePolicy nonFiniteLoss,
    ComponentOptions options) {

  /** What a non-finite loss or gradient does to a run. */
  public enum NonFinitePolicy {
    /** Stop with a message naming the step; the last checkpoint stays intact. */
    STOP,
    /** Skip the batch (no update) and count it in {@code summary.json}. */
    SKIP
  }

  /** Whether {@code iterations} counts epochs or optimizer steps. */
  public enum TrainingType {
    EPOCH,
    STEP
  }

  /** The built-in optimizers: Adam, AdamW (decoupled weight decay) and SGD with momentum. */
  public enum OptimizerType {
    ADAM,
    ADAMW,
    SGD
  }

  /**
   * Learning-rate schedules, each after the optional linear warm-up: CONSTANT; STEP (times
   * {@code lrGamma} every {@code lrStepSize} steps); COSINE (down to {@code minLearningRate});
   * LINEAR (a straight line down to {@code minLearningRate} at the run's last step);
   * PLATEAU (times {@code plateauFactor} after {@code plateauPatience} evaluations without
   * improvement, not below {@code minLearningRate}).
   */
  public enum ScheduleType {
    CONSTANT,
    STEP,
    COSINE,
    LINEAR,
    PLATEAU
  }

  /** Whether a lower or a higher monitored value is better; AUTO: higher unless it is a loss. */
  public enum MonitorMode {
    AUTO,
    MIN,
    MAX
  }

  /**
   * The canonical constructor; {@link #builder()} is the friendlier way in.
   *
   * @throws ConfigException if a field breaks its rule (see the record's parameters)
   */
  public TrainerConfig(
      long seed,
      TrainingType trainingType,
      int iterations,
      int batchSize,
      int inferenceBatchSize,
      int evalFrequency,
      int saveFrequency,
      OptimizerType optimizer,
      double learningRate,
      double weightDecay,
      double momentum,
      boolean nesterov,
      double beta1,
      double beta2,
      double epsilon,
      ScheduleType lrSchedule,
      int warmupSteps,
      int lrStepSize,
      double lrGamma,
      double minLearningRate,
      int plateauPatience,
      double plateauFactor,
      double gradientClipNorm,
      int gradientAccumulation,
      String monitor,
      MonitorMode monitorMode,
      int earlyStoppingPatience,
      double earlyStoppingMinDelta,
      DeviceSpec device,
      int loaderWorkers,
      int torchThreads,
      int prefetchBatches,
      boolean shuffle,
      boolean progressBar,
      boolean saveTrainOutputs,
      boolean saveDevOutputs,
      boolean saveTestOutputs,
      boolean tensorboard,
      NonFinitePolicy nonFiniteLoss,
      ComponentOptions options) {
    this.seed = seed;
    this.trainingType = trainingType;
    this.iterations = iterations;
    this.batchSize = batchSize;
    this.inferenceBatchSize = inferenceBatchSize;
    this.evalFrequency = evalFrequency;
    this.saveFrequency = saveFrequency;
    this.optimizer = optimizer;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.lrSchedule = lrSchedule;
    this.warmupSteps = warmupSteps;
    this.lrStepSize = lrStepSize;
    this.lrGamma = lrGamma;
    this.minLearningRate = minLearningRate;
    this.plateauPatience = plateauPatience;
    this.plateauFactor = plateauFactor;
    this.gradientClipNorm = gradientClipNorm;
    this.gradientAccumulation = gradientAccumulation;
    this.monitor = monitor;
    this.monitorMode = monitorMode;
    this.earlyStoppingPatience = earlyStoppingPatience;
    this.earlyStoppingMinDelta = earlyStoppingMinDelta;
    this.device = device;
    this.loaderWorkers = loaderWorkers;
    this.torchThreads = torchThreads;
    this.prefetchBatches = prefetchBatches;
    this.shuffle = shuffle;
    this.progressBar = progressBar;
    this.saveTrainOutputs = saveTrainOutputs;
    this.saveDevOutputs = saveDevOutputs;
    this.saveTestOutputs = saveTestOutputs;
    this.tensorboard = tensorboard;
    this.nonFiniteLoss = nonFiniteLoss;
    this.options = java.util.Objects.requireNonNull(options, "options");
    // Written out rather than compact: a compact constructor assigns the fields only after its
    // body, so validating `this` there would see zeros and nulls.
    ConfigValidation.validate(this);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** True when a higher monitored value is better. */
  public boolean higherIsBetter() {
    switch (monitorMode) {
      case MIN:
        return false;
      case MAX:
        return true;
      default:
        return !monitor.endsWith("loss");
    }
  }

  /**
   * Builds a {@link TrainerConfig}; unset fields keep their defaults. Each setter sets the record
   * component of the same name (see {@link TrainerConfig} for its meaning and allowed values);
   * nothing is checked until {@link #build()}.
   */
  public static final class Builder {
    private long seed = 42;
    private TrainingType trainingType = TrainingType.EPOCH;
    private int iterations = 10;
    private int batchSize = 32;
    private int inferenceBatchSize = 128;
    private int evalFrequency = 1;
    private int saveFrequency = 1;
    private OptimizerType optimizer = OptimizerType.ADAM;
    private double learningRate = 1e-3;
    private double weightDecay = 0;
    private double momentum = 0.9;
    private boolean nesterov = false;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private ScheduleType lrSchedule = ScheduleType.CONSTANT;
    private int warmupSteps = 0;
    private int lrStepSize = 1000;
    private double lrGamma = 0.1;
    private double minLearningRate = 0;
    private int plateauPatience = 2;
    private double plateauFactor = 0.5;
    private double gradientClipNorm = 0;
    private int gradientAccumulation = 1;
    private String monitor = "dev_loss";
    private MonitorMode monitorMode = MonitorMode.AUTO;
    private int earlyStoppingPatience = 0;
    private double earlyStoppingMinDelta = 0;
    private String device = "auto";
    private int loaderWorkers = 1;
    private int torchThreads = 0;
    private int prefetchBatches = 4;
    private boolean shuffle = true;
    private boolean progressBar = true;
    private boolean saveTrainOutputs = false;
    private boolean saveDevOutputs = true;
    private boolean saveTestOutputs = true;
    private boolean tensorboard = false;
    private NonFinitePolicy nonFiniteLoss = NonFinitePolicy.STOP;
    private ComponentOptions options = ComponentOptions.NONE;

    private Builder() {}

    private Builder(TrainerConfig c) {
      seed = c.seed;
      trainingType = c.trainingType;
      iterations = c.iterations;
      batchSize = c.batchSize;
      inferenceBatchSize = c.inferenceBatchSize;
      evalFrequency = c.evalFrequency;
      saveFrequency = c.saveFrequency;
      optimizer = c.optimizer;
      learningRate = c.learningRate;
      weightDecay = c.weightDecay;
      momentum = c.momentum;
      nesterov = c.nesterov;
      beta1 = c.beta1;
      beta2 = c.beta2;
      epsilon = c.epsilon;
      lrSchedule = c.lrSchedule;
      warmupSteps = c.warmupSteps;
      lrStepSize = c.lrStepSize;
      lrGamma = c.lrGamma;
      minLearningRate = c.minLearningRate;
      plateauPatience = c.plateauPatience;
      plateauFactor = c.plateauFactor;
      gradientClipNorm = c.gradientClipNorm;
      gradientAccumulation = c.gradientAccumulation;
      monitor = c.monitor;
      monitorMode = c.monitorMode;
      earlyStoppingPatience = c.earlyStoppingPatience;
      earlyStoppingMinDelta = c.earlyStoppingMinDelta;
      device = c.device == null ? null : c.device.toString();
      loaderWorkers = c.loaderWorkers;
      torchThreads = c.torchThreads;
      prefetchBatches = c.prefetchBatches;
      shuffle = c.shuffle;
      progressBar = c.progressBar;
      saveTrainOutputs = c.saveTrainOutputs;
      saveDevOutputs = c.saveDevOutputs;
      saveTestOutputs = c.saveTestOutputs;
      tensorboard = c.tensorboard;
      nonFiniteLoss = c.nonFiniteLoss;
      options = c.options;
    }

    public Builder seed(long v) { seed = v; return this; }
    public Builder trainingType(TrainingType v) { trainingType = v; return this; }
    public Builder iterations(int v) { iterations = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder inferenceBatchSize(int v) { inferenceBatchSize = v; return this; }
    public Builder evalFrequency(int v) { evalFrequency = v; return this; }
    public Builder saveFrequency(int v) { saveFrequency = v; return this; }
    public Builder optimizer(OptimizerType v) { optimizer = v; return this; }
    public Builder learningRate(double v) { learningRate = v; return this; }
    public Builder weightDecay(double v) { weightDecay = v; return this; }
    public Builder momentum(double v) { momentum = v; return this; }
    public Builder nesterov(boolean v) { nesterov = v; return this; }
    public Builder beta1(double v) { beta1 = v; return this; }
    public Builder beta2(double v) { beta2 = v; return this; }
    public Builder epsilon(double v) { epsilon = v; return this; }
    public Builder lrSchedule(ScheduleType v) { lrSchedule = v; return this; }
    public Builder warmupSteps(int v) { warmupSteps = v; return this; }
    public Builder lrStepSize(int v) { lrStepSize = v; return this; }
    public Builder lrGamma(double v) { lrGamma = v; return this; }
    public Builder minLearningRate(double v) { minLearningRate = v; return this; }
    public Builder plateauPatience(int v) { plateauPatience = v; return this; }
    public Builder plateauFactor(double v) { plateauFactor = v; return this; }
    public Builder gradientClipNorm(double v) { gradientClipNorm = v; return this; }
    public Builder gradientAccumulation(int v) { gradientAccumulation = v; return this; }
    public Builder monitor(String v) { monitor = v; return this; }
    public Builder monitorMode(MonitorMode v) { monitorMode = v; return this; }
    public Builder earlyStoppingPatience(int v) { earlyStoppingPatience = v; return this; }
    public Builder earlyStoppingMinDelta(double v) { earlyStoppingMinDelta = v; return this; }
    /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; checked by {@link #build()}. */
    public Builder device(String v) { device = v; return this; }
    public Builder device(DeviceSpec v) { device = v.toString(); return this; }
    public Builder loaderWorkers(int v) { loaderWorkers = v; return this; }
    /** The engine's intra-op threads; 0 leaves the engine's default (one per core). */
    public Builder torchThreads(int v) { torchThreads = v; return this; }
    public Builder prefetchBatches(int v) { prefetchBatches = v; return this; }
    public Builder shuffle(boolean v) { shuffle = v; return this; }
    public Builder progressBar(boolean v) { progressBar = v; return this; }
    public Builder saveTrainOutputs(boolean v) { saveTrainOutputs = v; return this; }
    public Builder saveDevOutputs(boolean v) { saveDevOutputs = v; return this; }
    public Builder saveTestOutputs(boolean v) { saveTestOutputs = v; return this; }
    public Builder tensorboard(boolean v) { tensorboard = v; return this; }
    public Builder nonFiniteLoss(NonFinitePolicy v) { nonFiniteLoss = v; return this; }
    /** The trainable class's own options ({@code @Trainable(options = ...)}); none by default. */
    public Builder options(ComponentOptions v) { options = java.util.Objects.requireNonNull(v); return this; }

    /**
     * The configuration with the values set so far.
     *
     * @throws ConfigException if a field breaks its rule
     */
    public TrainerConfig build() {
      return new TrainerConfig(
          seed, trainingType, iterations, batchSize, inferenceBatchSize, evalFrequency,
          saveFrequency, optimizer, learningRate, weightDecay, momentum, nesterov, beta1, beta2,
          epsilon, lrSchedule, warmupSteps, lrStepSize, lrGamma, minLearningRate,
          plateauPatience, plateauFactor, gradientClipNorm, gradientAccumulation, monitor,
          monitorMode, earlyStoppingPatience, earlyStoppingMinDelta,
          ConfigValidation.device(device), loaderWorkers, torchThreads,
          prefetchBatches, shuffle, progressBar, saveTrainOutputs, saveDevOutputs,
          saveTestOutputs, tensorboard, nonFiniteLoss, options);
    }
  }
}
