package org.trainkit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.trainkit.benchmarks.mlp.BenchMlpTrainerMain;
import org.trainkit.benchmarks.mlp.FirstStepProbe;
import org.trainkit.benchmarks.mlp.Points;

/**
 * Section 5: wall time from starting a JVM on the generated entry point ({@code
 * BenchMlpTrainerMain train --train points.tsv --out run}) to the beginning of its first
 * training step, which {@link FirstStepProbe} reports (with {@code
 * -Dtrainkit.bench.firstStep=exit} the child then ends). In between: JVM start, class loading,
 * the command line, the Dagger component, reading the data file, loading libtorch from the
 * jar (the extracted native library is cached under {@code ~/.djl.ai} after the first run),
 * the run directory, and the first batch about to be loaded.
 */
final class Startup {

  /** The section's result. */
  record Result(int items, Stats millis) {}

  private final Forks forks;
  private final Path work;
  private final PrintStream log;
  private final Quiet quiet;

  Startup(Forks forks, Path work, PrintStream log, Quiet quiet) {
    this.quiet = quiet;
    this.forks = forks;
    this.work = work;
    this.log = log;
  }

  /** Starts the entry point once; returns the milliseconds until its first step began. */
  private double once(Path data, Path out, long seed) throws IOException, InterruptedException {
    Runs.delete(out);
    ProcessBuilder builder = forks.java(
        List.of("-Dtrainkit.bench.firstStep=exit"),
        BenchMlpTrainerMain.class.getName(),
        List.of("train", "--train", data.toString(), "--out", out.toString(), "--iterations", "1",
            "--seed", Long.toString(seed)));
    builder.redirectErrorStream(true);
    long begin = System.currentTimeMillis();
    Process p = builder.start();
    long firstStep = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith(FirstStepProbe.PREFIX)) {
          firstStep = Long.parseLong(line.substring(FirstStepProbe.PREFIX.length()).trim());
        } else {
          output.append(line).append('\n');
        }
      }
    }
    if (!p.waitFor(120, TimeUnit.SECONDS) || firstStep < 0) {
      p.destroyForcibly();
      throw new IOException("the entry point did not reach its first step:\n" + output);
    }
    return firstStep - begin;
  }

  Result run(int items, int warmups, int reps, long seed) throws Exception {
    Path dir = work.resolve("startup");
    Runs.delete(dir);
    Files.createDirectories(dir);
    Path data = dir.resolve("points.tsv");
    Points.write(Points.generate(items, seed), data);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < warmups + reps; i++) {
      Path out = dir.resolve("run-" + i);
      boolean warm = i < warmups;
      Quiet.Timed t = warm ? new Quiet.Timed(once(data, out, seed), 0, 1) : quiet.measure(() -> once(data, out, seed));
      if (!warm) {
        millis.add(t.value());
      }
      log.printf(Locale.ROOT, "  %s %d: %,.0f ms to the first step%s%n", warm ? "warm-up" : "run",
          warm ? i + 1 : i - warmups + 1, t.value(), Quiet.note(t));
    }
    Runs.delete(dir);
    return new Result(items, Stats.of(millis));
  }
}
