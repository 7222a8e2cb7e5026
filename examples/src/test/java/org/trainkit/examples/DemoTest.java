package org.trainkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityTagger;
import org.trainkit.examples.tagger.Mention;
import org.trainkit.runtime.metrics.EntityMetrics;

/**
 * README's first command: the demo trains the tagger through its generated entry point on
 * generated corpora whose dev and test entity names never occur in train, and passes the bar.
 */
class DemoTest {

  @TempDir Path out;

  @Test
  void demoTrainsATaggerThatGeneralisesToUnseenEntityNames() throws Exception {
    assertEquals(0, Main.run("demo", "--out", out.toString()));
    Path run = out.resolve("tagger");

    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    double testF1 = summary.path("test").path("entity_f1").asDouble();
    assertTrue(testF1 >= 0.85, "test entity F1 " + testF1);
    for (String key : List.of("entity_precision", "entity_recall", "entity_f1", "f1/DISEASE", "f1/DRUG")) {
      assertTrue(summary.path("test").has(key), key + " in " + summary.path("test"));
      assertTrue(summary.path("dev").has(key), key + " in " + summary.path("dev"));
    }

    // what issue 8 promises in the demo's run directory
    for (String file : List.of("config.yaml", "metrics.csv", "metrics.jsonl", "history.json",
        "report.html", "curves/loss.png", "curves/entity_f1.png", "outputs/test-best.tsv",
        "checkpoints/best/component/words.txt", "checkpoints/last/optimizer.bin")) {
      assertTrue(Files.isRegularFile(run.resolve(file)), file);
    }

    // The loaded tagger finds test-split names that training never showed it.
    Set<String> trainNames = names(out.resolve("data/train.conll"));
    List<Sentence> test;
    try (var s = new ConllReader().read(out.resolve("data/test.conll"))) {
      test = s.limit(200).collect(Collectors.toList());
    }
    EntityTagger tagger = EntityTagger.load(run);
    int found = 0;
    int total = 0;
    for (Sentence sentence : test) {
      String text = String.join(" ", sentence.tokens());
      List<String> gold = mentionsText(sentence);
      total += gold.size();
      List<String> predicted = tagger.tag(text).stream().map(Mention::text).collect(Collectors.toList());
      for (String g : gold) {
        assertFalse(trainNames.contains(g.toLowerCase()), g + " also occurs in train");
        if (predicted.contains(g)) {
          found++;
        }
      }
    }
    assertTrue(found >= 0.8 * total, "tag() found " + found + " of " + total + " held-out mentions");
  }

  private static List<String> mentionsText(Sentence s) {
    return EntityMetrics.spans(s.tags()).stream()
        .map(span -> String.join(" ", s.tokens().subList(span.start(), span.end())))
        .collect(Collectors.toList());
  }

  private static Set<String> names(Path file) throws Exception {
    try (var s = new ConllReader().read(file)) {
      return s.flatMap(sentence -> mentionsText(sentence).stream())
          .map(String::toLowerCase)
          .collect(Collectors.toSet());
    }
  }
}
