package org.trainkit.runtime.tensorboard;

import java.nio.file.Path;
import java.util.List;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

/**
 * Leaves three small runs with TensorBoard events under {@code args[0]} for
 * {@code runtime/src/test/python/check_tensorboard.py}: {@code epoch} (dev every 2nd epoch),
 * {@code step} (step mode) and {@code resumed} (crashed after epoch 3, resumed from epoch 2).
 */
public final class TensorBoardRunsMain {

  private TensorBoardRunsMain() {}

  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    for (TrainingType type : TrainingType.values()) {
      TensorBoardCallbackTest.train(TensorBoardCallbackTest.config(type),
          out.resolve(type.name().toLowerCase(java.util.Locale.ROOT)), false,
          List.of(new TensorBoardCallback()));
    }
    TrainerConfig config = TensorBoardCallbackTest.config(TrainingType.EPOCH).toBuilder()
        .iterations(6).saveFrequency(2).build();
    TrainerCallback crash = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (summary.iteration() == 3) {
          throw new IllegalStateException("simulated crash after epoch 3");
        }
      }
    };
    Path resumed = out.resolve("resumed");
    try {
      TensorBoardCallbackTest.train(config, resumed, false, List.of(new TensorBoardCallback(), crash));
    } catch (IllegalStateException expected) {
      System.out.println(expected.getMessage());
    }
    TensorBoardCallbackTest.train(config, resumed, true, List.of(new TensorBoardCallback()));
  }
}
