package org.trainkit.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trainkit.benchmarks.loop.AtenOps;
import org.trainkit.benchmarks.loop.DjlLoopContender;
import org.trainkit.benchmarks.loop.LibtorchProfile;
import org.trainkit.benchmarks.loop.PythonWorker;
import org.trainkit.benchmarks.loop.TrainkitContender;
import org.trainkit.benchmarks.loop.Workload;

/**
 * Section 1b: the native work of one training step, counted rather than timed — the aten
 * operators libtorch dispatches a step for trainkit (a, 0 workers), the hand-written DJL loop
 * (b) and PyTorch (d), counted by libtorch's own profiler in all three (DJL's {@code
 * JniUtils.startProfile} on the Java side, {@code torch.profiler} on the Python side).
 *
 * <p>What is counted: aten ops, not JNI calls. A JNI call that only reads a shape, a data type
 * or frees a handle dispatches no aten op and is not counted; one that runs a fused kernel
 * (DJL's {@code adamUpdate}) counts the ops inside it. "Top-level" ops are those the front end
 * (JNI, Python) or the autograd engine dispatched, not the ones nested inside them — the count
 * that per-call overhead multiplies.
 */
final class Counts {

  /** One contender's counts on one workload. */
  record Row(String workload, String title, String contender, int steps, AtenOps ops) {}

  private final long seed;
  private final Path traces;
  private final PrintStream log;
  private final Throughput pythonSetUp;

  Counts(long seed, Path work, PrintStream log, Throughput pythonSetUp) {
    this.seed = seed;
    this.traces = work.resolve("traces");
    this.log = log;
    this.pythonSetUp = pythonSetUp;
  }

  /**
   * Counts {@code steps} steps of each contender after {@code warmup} steps.
   *
   * @param python the PyTorch worker, or null
   */
  <R> List<Row> run(Workload<R> workload, int warmup, int steps, PythonWorker python) throws Exception {
    Files.createDirectories(traces);
    List<Row> rows = new ArrayList<>();
    try (TrainkitContender<R> a = new TrainkitContender<>("a", workload, seed, steps, 0, traces.resolve("runs"))) {
      for (int done = 0; done < warmup; done += steps) {
        a.timeSteps(steps);
      }
      rows.add(new Row(workload.key(), workload.title(), "a", steps,
          a.profileSteps(traces.resolve("a-" + workload.key() + ".json"))));
    }
    try (DjlLoopContender<R> b = new DjlLoopContender<>(workload, seed)) {
      b.timeSteps(warmup);
      Path trace = traces.resolve("b-" + workload.key() + ".json");
      LibtorchProfile.start();
      try {
        b.timeSteps(steps);
      } finally {
        LibtorchProfile.stop(trace);
      }
      rows.add(new Row(workload.key(), workload.title(), "b", steps, LibtorchProfile.count(trace, steps)));
    }
    if (python != null) {
      pythonSetUp.setUp(python, workload);
      python.steps(warmup);
      rows.add(new Row(workload.key(), workload.title(), "d", steps, python.profile(steps)));
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s: aten ops a step (top-level)", workload.key()));
    rows.forEach(r -> line.append(String.format(Locale.ROOT, "  %s %.0f (%.0f)", r.contender(), r.ops().all(), r.ops().topLevel())));
    log.println(line);
    return rows;
  }
}
