package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;

class LearningRateScheduleTest {

  private static final double EPS = 1e-12;

  @Test
  void constantWithWarmUp() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.1, 4);
    assertEquals(0.025, s.learningRate(0), EPS);
    assertEquals(0.05, s.learningRate(1), EPS);
    assertEquals(0.075, s.learningRate(2), EPS);
    assertEquals(0.1, s.learningRate(3), EPS);
    assertEquals(0.1, s.learningRate(4), EPS);
    assertEquals(0.1, s.learningRate(1_000_000), EPS);
  }

  @Test
  void constantWithoutWarmUp() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.1, 0);
    assertEquals(0.1, s.learningRate(0), EPS);
    assertEquals(0.1, s.learningRate(7), EPS);
  }

  @Test
  void stepDecayCountsFromTheEndOfWarmUp() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(1.0, 2, 3, 0.5);
    assertEquals(0.5, s.learningRate(0), EPS); // warm-up 1/2
    assertEquals(1.0, s.learningRate(1), EPS);
    assertEquals(1.0, s.learningRate(2), EPS); // steps 2, 3, 4: first block
    assertEquals(1.0, s.learningRate(4), EPS);
    assertEquals(0.5, s.learningRate(5), EPS); // steps 5, 6, 7
    assertEquals(0.5, s.learningRate(7), EPS);
    assertEquals(0.25, s.learningRate(8), EPS);
    assertEquals(0.125, s.learningRate(11), EPS);
  }

  @Test
  void cosineFromTheRateDownToTheMinimum() {
    // warm-up 2, then 10 decay steps (total 12) from 1.0 to 0.1
    LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 2, 12, 0.1);
    assertEquals(0.5, s.learningRate(0), EPS);
    assertEquals(1.0, s.learningRate(1), EPS);
    assertEquals(1.0, s.learningRate(2), EPS); // progress 0
    // progress 0.2: 0.1 + 0.9 * (1 + cos(0.2π)) / 2, cos(36°) = 0.80901699437
    assertEquals(0.1 + 0.9 * (1 + 0.8090169943749474) / 2, s.learningRate(4), 1e-12);
    assertEquals(0.55, s.learningRate(7), EPS); // progress 0.5: half way
    // progress 0.9: cos(162°) = -0.95105651629
    assertEquals(0.1 + 0.9 * (1 - 0.9510565162951535) / 2, s.learningRate(11), 1e-12);
    assertEquals(0.1, s.learningRate(12), EPS);
    assertEquals(0.1, s.learningRate(500), EPS);
  }

  @Test
  void cosineWithoutWarmUpStartsAtTheFullRate() {
    LearningRateSchedule s = LearningRateSchedule.cosine(0.01, 0, 4, 0);
    assertEquals(0.01, s.learningRate(0), EPS);
    assertEquals(0.005, s.learningRate(2), EPS);
    assertEquals(0.0, s.learningRate(4), EPS);
  }

  @Test
  void linearWarmUpThenLinearDecayAsHuggingFaceDoes() {
    // warm-up 2, then 8 decay steps (total 10) from 1.0 to 0: get_linear_schedule_with_warmup's
    // factor max(0, (total - step) / (total - warmup)) after warm-up
    LearningRateSchedule s = LearningRateSchedule.linear(1.0, 2, 10, 0);
    assertEquals(0.5, s.learningRate(0), EPS);
    assertEquals(1.0, s.learningRate(1), EPS);
    for (int step = 2; step < 10; step++) {
      assertEquals((10.0 - step) / 8, s.learningRate(step), EPS, "step " + step);
    }
    assertEquals(0.0, s.learningRate(10), EPS);
    assertEquals(0.0, s.learningRate(99), EPS);
  }

  @Test
  void linearDecayStopsAtTheMinimum() {
    LearningRateSchedule s = LearningRateSchedule.linear(1.0, 0, 4, 0.2);
    assertEquals(1.0, s.learningRate(0), EPS);
    assertEquals(0.6, s.learningRate(2), EPS);
    assertEquals(0.2, s.learningRate(4), EPS);
    assertEquals(0.2, s.learningRate(40), EPS);
  }

  @Test
  void linearComesFromTheConfiguration() {
    TrainerConfig config = TrainerConfig.builder().learningRate(0.5).warmupSteps(1)
        .lrSchedule(ScheduleType.LINEAR).build();
    LearningRateSchedule s = LearningRateSchedule.fromConfig(config, 5);
    assertEquals(ScheduleType.LINEAR, s.type());
    assertEquals(0.5, s.learningRate(1), EPS);
    assertEquals(0.125, s.learningRate(4), EPS);
  }

  @Test
  void plateauLowersTheRateAfterPatienceBadEvaluations() {
    LearningRateSchedule s = LearningRateSchedule.plateau(1.0, 0, 2, 0.5, 0.2);
    s.onEvaluation(1.0, false);
    s.onEvaluation(0.9, false); // better
    s.onEvaluation(0.95, false); // bad 1
    assertEquals(1.0, s.learningRate(10), EPS);
    s.onEvaluation(0.95, false); // bad 2: reduce
    assertEquals(0.5, s.learningRate(10), EPS);
    s.onEvaluation(0.8, false); // better, count restarts
    s.onEvaluation(0.85, false); // bad 1
    assertEquals(0.5, s.learningRate(11), EPS);
    s.onEvaluation(0.9, false); // bad 2: reduce
    assertEquals(0.25, s.learningRate(11), EPS);
    s.onEvaluation(0.9, false);
    s.onEvaluation(Double.NaN, false); // NaN is no improvement: reduce, floored at 0.2
    assertEquals(0.2, s.learningRate(12), EPS);
    s.onEvaluation(0.9, false);
    s.onEvaluation(0.9, false);
    assertEquals(0.2, s.learningRate(13), EPS);
  }

  @Test
  void plateauHigherIsBetter() {
    LearningRateSchedule s = LearningRateSchedule.plateau(0.1, 0, 1, 0.1, 0);
    s.onEvaluation(0.5, true);
    s.onEvaluation(0.6, true); // better
    assertEquals(0.1, s.learningRate(0), EPS);
    s.onEvaluation(0.55, true); // bad 1 = patience: reduce
    assertEquals(0.01, s.learningRate(0), 1e-15);
  }

  @Test
  void plateauWarmUpScalesTheCurrentRate() {
    LearningRateSchedule s = LearningRateSchedule.plateau(1.0, 4, 1, 0.5, 0);
    assertEquals(0.25, s.learningRate(0), EPS);
    s.onEvaluation(1, false);
    s.onEvaluation(2, false); // reduce to 0.5
    assertEquals(0.25, s.learningRate(1), EPS); // 0.5 * 2/4
    assertEquals(0.5, s.learningRate(4), EPS);
  }

  @Test
  void plateauResumesExactlyFromSavedState() throws IOException {
    double[] evaluations = {1.0, 0.9, 0.95, 0.96, 0.8, 0.85, 0.9, 0.7, 0.75, 0.76, 0.77};
    LearningRateSchedule straight = LearningRateSchedule.plateau(1.0, 0, 2, 0.5, 0.01);
    double[] expected = new double[evaluations.length];
    for (int i = 0; i < evaluations.length; i++) {
      straight.onEvaluation(evaluations[i], false);
      expected[i] = straight.learningRate(i);
    }

    LearningRateSchedule first = LearningRateSchedule.plateau(1.0, 0, 2, 0.5, 0.01);
    for (int i = 0; i < 6; i++) { // stops with one bad evaluation counted, best 0.8, rate 0.5
      first.onEvaluation(evaluations[i], false);
    }
    LearningRateSchedule second = LearningRateSchedule.plateau(1.0, 0, 2, 0.5, 0.01);
    second.load(read(save(first)));
    for (int i = 6; i < evaluations.length; i++) {
      second.onEvaluation(evaluations[i], false);
      assertEquals(expected[i], second.learningRate(i), 0.0, "after evaluation " + i);
    }
    // Hand-computed: reduce at 0.96 (0.5), at 0.9 (0.25), at 0.76 (0.125).
    assertEquals(0.5, expected[3], EPS);
    assertEquals(0.25, expected[6], EPS);
    assertEquals(0.25, expected[8], EPS);
    assertEquals(0.125, expected[9], EPS);

    // Without the saved state the same evaluations give other rates.
    LearningRateSchedule cold = LearningRateSchedule.plateau(1.0, 0, 2, 0.5, 0.01);
    cold.onEvaluation(evaluations[6], false);
    assertEquals(1.0, cold.learningRate(6), EPS);
  }

  @Test
  void otherSchedulesIgnoreEvaluations() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.1, 0);
    for (int i = 0; i < 10; i++) {
      s.onEvaluation(i, false);
    }
    assertEquals(0.1, s.learningRate(0), EPS);
  }

  @Test
  void loadRejectsAnotherKindOfSchedule() throws IOException {
    byte[] cosine = save(LearningRateSchedule.cosine(1, 0, 10, 0));
    IOException e =
        assertThrows(
            IOException.class,
            () -> LearningRateSchedule.constant(1, 0).load(read(cosine)));
    assertEquals(
        "schedule state was written by a COSINE schedule but the configured one is CONSTANT",
        e.getMessage());
    IOException garbage =
        assertThrows(
            IOException.class,
            () -> LearningRateSchedule.constant(1, 0).load(read(new byte[] {1, 2, 3, 4, 5})));
    assertEquals(
        "not trainkit learning-rate schedule state (wrong magic number)", garbage.getMessage());
  }

  @Test
  void fromConfigBuildsEachKind() {
    TrainerConfig.Builder base =
        TrainerConfig.builder()
            .learningRate(1.0)
            .warmupSteps(2)
            .lrStepSize(3)
            .lrGamma(0.5)
            .minLearningRate(0.1)
            .plateauPatience(1)
            .plateauFactor(0.5);
    LearningRateSchedule constant =
        LearningRateSchedule.fromConfig(base.lrSchedule(ScheduleType.CONSTANT).build(), 12);
    assertEquals(ScheduleType.CONSTANT, constant.type());
    assertEquals(0.5, constant.learningRate(0), EPS);
    assertEquals(1.0, constant.learningRate(100), EPS);

    LearningRateSchedule step =
        LearningRateSchedule.fromConfig(base.lrSchedule(ScheduleType.STEP).build(), 12);
    assertEquals(0.25, step.learningRate(8), EPS);

    LearningRateSchedule cosine =
        LearningRateSchedule.fromConfig(base.lrSchedule(ScheduleType.COSINE).build(), 12);
    assertEquals(0.55, cosine.learningRate(7), EPS);

    LearningRateSchedule plateau =
        LearningRateSchedule.fromConfig(base.lrSchedule(ScheduleType.PLATEAU).build(), 12);
    plateau.onEvaluation(1, false);
    plateau.onEvaluation(1, false);
    assertEquals(0.5, plateau.learningRate(5), EPS);
  }

  private static byte[] save(LearningRateSchedule schedule) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      schedule.save(out);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream read(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
