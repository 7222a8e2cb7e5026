package org.trainkit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Section 2: forks {@link MemoryRun} and collects its samples. */
final class Memory {

  /** One sample of the run. */
  record Sample(long step, long rssKb, int arrays, long heapKb) {}

  /** The section's result: every sample, the run's length, and the steps compared. */
  record Result(int batchSize, long steps, long early, long late, List<Sample> samples, double seconds) {
    Sample at(long step) {
      return samples.stream().filter(s -> s.step() == step).findFirst()
          .orElseThrow(() -> new IllegalStateException("no sample at step " + step));
    }

    double rssGrowthPercent() {
      return 100.0 * (at(late).rssKb() - at(early).rssKb()) / at(early).rssKb();
    }
  }

  /** The memory run's heap, fixed and pre-touched. */
  static final int HEAP_MB = 128;

  private final Forks forks;
  private final PrintStream log;

  Memory(Forks forks, PrintStream log) {
    this.forks = forks;
    this.log = log;
  }

  Result run(int steps, int early, int batchSize, long seed, Path runDirectory) throws IOException, InterruptedException {
    Runs.delete(runDirectory);
    int interval = early;
    // a fixed, pre-touched heap: RSS then moves only with native (libtorch) memory and the
    // JVM's own, not with the heap growing into its maximum
    Process p = forks.java(List.of("-Xms" + HEAP_MB + "m", "-Xmx" + HEAP_MB + "m", "-XX:+AlwaysPreTouch"),
        MemoryRun.class.getName(),
        List.of(Integer.toString(steps), Integer.toString(interval), Integer.toString(batchSize),
            Long.toString(seed), runDirectory.toString()))
        .redirectErrorStream(true).start();
    List<Sample> samples = new ArrayList<>();
    long begin = System.nanoTime();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("sample ")) {
          String[] f = line.split(" ");
          Sample s = new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]));
          samples.add(s);
          if (s.step() == early || s.step() == steps || s.step() % (steps / 4) == 0) {
            log.printf(Locale.ROOT, "  step %,6d: RSS %,d kB, %d live NDArrays, heap %,d kB%n",
                s.step(), s.rssKb(), s.arrays(), s.heapKb());
          }
        } else if (!line.isBlank()) {
          log.println("  | " + line);
        }
      }
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IOException("the memory run exited with " + code);
    }
    Runs.delete(runDirectory);
    return new Result(batchSize, steps, early, steps, samples, (System.nanoTime() - begin) / 1e9);
  }
}
