package org.trainkit.runtime.provenance;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run ran on: OS, CPU, GPU. */
final class Machine {

  private Machine() {}

  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")";
  }

  /** The CPU's model name where the OS tells it (Linux's /proc/cpuinfo), and the core count. */
  static String cpu() {
    String model = System.getProperty("os.arch");
    try {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (Files.isReadable(cpuinfo)) {
        List<String> lines = Files.readAllLines(cpuinfo);
        for (String line : lines) {
          if (line.startsWith("model name")) {
            model = line.substring(line.indexOf(':') + 1).strip();
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the architecture name stays
    }
    return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
  }

  /** The GPUs the engine sees: {@code none}, or their count. */
  static String gpu() {
    int count = Engine.getEngine("PyTorch").getGpuCount();
    return count == 0 ? "none" : count + " CUDA device" + (count == 1 ? "" : "s");
  }
}
