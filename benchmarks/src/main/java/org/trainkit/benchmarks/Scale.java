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
import java.util.stream.Stream;
import org.trainkit.examples.data.CorpusGenerator;

/**
 * Section {@code scale}: a generated CoNLL corpus of about 2 GB (full run) indexed and trained on
 * by the tagger under {@code -Xmx256m} ({@link ScaleRun} in a JVM of its own), and the speed of
 * the same steps from a list and from an index on a small file. Deletes the corpus and its index
 * afterwards.
 */
final class Scale {

  /** Heap of the forked run: far smaller than the corpus. */
  static final int HEAP_MB = 256;
  /** Bytes per generated sentence, roughly (154 MB for 1.4 million). */
  private static final double BYTES_PER_SENTENCE = 110;

  record Sample(long step, long rssKb, long anonKb, long heapKb) {}

  record Result(long fileBytes, int items, double indexCpuSeconds, double warmIndexSeconds,
      double hashOnlySeconds, double fitSeconds, double firstStepSeconds, double fitAndFirstStepSeconds,
      List<Sample> samples, long steps, double memoryStepsPerSecond, double indexedStepsPerSecond,
      double pairedRatio, String load) {

    double warmIndexMbPerSecond() {
      return fileBytes / 1e6 / warmIndexSeconds;
    }

    Sample at(long step) {
      return samples.stream().filter(s -> s.step() == step).findFirst()
          .orElseThrow(() -> new IllegalStateException("no sample at step " + step));
    }

    double rssGrowthPercent() {
      return 100.0 * (at(steps).rssKb() - at(50).rssKb()) / at(50).rssKb();
    }

    double anonGrowthPercent() {
      return 100.0 * (at(steps).anonKb() - at(50).anonKb()) / at(50).anonKb();
    }

    /**
     * The median over rounds of index steps/s over list steps/s, each round's two passes run one
     * after the other: on a shared machine, load drifts less within a round than across rounds.
     */
    double speedRatio() {
      return pairedRatio;
    }

    String markdown() {
      return String.format(Locale.ROOT,
          "**Scale**, the tagger trained from a %,.0f MB generated CoNLL file (%,d sentences) in a JVM"
              + " with -Xmx%dm, step mode, batch 32, %d steps, no OutOfMemoryError: indexing (split and hash,"
              + " page cache warm, median of %d passes) %.1f s = **%.0f MB/s** (%.1f s of CPU; SHA-256 alone %.0f MB/s);"
              + " fit (the vocabulary pass over every sentence) and the parse check %.1f s; first step %.1f s after"
              + " JVM start; RSS at step 50 %,d kB, at step %d %,d kB: **%+.1f %%** (anonymous memory %+.1f %%;"
              + " the rest is the memory-mapped index and order, page cache the kernel may drop);"
              + " same steps from a list vs from the index of a small file: %.2f vs %.2f steps/s"
              + " (medians of %d passes each), index/list ratio **%.3f** (median of the rounds' ratios)."
              + " Load average %s.%n%n",
          fileBytes / 1e6, items, HEAP_MB, steps, ScaleRun.INDEX_PASSES, warmIndexSeconds,
          warmIndexMbPerSecond(), indexCpuSeconds, fileBytes / 1e6 / hashOnlySeconds, fitSeconds,
          firstStepSeconds, at(50).rssKb(), steps, at(steps).rssKb(), rssGrowthPercent(),
          anonGrowthPercent(), memoryStepsPerSecond, indexedStepsPerSecond, ScaleRun.RATIO_ROUNDS,
          speedRatio(), load);
    }
  }

  private final Forks forks;
  private final PrintStream log;

  Scale(Forks forks, PrintStream log) {
    this.forks = forks;
    this.log = log;
  }

