package org.trainkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts child JVMs on this JVM's class path, with the benchmark's torch settings. */
final class Forks {

  private final int threads;

  Forks(int threads) {
    this.threads = threads;
  }

  /** The {@code -D} settings every child gets. */
  List<String> properties() {
    return List.of(
        "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=" + threads,
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
  }

  ProcessBuilder java(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
    command.addAll(properties());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /** This JVM's input arguments (for the record). */
  static List<String> jvmArguments() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }
}
