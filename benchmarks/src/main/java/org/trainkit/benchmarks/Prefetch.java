package org.trainkit.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trainkit.benchmarks.loop.Contender;
import org.trainkit.benchmarks.loop.DjlTask;
import org.trainkit.benchmarks.loop.TrainkitContender;
import org.trainkit.benchmarks.loop.Workload;
import org.trainkit.benchmarks.tagger.SlowTagger;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.TrainableComponent;

/**
 * Section 3: the tagger with a slow {@code @Preprocess} ({@link SlowTagger}), trained by the
 * runtime {@code Trainer} with 0, 1 and 2 loader workers, against the same tagger with an
 * instant preprocess on the training thread (compute only). Preprocess time hidden with k
 * workers = (T0 − Tk) / (T0 − Tcompute), T the median step time.
 *
 * <p>With P the preprocess time of a batch and C the compute time of a step, k workers can at
 * best bring the step to max(C, P / k): the best possible share hidden is (P + C − max(C, P /
 * k)) / P, printed next to the measured one.
 */
final class Prefetch {

  /** One configuration's step times. */
  record Row(String config, String work, int workers, Stats stepMillis) {}

  /** The section's result. */
  record Result(int batchSize, int steps, String work, List<Row> rows, Map<String, Double> hidden,
      Map<String, Double> ideal) {}

  private final long seed;
  private final Path work;
  private final PrintStream log;
  private final Quiet quiet;

  Prefetch(long seed, Path work, PrintStream log, Quiet quiet) {
    this.seed = seed;
    this.work = work;
    this.log = log;
    this.quiet = quiet;
  }

  Result run(List<Sentence> sentences, int batchSize, SlowWork slow, int steps, int warmups, int reps)
      throws Exception {
    List<Contender> contenders = new ArrayList<>();
    Path runs = work.resolve("runs");
    List<String> names = new ArrayList<>();
    try {
      contenders.add(new TrainkitContender<>("compute", workload(sentences, batchSize, SlowWork.NONE), seed, steps, 0, runs));
      names.add("compute only (instant preprocess, 0 workers)");
      for (int workers = 0; workers <= 2; workers++) {
        contenders.add(new TrainkitContender<>("w" + workers, workload(sentences, batchSize, slow), seed, steps, workers, runs));
        names.add(slow.describe() + " per item, " + workers + " worker" + (workers == 1 ? "" : "s"));
      }
      Map<String, List<Double>> millis = new LinkedHashMap<>();
      contenders.forEach(c -> millis.put(c.id(), new ArrayList<>()));
      for (int round = 0; round < warmups + reps; round++) {
        boolean warm = round < warmups;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %d:",
            warm ? "warm-up" : "round", warm ? round + 1 : round - warmups + 1));
        for (int i = 0; i < contenders.size(); i++) {
          Contender c = contenders.get((i + round) % contenders.size());
          if (warm) {
            line.append(String.format(Locale.ROOT, "  %s %.1f ms", c.id(), c.timeSteps(steps) * 1000 / steps));
            continue;
          }
          Quiet.Timed t = quiet.measure(() -> c.timeSteps(steps));
          double ms = t.value() * 1000 / steps;
          millis.get(c.id()).add(ms);
          line.append(String.format(Locale.ROOT, "  %s %.1f ms%s", c.id(), ms, Quiet.note(t)));
        }
        log.println(line);
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < contenders.size(); i++) {
        String id = contenders.get(i).id();
        rows.add(new Row(names.get(i), i == 0 ? "none" : slow.describe(), i == 0 ? 0 : i - 1, Stats.of(millis.get(id))));
      }
      double compute = rows.get(0).stepMillis().median();
      double serial = rows.get(1).stepMillis().median();
      double preprocess = slow.nanos() / 1e6 * batchSize;
      Map<String, Double> hidden = new LinkedHashMap<>();
      Map<String, Double> ideal = new LinkedHashMap<>();
      for (int workers = 1; workers <= 2; workers++) {
        double tk = rows.get(1 + workers).stepMillis().median();
        hidden.put(workers + " worker" + (workers == 1 ? "" : "s"), 100 * (serial - tk) / (serial - compute));
        double best = Math.max(compute, preprocess / workers);
        ideal.put(workers + " worker" + (workers == 1 ? "" : "s"), 100 * Math.min(1, (preprocess + compute - best) / preprocess));
      }
      return new Result(batchSize, steps, slow.describe(), rows, hidden, ideal);
    } finally {
      for (Contender c : contenders) {
        c.close();
      }
    }
  }

  private static Workload<Sentence> workload(List<Sentence> sentences, int batchSize, SlowWork slow) {
    return new Workload<>() {
      @Override
      public String key() {
        return "slow-tagger-b" + batchSize;
      }

      @Override
      public String title() {
        return "tagger with a slow @Preprocess";
      }

      @Override
      public String model() {
        return "tagger";
      }

      @Override
      public int batchSize() {
        return batchSize;
      }

      @Override
      public List<Sentence> items() {
        return sentences;
      }

      @Override
      public TrainableComponent<Sentence, ?, ?> trainkitComponent() {
        return new SlowTagger(slow).makeTrainable();
      }

      @Override
      public DjlTask<Sentence> djlTask() {
        throw new UnsupportedOperationException();
      }

      @Override
      public long exportForPython(Path file) throws IOException {
        throw new UnsupportedOperationException();
      }
    };
  }
}
