package org.trainkit.runtime.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.EpochSummary;

class PrinterCallbackTest {

  private static final EpochSummary EVALUATED =
      new EpochSummary(3, 120, 0.41234, 0.39912, Map.of("accuracy", 0.95), 1e-3, 2.14);

  @Test
  void iterationLineHasAFixedFormat() {
    assertEquals(
        "iteration 3/10  step 120  train_loss 0.4123  dev_loss 0.3991  accuracy 0.9500"
            + "  lr 1.00e-03  2.1s",
        PrinterCallback.iterationLine(EVALUATED, 10));
  }

  @Test
  void iterationNotEvaluatedPrintsNoDevValues() {
    EpochSummary s = new EpochSummary(4, 160, 0.3, Double.NaN, Map.of(), 5e-4, 1.04);
    assertEquals(
        "iteration 4/10  step 160  train_loss 0.3000  lr 5.00e-04  1.0s",
        PrinterCallback.iterationLine(s, 10));
    assertEquals(
        "iteration 4  step 160  train_loss 0.3000  lr 5.00e-04  1.0s",
        PrinterCallback.iterationLine(s, 0));
  }

  @Test
  void printsOneLinePerIterationAndOneForTheTestSet() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrinterCallback printer =
        new PrinterCallback(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Map<String, Double> test = new LinkedHashMap<>();
    test.put("accuracy", 0.95);
    test.put("loss", 0.39);

    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal commas must not leak into the log
    try {
      printer.onIterationEnd(FakeState.at(3, 10, 40), EVALUATED);
      printer.onTestEnd(FakeState.at(10, 10, 40), test);
    } finally {
      Locale.setDefault(before);
    }

    assertEquals(
        "iteration 3/10  step 120  train_loss 0.4123  dev_loss 0.3991  accuracy 0.9500"
            + "  lr 1.00e-03  2.1s"
            + System.lineSeparator()
            + "test  loss 0.3900  accuracy 0.9500"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
