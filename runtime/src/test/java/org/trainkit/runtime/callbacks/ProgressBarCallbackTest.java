package org.trainkit.runtime.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

class ProgressBarCallbackTest {

  @Test
  void offWithoutATerminal() {
    // Surefire runs tests with redirected streams, so there is no console here; guard anyway
    // for someone running the test from an IDE attached to a terminal.
    assumeTrue(System.console() == null);
    assertFalse(ProgressBarCallback.terminalPresent());
    assertFalse(new ProgressBarCallback().enabled());
  }

  @Test
  void disabledBarDrawsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    drive(new ProgressBarCallback(false, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void forcedOnDrawsTheRunningLoss() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBarCallback bar =
        new ProgressBarCallback(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertTrue(bar.enabled());
    drive(bar);

    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.contains("iteration 1/2"), drawn);
    assertTrue(drawn.contains("loss 0.7500"), drawn); // mean of 1.0 and 0.5
    assertTrue(drawn.contains("iteration 2/2"), drawn);
    assertTrue(drawn.contains("loss 0.2000"), drawn); // the mean starts over each iteration
  }

  /** Two iterations of two steps each, with a dev evaluation, then the end of training. */
  private static void drive(ProgressBarCallback bar) {
    FakeState first = FakeState.at(1, 2, 2);
    bar.onTrainBegin(first);
    bar.onIterationBegin(first);
    bar.onStepEnd(first, 1.0);
    bar.onStepEnd(first, 0.5);
    bar.onLoaderExhausted(first);
    bar.onValidationBegin(first);
    bar.onValidationEnd(first, Map.of("loss", 0.4));
    bar.onIterationEnd(first, new EpochSummary(1, 2, 0.75, 0.4, Map.of(), 1e-3, 1));
    FakeState second = FakeState.at(2, 2, 2);
    bar.onIterationBegin(second);
    bar.onStepEnd(second, 0.3);
    bar.onStepEnd(second, 0.1);
    bar.onIterationEnd(second, new EpochSummary(2, 4, 0.2, Double.NaN, Map.of(), 1e-3, 1));
    bar.onTrainEnd(second, new History("dev_loss", false, List.of()));
  }
}
