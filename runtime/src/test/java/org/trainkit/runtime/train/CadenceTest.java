package org.trainkit.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;

/**
 * The cadence alone decides iteration ends, evaluations and saves; these tests walk a whole run
 * through it, step by step, the way the fit loop does, and check the schedule that comes out.
 */
class CadenceTest {

  /** The events of a run, as the fit loop would drive them: "e3" evaluates at step 3 etc. */
  private static List<String> walk(Cadence cadence, int stepsPerEpoch) {
    List<String> events = new ArrayList<>();
    long step = 0;
    int epoch = 0;
    int iterationsCompleted = 0;
    int stepInEpoch = 0;
    while (!cadence.finished(step)) {
      boolean epochEnded = false;
      while (true) {
        step++;
        stepInEpoch++;
        boolean exhausted = stepInEpoch == stepsPerEpoch;
        if (cadence.pauseAfterStep(step) || exhausted) {
          if (exhausted) {
            epoch++;
            stepInEpoch = 0;
            epochEnded = true;
          }
          break;
        }
      }
      boolean ended = cadence.iterationEnds(step, epochEnded);
      if (ended) {
        int iteration = cadence.endingIteration(step, epoch);
        iterationsCompleted++;
        events.add((cadence.evaluationDue(iteration, step) ? "e" : "i") + step);
      }
      if (cadence.saveDue(step, ended, iterationsCompleted)) {
        events.add("s" + step);
      }
    }
    return events;
  }

  @Test
  void epochModeCountsStepsWithAccumulationAndAShortLastStep() {
    // 10 batches, 3 accumulated: steps of 3, 3, 3, 1 batches
    Cadence cadence = new Cadence(TrainingType.EPOCH, 5, 1, 1, 10, 3, true);
    assertEquals(4, cadence.stepsPerEpoch());
    assertEquals(20, cadence.totalSteps());
  }

  @Test
  void stepModeRunsExactlyTheIterationsAsked() {
    Cadence cadence = new Cadence(TrainingType.STEP, 7, 2, 3, 10, 3, true);
    assertEquals(7, cadence.totalSteps());
  }

  @Test
  void epochModeEvaluatesEveryEvalFrequencyEpochsAndAtTheEnd() {
    Cadence cadence = new Cadence(TrainingType.EPOCH, 5, 2, 3, 4, 1, true);
    assertEquals(
        List.of("i4", "e8", "i12", "s12", "e16", "e20", "s20"), walk(cadence, 4));
  }

  @Test
  void stepModeEndsAnIterationEveryEvalFrequencyStepsAndSavesEverySaveFrequency() {
    Cadence cadence = new Cadence(TrainingType.STEP, 10, 4, 3, 100, 1, true);
    assertEquals(
        List.of("s3", "e4", "s6", "e8", "s9", "e10", "s10"), walk(cadence, 100));
  }

  @Test
  void stepModeCarriesIterationsAcrossEpochBoundaries() {
    // 3 steps per epoch, an iteration every 2 steps: epochs end inside iterations
    Cadence cadence = new Cadence(TrainingType.STEP, 6, 2, 100, 3, 1, true);
    assertEquals(List.of("e2", "e4", "e6", "s6"), walk(cadence, 3));
  }

  @Test
  void nothingIsEvaluatedWithoutADevSet() {
    Cadence cadence = new Cadence(TrainingType.EPOCH, 2, 1, 1, 4, 1, false);
    assertEquals(List.of("i4", "s4", "i8", "s8"), walk(cadence, 4));
  }

  @Test
  void epochModeNeverPausesInsideAnEpoch() {
    Cadence cadence = new Cadence(TrainingType.EPOCH, 3, 1, 1, 50, 1, true);
    for (long step = 1; step <= cadence.totalSteps(); step++) {
      assertFalse(cadence.pauseAfterStep(step));
    }
  }

  @Test
  void callbacksSeeTheIterationInProgress() {
    Cadence steps = new Cadence(TrainingType.STEP, 10, 4, 3, 100, 1, true);
    assertEquals(1, steps.currentIteration(0, 0));
    assertEquals(10, steps.currentIteration(10, 0), "capped at the last step");
    Cadence epochs = new Cadence(TrainingType.EPOCH, 3, 1, 1, 5, 1, true);
    assertEquals(3, epochs.currentIteration(12, 2));
    assertTrue(epochs.finished(15));
  }
}
