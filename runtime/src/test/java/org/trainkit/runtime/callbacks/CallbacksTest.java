package org.trainkit.runtime.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.config.TrainerConfig;

class CallbacksTest {

  @Test
  void printerOnlyWhenTheBarIsNotWanted() {
    List<TrainerCallback> callbacks =
        Callbacks.defaults(TrainerConfig.builder().progressBar(false).build());
    assertEquals(1, callbacks.size());
    assertInstanceOf(PrinterCallback.class, callbacks.get(0));
  }

  @Test
  void printerOnlyWithoutATerminalEvenWhenTheBarIsWanted() {
    assumeTrue(System.console() == null);
    List<TrainerCallback> callbacks =
        Callbacks.defaults(TrainerConfig.builder().progressBar(true).build());
    assertEquals(1, callbacks.size());
    assertInstanceOf(PrinterCallback.class, callbacks.get(0));
  }
}
