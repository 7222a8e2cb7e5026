package org.trainkit.runtime.loop;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count ({@code torchThreads}): libtorch's {@code set_num_threads},
 * which holds for the whole process. Parallel sweeps give each run's JVM cores / N threads, so
 * that N runs at once do not oversubscribe the cores.
 */
public final class TorchThreads {

  private TorchThreads() {}

  /** Sets the engine's intra-op threads to {@code threads}; 0 leaves the engine's default. */
  public static void apply(int threads) {
    if (threads > 0) {
      Engine.getEngine("PyTorch"); // loads libtorch, which the call below needs
      JniUtils.setNumThreads(threads);
    }
  }

  /** The engine's intra-op threads now. */
  public static int current() {
    Engine.getEngine("PyTorch");
    return JniUtils.getNumThreads();
  }
}
