package org.trainkit.benchmarks;

/**
 * How long each section runs: the full run (≲ 10 minutes on 2 cores) or {@code --quick} (a
 * smoke run of well under a minute whose numbers mean nothing). Throughput repetitions are
 * short (under a second) and many: the machine's speed drifts over tens of seconds (other
 * virtual machines on the same cores, invisible from here), and the closer in time two
 * contenders' timings are, the better the drift cancels in their ratio.
 */
record Settings(
    boolean quick,
    int warmups,
    int reps,
    int mlpPoints,
    int mlp32Steps,
    int mlp256Steps,
    int taggerSentences,
    int taggerSteps,
    int memorySteps,
    int memoryEarly,
    int prefetchBatch,
    int prefetchSteps,
    boolean prefetchSpin,
    int compileClasses,
    int compileReps,
    int startupReps,
    int countWarmup,
    int countSteps,
    int overheadCalls,
    int overheadReps) {

  static Settings fullRun() {
    return new Settings(false, 3, 11, 8192, 700, 250, 2048, 45, 20_000, 1_000, 8, 60, true, 20, 5, 5,
        20, 20, 500, 7);
  }

  static Settings quickRun() {
    return new Settings(true, 1, 5, 1024, 20, 4, 256, 2, 2_000, 100, 8, 3, false, 2, 1, 1,
        2, 2, 50, 3);
  }

  /** These settings with other throughput round counts ({@code --rounds}: targeted runs). */
  Settings withRounds(int warmups, int reps) {
    return new Settings(quick, warmups, reps, mlpPoints, mlp32Steps, mlp256Steps, taggerSentences,
        taggerSteps, memorySteps, memoryEarly, prefetchBatch, prefetchSteps, prefetchSpin,
        compileClasses, compileReps, startupReps, countWarmup, countSteps, overheadCalls, overheadReps);
  }

  /**
   * These settings with throughput timings {@code divisor} times shorter ({@code
   * --steps-divisor}: a targeted run on a busy machine; short timings are noisier).
   */
  Settings withFewerSteps(int divisor) {
    return new Settings(quick, warmups, reps, mlpPoints, Math.max(1, mlp32Steps / divisor),
        Math.max(1, mlp256Steps / divisor), taggerSentences, Math.max(1, taggerSteps / divisor),
        memorySteps, memoryEarly, prefetchBatch, prefetchSteps, prefetchSpin, compileClasses,
        compileReps, startupReps, countWarmup, countSteps, Math.max(1, overheadCalls / divisor),
        overheadReps);
  }

  /** Optimizer steps a throughput timing of the workload {@code key} runs. */
  int steps(String key) {
    return switch (key) {
      case "mlp-b32" -> mlp32Steps;
      case "mlp-b256" -> mlp256Steps;
      case "tagger-b32" -> taggerSteps;
      // the CRF tagger's step takes about twice the plain one's: timings of similar length
      case "tagger-crf-b32" -> Math.max(1, taggerSteps / 2);
      default -> throw new IllegalArgumentException("unknown workload " + key);
    };
  }
}
