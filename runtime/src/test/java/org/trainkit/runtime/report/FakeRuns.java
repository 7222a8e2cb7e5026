package org.trainkit.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfigYaml;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;

/** Hand-built histories and run directories, as the trainer would leave them. */
final class FakeRuns {

  private FakeRuns() {}

  /** Name/value pairs in order. */
  static Map<String, Double> values(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    return map;
  }

  /**
   * A history of {@code n} iterations monitoring accuracy: it rises to {@code peak} at iteration
   * {@code bestAt} and falls after; per-class f1 for two entity types; the dev set is evaluated
   * every second iteration only when {@code sparseDev}.
   */
  static History history(int n, int bestAt, double peak, boolean sparseDev) {
    List<EpochSummary> its = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      double trainLoss = 1.0 / i;
      boolean evaluated = !sparseDev || i % 2 == 0 || i == n;
      double accuracy = peak - 0.05 * Math.abs(i - bestAt);
      Map<String, Double> metrics = evaluated
          ? values("accuracy", accuracy, "f1/DRUG", accuracy - 0.1, "f1/DISEASE", accuracy - 0.2,
              "precision/DRUG", accuracy, "precision/DISEASE", accuracy - 0.15)
          : Map.of();
      its.add(new EpochSummary(
          i, 10L * i, trainLoss, evaluated ? trainLoss * 1.2 : Double.NaN, metrics,
          1e-3 * Math.pow(0.5, i - 1), 0.5));
    }
    return new History("accuracy", true, its);
  }

  /**
   * Writes a finished run: config.yaml, history.json, summary.json (test metrics with per-class
   * values and confusion cells), metrics.jsonl and metrics.csv.
   */
  static Path finishedRun(Path dir, History history, double testAccuracy) throws IOException {
    Files.createDirectories(dir);
    TrainerConfigYaml.save(
        TrainerConfig.builder().monitor("accuracy").iterations(history.iterations().size())
            .build(),
        dir.resolve("config.yaml"));
    HistoryJson.write(history, dir.resolve(RunDirectory.HISTORY));
    new MetricsLog(dir, history);
    Map<String, Double> dev = new LinkedHashMap<>();
    dev.put("loss", history.best().devLoss());
    dev.putAll(history.best().metrics());
    Map<String, Double> test = values(
        "loss", 0.25, "accuracy", testAccuracy,
        "precision/DRUG", 0.9, "recall/DRUG", 0.8, "f1/DRUG", 0.847, "support/DRUG", 40,
        "precision/DISEASE", 0.7, "recall/DISEASE", 0.75, "f1/DISEASE", 0.724,
        "support/DISEASE", 12,
        "confusion/DRUG/DRUG", 32, "confusion/DRUG/DISEASE", 8,
        "confusion/DISEASE/DISEASE", 9, "confusion/DISEASE/DRUG", 3);
    RunSummary.write(dir, history, dev, test, 12.5);
    return dir;
  }

  /** Writes {@code outputs/<name>} with the trainer's header and the given rows. */
  static Path outputs(Path runDir, String name, String... rows) throws IOException {
    Path file = runDir.resolve("outputs").resolve(name);
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder("index\ttarget\tprediction\tloss\n");
    for (String row : rows) {
      text.append(row).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Asserts that a file is a PNG image of the curves' size. */
  static void assertCurveImage(Path png) throws IOException {
    assertCurveImage(Files.readAllBytes(png), png.toString());
  }

  static void assertCurveImage(byte[] bytes, String what) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, what + " does not decode as an image");
    assertEquals(Curves.WIDTH, image.getWidth(), what);
    assertEquals(Curves.HEIGHT, image.getHeight(), what);
  }

  /** Asserts that a page refers to nothing on the network. */
  static void assertOffline(String html) {
    assertFalse(html.contains("http://"), "the page holds http://");
    assertFalse(html.contains("https://"), "the page holds https://");
    assertFalse(html.contains("<script"), "the page holds a script");
    assertFalse(html.contains("<link"), "the page links a resource");
  }
}
