package org.trainkit.runtime.callbacks;

import java.nio.file.Path;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;

/** A hand-set {@link TrainerState} for driving callbacks without a trainer. */
record FakeState(
    TrainerConfig config,
    Path runDirectory,
    int iteration,
    int totalIterations,
    long globalStep,
    int batchesPerEpoch,
    double learningRate)
    implements TrainerState {

  static FakeState at(int iteration, int totalIterations, int batchesPerEpoch) {
    return new FakeState(
        TrainerConfig.builder().build(),
        Path.of("runs/test"),
        iteration,
        totalIterations,
        0,
        batchesPerEpoch,
        1e-3);
  }
}