  Result run(Path work, long targetBytes, int steps, int ratioSentences, int ratioSteps, long seed)
      throws IOException, InterruptedException {
    Path folder = Files.createDirectories(work.resolve("scale"));
    Path big = folder.resolve("big.conll");
    Path small = folder.resolve("small.conll");
    try {
      long begin = System.nanoTime();
      writeBig(big, folder.resolve("part.conll"), targetBytes, seed);
      log.printf(Locale.ROOT, "  generated %,d bytes in %.0f s%n", Files.size(big), (System.nanoTime() - begin) / 1e9);
      String loadBefore = BenchMain.loadAverage();
      List<String> lines = fork("big", big, steps, folder.resolve("run"));
      CorpusGenerator.writeConll(small, ratioSentences, seed + 1, CorpusGenerator.Split.TRAIN);
      lines.addAll(fork("ratio", small, ratioSteps, folder.resolve("ratio-run")));
      return parse(lines, steps, loadBefore + " at the start, " + BenchMain.loadAverage() + " at the end");
    } finally {
      Runs.delete(folder);
    }
  }

  /**
   * A generated corpus of at least {@code targetBytes}: an eighth of it generated, then copied
   * until the file is large enough (generating 2 GB sentence by sentence takes minutes; the index
   * and the loop do not care that sentences repeat).
   */
  private static void writeBig(Path big, Path part, long targetBytes, long seed) throws IOException {
    CorpusGenerator.writeConll(part, (int) Math.ceil(targetBytes / 8.0 / BYTES_PER_SENTENCE), seed,
        CorpusGenerator.Split.TRAIN);
    try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(big,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
        java.nio.file.StandardOpenOption.WRITE)) {
      while (out.size() < targetBytes) {
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(part)) {
          long at = 0;
          while (at < in.size()) {
            at += in.transferTo(at, in.size() - at, out);
          }
        }
      }
    }
    Files.delete(part);
  }

  private List<String> fork(String mode, Path file, int steps, Path run) throws IOException, InterruptedException {
    // an OutOfMemoryError in any thread ends the run (exit code 3), rather than a hung loader
    Process p = forks.java(List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"),
        ScaleRun.class.getName(), List.of(mode, file.toString(), Integer.toString(steps), run.toString()))
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    boolean outOfMemory = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (!line.isBlank()) {
          log.println("  | " + line);
          lines.add(line);
          outOfMemory |= line.contains("OutOfMemoryError");
        }
      }
    }
    int code = p.waitFor();
    if (outOfMemory) {
      throw new IOException("the scale run (" + mode + ") ran out of memory under -Xmx" + HEAP_MB + "m");
    }
    if (code != 0) {
      throw new IOException("the scale run (" + mode + ") exited with " + code);
    }
    return lines;
  }

  private static Result parse(List<String> lines, int steps, String load) {
    List<double[]> indexes = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    double hashOnly = Double.NaN;
    double fit = Double.NaN;
    double firstStep = Double.NaN;
    double fitAndFirst = Double.NaN;
    List<Double> memory = new ArrayList<>();
    List<Double> indexed = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "index" -> indexes.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Double.parseDouble(f[3]), Double.parseDouble(f[4])});
        case "hashOnly" -> hashOnly = Double.parseDouble(f[1]);
        case "fit" -> fit = Double.parseDouble(f[1]);
        case "firstStep" -> firstStep = Double.parseDouble(f[1]);
        case "fitAndFirstStep" -> fitAndFirst = Double.parseDouble(f[1]);
        case "sample" -> samples.add(new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
        case "pass" -> (f[1].equals("memory") ? memory : f[1].equals("indexed") ? indexed : new ArrayList<Double>())
            .add(Double.parseDouble(f[2]));
        default -> { }
      }
    }
    // the median pass by wall time
    indexes.sort(java.util.Comparator.comparingDouble(a -> a[0]));
    double[] index = indexes.get(indexes.size() / 2);
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(memory.size(), indexed.size()); round++) {
      ratios.add(indexed.get(round) / memory.get(round));
    }
    return new Result((long) index[1], (int) index[2], index[3], index[0], hashOnly, fit, firstStep,
        fitAndFirst, samples, steps, median(memory), median(indexed), median(ratios), load);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = Stream.of(values.toArray(new Double[0])).sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
