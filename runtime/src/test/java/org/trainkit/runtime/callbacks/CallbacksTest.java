package org.trainkit.runtime.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.report.ReportCallback;
import org.trainkit.runtime.tensorboard.TensorBoardCallback;

class CallbacksTest {

  @Test
  void printerAndReportWhenTheBarIsNotWanted() {
    List<TrainerCallback> callbacks =
        Callbacks.defaults(TrainerConfig.builder().progressBar(false).build());
    assertEquals(2, callbacks.size());
    assertInstanceOf(PrinterCallback.class, callbacks.get(0));
    assertInstanceOf(ReportCallback.class, callbacks.get(1));
  }

  @Test
  void noBarWithoutATerminalEvenWhenTheBarIsWanted() {
    assumeTrue(System.console() == null);
    List<TrainerCallback> callbacks =
        Callbacks.defaults(TrainerConfig.builder().progressBar(true).build());
    assertEquals(2, callbacks.size());
    assertInstanceOf(PrinterCallback.class, callbacks.get(0));
    assertInstanceOf(ReportCallback.class, callbacks.get(1));
  }

  @Test
  void tensorBoardEventsBeforeTheReportWhenAskedFor() {
    List<TrainerCallback> callbacks = Callbacks.defaults(
        TrainerConfig.builder().progressBar(false).tensorboard(true).build());
    assertEquals(3, callbacks.size());
    assertInstanceOf(PrinterCallback.class, callbacks.get(0));
    assertInstanceOf(TensorBoardCallback.class, callbacks.get(1));
    assertInstanceOf(ReportCallback.class, callbacks.get(2));
  }
}
