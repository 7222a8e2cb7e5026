package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

class TrainerLearningTest {

  @TempDir Path run;

  @Test
  void mlpLearnsSeparableClustersAndWritesTheRunDirectory() throws Exception {
    List<Point> train = Points.generate(600, 8, 4, 7, 1);
    List<Point> dev = Points.generate(200, 8, 4, 7, 2);
    List<Point> test = Points.generate(200, 8, 4, 7, 3);
    TrainerConfig config = TrainerConfig.builder()
        .iterations(5).batchSize(32).learningRate(0.01).monitor("accuracy")
        .progressBar(false).device("cpu").build();

    History history;
    try (Trainer<Point, Point, PointClassifier.PointBatch> trainer =
        new Trainer<>(new PointClassifier(32, 4, 0.1f), config, List.of())) {
      history = trainer.train(train, dev, test, run, false);
      double testAccuracy = trainer.evaluate(test).get("accuracy");
      assertTrue(testAccuracy >= 0.95, "test accuracy " + testAccuracy);
    }

    List<EpochSummary> epochs = history.iterations();
    assertEquals(5, epochs.size());
    assertTrue(epochs.get(4).trainLoss() < epochs.get(0).trainLoss() * 0.5,
        "train loss should fall: " + epochs);
    assertTrue(history.bestValue() >= 0.95, "dev accuracy " + history.bestValue());
    assertEquals(history.best().iteration(), history.bestIteration().getAsInt());

    for (String file : List.of("config.yaml", "metrics.csv", "metrics.jsonl", "history.json", "summary.json")) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file);
    }
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/last/parameters.bin")));
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/best/parameters.bin")));
    assertEquals(5, Files.readAllLines(run.resolve("metrics.jsonl")).size());

    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertEquals(history.bestIteration().getAsInt(), summary.get("bestIteration").asInt());
    assertTrue(summary.get("test").get("accuracy").asDouble() >= 0.95, summary.toString());
    assertEquals(history.bestValue(), summary.get("dev").get("accuracy").asDouble(), 1e-12);
    assertTrue(summary.get("seconds").asDouble() > 0);
  }
}
