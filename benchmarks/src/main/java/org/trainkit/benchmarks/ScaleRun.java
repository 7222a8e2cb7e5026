package org.trainkit.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityTagger;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.train.Trainer;

/**
 * Section {@code scale}, run in a JVM of its own with a small heap. Three modes:
 *
 * <ul>
 *   <li>{@code index FILE 0 -}: hashes a CoNLL file (which leaves it in the page cache), then
 *       indexes it three times from scratch; prints {@code hashOnly <seconds>} and {@code index
 *       <seconds> <bytes> <items> <cpu seconds>} for each pass.
 *   <li>{@code big FILE STEPS RUN}: {@code index}, then trains the tagger from the file in step
 *       mode for {@code STEPS} steps. Also prints {@code fit <seconds>} (fit and the parse check,
 *       up to the loop's start), {@code firstStep <seconds since JVM start>}, {@code
 *       fitAndFirstStep <seconds>}, {@code sample <step> <VmRSS kB> <RssAnon kB> <heap kB>} at
 *       step 1, every 25 steps and at the last, and {@code done}.
 *   <li>{@code ratio FILE STEPS RUN}: trains the same steps from the file's items in a list and
 *       from its index, alternately, {@link #RATIO_ROUNDS} times each; prints {@code pass
 *       <memory|indexed> <steps per second>} for each.
 * </ul>
 */
public final class ScaleRun {

  private ScaleRun() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]);
    int steps = Integer.parseInt(args[2]);
    Path run = Path.of(args[3]);
    ConllReader reader = new ConllReader();
    switch (mode) {
      case "big" -> big(reader, file, steps, run);
      case "index" -> index(reader, file);
      case "ratio" -> ratio(reader, file, steps, run);
      default -> throw new IllegalArgumentException("mode big, index or ratio: " + mode);
    }
  }

  /** Rounds of the list/index comparison, a list pass then an index pass each. */
  static final int RATIO_ROUNDS = 5;

  /** Index passes timed (the median is reported): one pass of a loaded machine misleads. */
  static final int INDEX_PASSES = 3;

  /**
   * Hashes {@code file} (which leaves it in the page cache when memory allows), then indexes it
   * {@link #INDEX_PASSES} times from scratch.
   */
  private static void index(ConllReader reader, Path file) throws IOException {
    long hashBegin = System.nanoTime();
    org.trainkit.runtime.data.FileFingerprint.of(file);
    System.out.printf(Locale.ROOT, "hashOnly %.3f%n", (System.nanoTime() - hashBegin) / 1e9);
    for (int pass = 0; pass < INDEX_PASSES; pass++) {
      deleteIndexes(file);
      long begin = System.nanoTime();
      long cpu = processCpuNanos();
      try (Dataset<Sentence> data = reader.open(file)) {
        System.out.printf(Locale.ROOT, "index %.3f %d %d %.3f%n", (System.nanoTime() - begin) / 1e9,
            Files.size(file), data.size(), (processCpuNanos() - cpu) / 1e9);
      }
      System.out.flush();
    }
  }

  private static void big(ConllReader reader, Path file, int steps, Path run) throws IOException {
    index(reader, file);
    long fitBegin = System.nanoTime();
    TrainerCallback probe = new TrainerCallback() {
      @Override
      public void onTrainBegin(TrainerState state) {
        // fit (the vocabulary pass) and the parse check of what fit did not read are done
        System.out.printf(Locale.ROOT, "fit %.3f%n", (System.nanoTime() - fitBegin) / 1e9);
      }

      @Override
      public void onStepEnd(TrainerState state, double loss) {
        long step = state.globalStep();
        if (step == 1) {
          long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
          System.out.printf(Locale.ROOT, "firstStep %.3f%n", uptime / 1000.0);
          System.out.printf(Locale.ROOT, "fitAndFirstStep %.3f%n", (System.nanoTime() - fitBegin) / 1e9);
        }
        if (step == 1 || step % 25 == 0 || step == steps) {
          Runtime rt = Runtime.getRuntime();
          System.out.printf(Locale.ROOT, "sample %d %d %d %d%n", step, status("VmRSS:"), status("RssAnon:"),
              (rt.totalMemory() - rt.freeMemory()) / 1024);
          System.out.flush();
        }
      }
    };
    try (Dataset<Sentence> data = reader.open(file);
        var trainer = new Trainer<>(new EntityTagger().makeTrainable(), config(steps), List.of(probe))) {
      trainer.train(data, Dataset.empty(), Dataset.empty(), run, false);
    }
    System.out.println("done");
  }

  private static void ratio(ConllReader reader, Path file, int steps, Path run) throws IOException {
    List<Sentence> items = new ArrayList<>();
    try (Stream<Sentence> stream = reader.read(file)) {
      stream.forEach(items::add);
    }
    Dataset<Sentence> memory = Dataset.of(items);
    try (Dataset<Sentence> indexed = reader.open(file)) {
      time("warmup", memory, steps, run);
      for (int round = 0; round < RATIO_ROUNDS; round++) {
        time("memory", memory, steps, run);
        time("indexed", indexed, steps, run);
      }
    }
  }

  private static void time(String name, Dataset<Sentence> data, int steps, Path run) throws IOException {
    Runs.delete(run);
    long[] start = new long[1];
    TrainerCallback clock = new TrainerCallback() {
      @Override
      public void onStepEnd(TrainerState state, double loss) {
        if (state.globalStep() == 10) {
          start[0] = System.nanoTime(); // steps after the tenth: no first-step costs
        }
      }
    };
    try (var trainer = new Trainer<>(new EntityTagger().makeTrainable(), config(steps), List.of(clock))) {
      trainer.train(data, Dataset.empty(), Dataset.empty(), run, false);
    }
    System.out.printf(Locale.ROOT, "pass %s %.3f%n", name, (steps - 10) / ((System.nanoTime() - start[0]) / 1e9));
    System.out.flush();
  }

  private static TrainerConfig config(int steps) {
    return TrainerConfig.builder()
        .seed(BenchMain.SEED)
        .trainingType(TrainerConfig.TrainingType.STEP)
        .iterations(steps)
        .evalFrequency(steps)
        .saveFrequency(steps)
        .batchSize(32)
        .loaderWorkers(1)
        .device("cpu")
        .progressBar(false)
        .saveDevOutputs(false)
        .saveTestOutputs(false)
        .build();
  }

  private static void deleteIndexes(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".trainkit-index")).toList()) {
        Files.delete(p);
      }
    }
  }

  /** CPU time of this process, all threads: on a shared machine, the cost that wall time hides. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A field of /proc/self/status, kB; -1 when there is none. */
  static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }
}
