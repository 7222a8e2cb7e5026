package org.trainkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trainkit.examples.classifier.SentenceClassifierTrainerMain;
import org.trainkit.examples.tagger.EntityTaggerTrainerMain;

/**
 * The {@code quality} section: trains the two examples with their defaults on the real corpora
 * shipped in {@code benchmarks/corpora/} (BC5CDR-disease for the tagger, CSAbstruct for the
 * classifier), through their generated entry points, exactly as a user would, and prints test
 * metrics, epochs, wall time and training sentences per second. The dev split picks the best
 * checkpoint and stops early; the test split is read once, by the best checkpoint, at the end.
 */
final class Quality {

  /** One example on one corpus. */
  private record Task(String name, String corpus, String trainFile, String devFile, String testFile,
      String metric, String second) {}

  private static final List<Task> TASKS = List.of(
      new Task("tagger", "bc5cdr-disease", "train.tsv", "dev.tsv", "test.tsv", "entity_f1", "entity_precision"),
      new Task("classifier", "csabstruct", "train.txt", "dev.txt", "test.txt", "weighted_f1", "accuracy"));

  /** One task's result. */
  record Row(String task, String corpus, String metric, double test, String second, double secondValue,
      double bestDev, int epochs, int bestEpoch, double seconds, double sentencesPerSecond, List<String> overrides) {}

  private final Path corpora;
  private final Path work;
  private final PrintStream log;

  Quality(Path corpora, Path work, PrintStream log) {
    this.corpora = corpora;
    this.work = work;
    this.log = log;
  }

  /**
   * Runs every task (or those named in {@code only}), each with {@code overrides} ("key=value",
   * passed as {@code --set}) on top of its defaults.
   */
  List<Row> run(List<String> only, List<String> overrides) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Task task : TASKS) {
      if (only != null && !only.contains(task.name())) {
        continue;
      }
      Path dir = corpora.resolve(task.corpus());
      if (!Files.isDirectory(dir)) {
        throw new IOException(dir + ": missing (the quality section reads the corpora shipped in benchmarks/corpora)");
      }
      Path run = work.resolve("quality-" + task.name());
      List<String> args = new ArrayList<>(List.of("train",
          "--train", dir.resolve(task.trainFile()).toString(),
          "--dev", dir.resolve(task.devFile()).toString(),
          "--test", dir.resolve(task.testFile()).toString(),
          "--out", run.toString(), "--overwrite", "--set", "progressBar=false"));
      for (String o : overrides) {
        args.add("--set");
        args.add(o);
      }
      log.printf(Locale.ROOT, "%n6. Quality: %s on %s, defaults%s%n", task.name(), task.corpus(),
          overrides.isEmpty() ? "" : " with " + String.join(", ", overrides));
      long start = System.nanoTime();
      int code = task.name().equals("tagger")
          ? EntityTaggerTrainerMain.run(args.toArray(String[]::new))
          : SentenceClassifierTrainerMain.run(args.toArray(String[]::new));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0) {
        throw new IOException(task.name() + " training failed with exit code " + code + " (see " + run + ")");
      }
      rows.add(row(task, run, seconds, countItems(dir.resolve(task.trainFile())), overrides));
    }
    return rows;
  }

  private static Row row(Task task, Path run, double seconds, long trainSentences, List<String> overrides)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode test = json.readTree(run.resolve("summary.json").toFile()).path("test");
    int epochs = 0;
    int bestEpoch = 0;
    double bestDev = Double.NEGATIVE_INFINITY;
    double trainingSeconds = 0;
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode it = json.readTree(line);
      epochs = Math.max(epochs, it.path("iteration").asInt());
      trainingSeconds += it.path("seconds").asDouble();
      double dev = it.path("metrics").path(task.metric()).asDouble(Double.NaN);
      if (dev > bestDev) {
        bestDev = dev;
        bestEpoch = it.path("iteration").asInt();
      }
    }
    return new Row(task.name(), task.corpus(), task.metric(), test.path(task.metric()).asDouble(),
        task.second(), test.path(task.second()).asDouble(), bestDev, epochs, bestEpoch, seconds,
        trainSentences * (double) epochs / trainingSeconds, overrides);
  }

  /** Sentences in a CoNLL file (blank-line separated) or an RCT file (one labelled line each). */
  private static long countItems(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean rct = !lines.isEmpty() && lines.get(0).startsWith("###");
    if (rct) {
      return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("###")).count();
    }
    long sentences = 0;
    boolean inside = false;
    for (String l : lines) {
      if (l.isBlank()) {
        sentences += inside ? 1 : 0;
        inside = false;
      } else {
        inside = true;
      }
    }
    return sentences + (inside ? 1 : 0);
  }

  /** The table, as Markdown. */
  static String markdown(List<Row> rows, int cores, String load) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "**6. Quality on real text** (defaults, test split read once by the best dev checkpoint; %d cores, load average %s)%n%n", cores, load));
    out.append("| example | corpus (test split) | metric | test | second metric | best dev | epochs (best) | wall time | train sentences/s |\n");
    out.append("|---|---|---|---:|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %.4f | %s %.4f | %.4f | %d (%d) | %.1f min | %.0f |%n",
          r.task(), r.overrides().isEmpty() ? "" : " (" + String.join(", ", r.overrides()) + ")",
          r.corpus(), r.metric(), r.test(), r.second(), r.secondValue(), r.bestDev(), r.epochs(),
          r.bestEpoch(), r.seconds() / 60, r.sentencesPerSecond()));
    }
    return out.toString();
  }
}
