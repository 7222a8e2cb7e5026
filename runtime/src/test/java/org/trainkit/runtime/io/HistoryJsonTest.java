package org.trainkit.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;

public class HistoryJsonTest {

  @TempDir Path dir;

  private static final double[] SPECIAL = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
    -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.1, 1.0 / 3, 2e23, 1e-300, 5e-324,
    Math.nextUp(1.0), 123456789.0
  };

  @Test
  void roundTripKeepsEveryDoubleExactly() throws IOException {
    Random random = new Random(7);
    List<EpochSummary> iterations = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("accuracy", anyDouble(random, i));
      metrics.put("entity_f1", anyDouble(random, i + 3));
      iterations.add(
          new EpochSummary(
              i + 1,
              40L * (i + 1) + (1L << 40),
              anyDouble(random, i + 1),
              anyDouble(random, i + 5),
              metrics,
              anyDouble(random, i + 7),
              anyDouble(random, i + 11)));
    }
    iterations.add(new EpochSummary(201, 8040, 0.25, Double.NaN, Map.of(), 1e-3, 1.5));
    History history = new History("accuracy", true, iterations);
    Path file = dir.resolve("history.json");

    HistoryJson.write(history, file);
    History back = HistoryJson.read(file);

    assertEquals(history, back);
    for (int i = 0; i < iterations.size(); i++) {
      EpochSummary want = iterations.get(i);
      EpochSummary got = back.iterations().get(i);
      assertSameBits(want.trainLoss(), got.trainLoss());
      assertSameBits(want.devLoss(), got.devLoss());
      assertSameBits(want.learningRate(), got.learningRate());
      assertSameBits(want.seconds(), got.seconds());
      assertEquals(List.copyOf(want.metrics().keySet()), List.copyOf(got.metrics().keySet()));
      for (String name : want.metrics().keySet()) {
        assertSameBits(want.metrics().get(name), got.metrics().get(name));
      }
    }
    // Same history, same bytes: the file is deterministic.
    byte[] first = Files.readAllBytes(file);
    HistoryJson.write(back, file);
    assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(file));
  }

  @Test
  void fileHasTheDocumentedShape() throws IOException {
    History history =
        new History(
            "dev_loss",
            false,
            List.of(
                new EpochSummary(1, 40, 0.52, 0.47, Map.of("accuracy", 0.91), 1e-3, 2.0),
                new EpochSummary(2, 80, 0.41, Double.NaN, Map.of(), 1e-3, 1.0),
                new EpochSummary(
                    3, 120, Double.POSITIVE_INFINITY, 0.39, Map.of("accuracy", 0.95), 5e-4, 2.5)));
    Path file = dir.resolve("history.json");
    HistoryJson.write(history, file);

    JsonNode root = Json.MAPPER.readTree(file.toFile());
    assertEquals(
        List.of("monitor", "higherIsBetter", "bestIteration", "bestValue", "iterations"),
        fieldNames(root));
    assertEquals("dev_loss", root.get("monitor").textValue());
    assertEquals(false, root.get("higherIsBetter").booleanValue());
    assertEquals(3, root.get("bestIteration").intValue());
    assertEquals(0.39, root.get("bestValue").doubleValue());
    JsonNode first = root.get("iterations").get(0);
    assertEquals(
        List.of(
            "iteration", "globalStep", "trainLoss", "devLoss", "metrics", "learningRate",
            "seconds"),
        fieldNames(first));
    assertEquals(40, first.get("globalStep").longValue());
    assertEquals(0.91, first.get("metrics").get("accuracy").doubleValue());
    assertTrue(root.get("iterations").get(1).get("devLoss").isNull(), "NaN is written as null");
    assertEquals("Infinity", root.get("iterations").get(2).get("trainLoss").textValue());
  }

  @Test
  void historyWithoutBestWritesNulls() throws IOException {
    History history =
        new History(
            "dev_loss", false, List.of(new EpochSummary(1, 10, 0.5, Double.NaN, Map.of(), 0.1, 1)));
    Path file = dir.resolve("history.json");
    HistoryJson.write(history, file);

    JsonNode root = Json.MAPPER.readTree(file.toFile());
    assertTrue(root.get("bestIteration").isNull());
    assertTrue(root.get("bestValue").isNull());
    assertEquals(history, HistoryJson.read(file));
    History empty = new History("accuracy", true, List.of());
    HistoryJson.write(empty, file);
    assertEquals(empty, HistoryJson.read(file));
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nowhere/history.json");
    IOException e = assertThrows(IOException.class, () -> HistoryJson.read(file));
    assertEquals("cannot read " + file + ": no such file or directory", e.getMessage());
  }

  @Test
  void brokenJsonNamesFileAndLine() throws IOException {
    Path file = dir.resolve("history.json");
    Files.writeString(file, "{\n  \"monitor\": \"dev_loss\",\n  \"higherIsBetter\": fals\n}\n");
    IOException e = assertThrows(IOException.class, () -> HistoryJson.read(file));
    assertTrue(e.getMessage().startsWith(file + ":3: not valid JSON"), e.getMessage());
  }

  @Test
  void wrongContentNamesFileAndEntry() throws IOException {
    Path file = dir.resolve("history.json");
    HistoryJson.write(
        new History(
            "dev_loss",
            false,
            List.of(
                new EpochSummary(1, 10, 0.5, 0.4, Map.of(), 0.1, 1),
                new EpochSummary(2, 20, 0.4, 0.3, Map.of(), 0.1, 1))),
        file);
    String text = Files.readString(file);
    Files.writeString(file, text.replace("\"trainLoss\": 0.4", "\"trainLoss\": true"));
    IOException e = assertThrows(IOException.class, () -> HistoryJson.read(file));
    assertEquals(
        file
            + ": iterations[1].trainLoss must be a number, null, \"Infinity\" or \"-Infinity\","
            + " not true",
        e.getMessage());

    Files.writeString(file, "[]");
    e = assertThrows(IOException.class, () -> HistoryJson.read(file));
    assertEquals(file + ": the file must be a JSON object, not ARRAY", e.getMessage());
  }

  /** Special values first, then arbitrary bit patterns (NaNs with payloads, subnormals, ...). */
  private static double anyDouble(Random random, int i) {
    return i < SPECIAL.length ? SPECIAL[i] : Double.longBitsToDouble(random.nextLong());
  }

  private static void assertSameBits(double want, double got) {
    if (Double.isNaN(want)) {
      // JSON keeps no NaN payload: any NaN reads back as Double.NaN.
      assertTrue(Double.isNaN(got), () -> "want NaN, got " + got);
    } else {
      assertEquals(
          Double.doubleToRawLongBits(want),
          Double.doubleToRawLongBits(got),
          () -> "want " + want + ", got " + got);
    }
  }

  public static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
