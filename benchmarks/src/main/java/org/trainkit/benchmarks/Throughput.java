package org.trainkit.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trainkit.benchmarks.loop.Contender;
import org.trainkit.benchmarks.loop.DjlLoopContender;
import org.trainkit.benchmarks.loop.EasyTrainContender;
import org.trainkit.benchmarks.loop.PythonWorker;
import org.trainkit.benchmarks.loop.TrainkitContender;
import org.trainkit.benchmarks.loop.Workload;

/**
 * Section 1: samples per second of each contender on one workload — same model, data, batch
 * size, seed and torch thread count — after interleaved warm-up rounds, in interleaved
 * repetitions (each round runs every contender once, the order rotating from round to round,
 * so that a burst of load from elsewhere hits all contenders alike).
 */
final class Throughput {

  /** One contender's repetitions on one workload. */
  record Row(String workload, String title, String contender, String label, int batchSize,
      int steps, Stats samplesPerSecond, Stats outsideCores, int retries) {}

  private final long seed;
  private final Path work;
  private final PrintStream log;
  private final Quiet quiet;
  private final java.util.Set<String> only;

  /** @param only the contenders to run, or null for all */
  Throughput(long seed, Path work, PrintStream log, Quiet quiet, java.util.Set<String> only) {
    this.only = only;
    this.seed = seed;
    this.work = work;
    this.log = log;
    this.quiet = quiet;
  }

  private boolean wanted(String id) {
    return only == null || only.contains(id);
  }

  /**
   * Times every contender on {@code workload}: {@code warmups} rounds, then {@code reps}
   * rounds of {@code steps} optimizer steps each.
   *
   * @param python the PyTorch worker, or null when there is none
   */
  <R> List<Row> run(Workload<R> workload, int steps, int warmups, int reps, PythonWorker python)
      throws Exception {
    List<Contender> contenders = new ArrayList<>();
    Path runs = work.resolve("runs");
    try {
      if (wanted("a")) {
        contenders.add(new TrainkitContender<>("a", workload, seed, steps, 0, runs));
      }
      if (wanted("a1")) {
        contenders.add(new TrainkitContender<>("a1", workload, seed, steps, 1, runs));
      }
      if (wanted("b")) {
        contenders.add(new DjlLoopContender<>(workload, seed));
      }
      if (wanted("c")) {
        contenders.add(new EasyTrainContender<>(workload, seed));
      }
      if (python != null && wanted("d")) {
        Path data = work.resolve("data").resolve(workload.key() + (workload.model().equals("mlp") ? ".bin" : ".jsonl"));
        java.nio.file.Files.createDirectories(data.getParent());
        long javaParameters = workload.exportForPython(data);
        long pythonParameters = python.setup(workload.model(), workload.batchSize(), data, seed);
        log.printf(Locale.ROOT, "  parameters: Java %,d, Python %,d%s%n", javaParameters, pythonParameters,
            javaParameters == pythonParameters ? " (same model size)" : "  ** DIFFERENT **");
        contenders.add(python.contender());
      }
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      Map<String, List<Double>> outside = new LinkedHashMap<>();
      Map<String, Integer> retries = new LinkedHashMap<>();
      contenders.forEach(c -> {
        rates.put(c.id(), new ArrayList<>());
        outside.put(c.id(), new ArrayList<>());
        retries.put(c.id(), 0);
      });
      int rounds = warmups + reps;
      for (int round = 0; round < rounds; round++) {
        boolean warm = round < warmups;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %d:",
            warm ? "warm-up" : "round", warm ? round + 1 : round - warmups + 1));
        for (int i = 0; i < contenders.size(); i++) {
          Contender c = contenders.get((i + round) % contenders.size());
          if (warm) {
            double rate = steps * workload.batchSize() / c.timeSteps(steps);
            line.append(String.format(Locale.ROOT, "  %s %,.0f/s", c.id(), rate));
            continue;
          }
          Quiet.Timed t = quiet.measure(() -> c.timeSteps(steps));
          double rate = steps * workload.batchSize() / t.value();
          rates.get(c.id()).add(rate);
          outside.get(c.id()).add(t.outsideCores());
          retries.merge(c.id(), t.attempts() - 1, Integer::sum);
          line.append(String.format(Locale.ROOT, "  %s %,.0f/s%s", c.id(), rate, Quiet.note(t)));
        }
        log.println(line);
      }
      List<Row> rows = new ArrayList<>();
      for (Contender c : contenders) {
        rows.add(new Row(workload.key(), workload.title(), c.id(), c.label(), workload.batchSize(),
            steps, Stats.of(rates.get(c.id())), Stats.of(outside.get(c.id())), retries.get(c.id())));
      }
      return rows;
    } finally {
      for (Contender c : contenders) {
        c.close();
      }
    }
  }
}
