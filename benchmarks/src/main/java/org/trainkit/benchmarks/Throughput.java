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
 * so that a burst of load from elsewhere hits all contenders alike). A timing during which the
 * rest of the machine was busy is repeated ({@link Quiet}); a round that stays noisy is set
 * aside and another run in its place.
 */
final class Throughput {

  /** At most this many rounds are run in place of rounds set aside as noisy (full runs only). */
  static final int MAX_EXTRA_ROUNDS = 3;

  /** One round's rates and outside loads, by contender. */
  private record Round(Map<String, Double> rates, Map<String, Double> outside) {
    double maxOutside() {
      return outside.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
  }

  /** One contender's repetitions on one workload (in round order: index i of each is one round). */
  record Row(String workload, String title, String contender, String label, int batchSize,
      int steps, Stats samplesPerSecond, Stats outsideCores, int retries) {}

  private final long seed;
  private final Path work;
  private final PrintStream log;
  private final Quiet quiet;
  private final java.util.Set<String> only;
  private final int maxExtraRounds;

  /**
   * @param only the contenders to run, or null for all
   * @param maxExtraRounds rounds run in place of noisy ones: {@link #MAX_EXTRA_ROUNDS}, or 0 in a
   *     smoke run, whose numbers mean nothing anyway
   */
  Throughput(long seed, Path work, PrintStream log, Quiet quiet, java.util.Set<String> only, int maxExtraRounds) {
    this.only = only;
    this.maxExtraRounds = maxExtraRounds;
    this.seed = seed;
    this.work = work;
    this.log = log;
    this.quiet = quiet;
  }

  /** Exports the workload for the Python worker and builds its model there; checks the size. */
  <R> Contender setUp(PythonWorker python, Workload<R> workload) throws java.io.IOException {
    Path data = work.resolve("data").resolve(workload.key() + (workload.model().equals("mlp") ? ".bin" : ".jsonl"));
    java.nio.file.Files.createDirectories(data.getParent());
    long javaParameters = workload.exportForPython(data);
    long pythonParameters = python.setup(workload.model(), workload.batchSize(), data, seed);
    log.printf(Locale.ROOT, "  parameters (%s): Java %,d, Python %,d%s%n", python.id(), javaParameters, pythonParameters,
        javaParameters == pythonParameters ? " (same model size)" : "  ** DIFFERENT **");
    return python.contender();
  }

  private boolean wanted(String id) {
    return only == null || only.contains(id);
  }

  /**
   * Times every contender on {@code workload}: {@code warmups} rounds, then {@code reps}
   * rounds of {@code steps} optimizer steps each.
   *
   * @param pythons the Python workers (PyTorch, Lightning) that started; may be empty
   */
  <R> List<Row> run(Workload<R> workload, int steps, int warmups, int reps, List<PythonWorker> pythons)
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
      for (PythonWorker python : pythons) {
        if (wanted(python.id())) {
          contenders.add(setUp(python, workload));
        }
      }
      for (int round = 0; round < warmups; round++) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  warm-up %d:", round + 1));
        for (int i = 0; i < contenders.size(); i++) {
          Contender c = contenders.get((i + round) % contenders.size());
          double rate = steps * workload.batchSize() / c.timeSteps(steps);
          line.append(String.format(Locale.ROOT, "  %s %,.0f/s", c.id(), rate));
        }
        log.println(line);
      }
      // Counted rounds: a round in which a timing stayed noisy after its retries is set aside
      // and another run in its place (up to MAX_EXTRA_ROUNDS); set-aside rounds are used, the
      // least noisy first, only when too few clean ones came.
      List<Round> clean = new ArrayList<>();
      List<Round> noisy = new ArrayList<>();
      Map<String, Integer> retries = new LinkedHashMap<>();
      contenders.forEach(c -> retries.put(c.id(), 0));
      for (int round = 0; clean.size() < reps && round < reps + maxExtraRounds; round++) {
        Round r = new Round(new LinkedHashMap<>(), new LinkedHashMap<>());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", round + 1));
        for (int i = 0; i < contenders.size(); i++) {
          Contender c = contenders.get((i + warmups + round) % contenders.size());
          Quiet.Timed t = quiet.measure(() -> c.timeSteps(steps));
          double rate = steps * workload.batchSize() / t.value();
          r.rates().put(c.id(), rate);
          r.outside().put(c.id(), t.outsideCores());
          retries.merge(c.id(), t.attempts() - 1, Integer::sum);
          line.append(String.format(Locale.ROOT, "  %s %,.0f/s%s", c.id(), rate, Quiet.note(t)));
        }
        if (r.maxOutside() > Quiet.THRESHOLD) {
          noisy.add(r);
          line.append("  (set aside: the machine was busy)");
        } else {
          clean.add(r);
        }
        log.println(line);
      }
      List<Round> counted = new ArrayList<>(clean);
      noisy.sort(java.util.Comparator.comparingDouble(Round::maxOutside));
      for (int i = 0; counted.size() < reps && i < noisy.size(); i++) {
        counted.add(noisy.get(i));
      }
      List<Row> rows = new ArrayList<>();
      for (Contender c : contenders) {
        List<Double> rates = counted.stream().map(r -> r.rates().get(c.id())).toList();
        List<Double> outside = counted.stream().map(r -> r.outside().get(c.id())).toList();
        rows.add(new Row(workload.key(), workload.title(), c.id(), c.label(), workload.batchSize(),
            steps, Stats.of(rates), Stats.of(outside), retries.get(c.id())));
      }
      return rows;
    } finally {
      for (Contender c : contenders) {
        c.close();
      }
    }
  }
}
