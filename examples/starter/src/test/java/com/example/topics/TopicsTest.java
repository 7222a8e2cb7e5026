package com.example.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the classifier through its generated command line, loads the run, and uses it. */
class TopicsTest {

  private static final List<List<String>> WORDS = List.of(
      List.of("match", "goal", "team", "coach", "league", "score", "player", "season"),
      List.of("doctor", "patient", "vaccine", "diet", "clinic", "symptom", "therapy", "nurse"),
      List.of("laptop", "software", "compiler", "server", "keyboard", "database", "network", "code"));
  private static final List<String> FILLER = List.of("the", "a", "today", "new", "about", "this", "was");

  /** {@code count} lines {@code topic<TAB>text}: two topic words among filler words. */
  private static Path write(Path file, int count, long seed) throws Exception {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int topic = random.nextInt(Topics.TOPICS.size());
      List<String> words = WORDS.get(topic);
      lines.add(Topics.TOPICS.get(topic) + "\t" + FILLER.get(random.nextInt(FILLER.size())) + " "
          + words.get(random.nextInt(words.size())) + " " + FILLER.get(random.nextInt(FILLER.size()))
          + " " + words.get(random.nextInt(words.size())));
    }
    Files.write(file, lines);
    return file;
  }

  @Test
  void trainsLoadsAndClassifies(@TempDir Path dir) throws Exception {
    Path train = write(dir.resolve("train.tsv"), 300, 1);
    Path dev = write(dir.resolve("dev.tsv"), 60, 2);
    Path run = dir.resolve("run");

    int code = TopicsTrainerMain.run("train", "--train", train.toString(), "--dev", dev.toString(),
        "--out", run.toString(), "--iterations", "8", "--learning-rate", "0.05",
        "--set", "progressBar=false");
    assertEquals(0, code);

    Topics topics = Topics.load(run);
    assertEquals("sports", topics.classify("a new coach for the team"));
    assertEquals("health", topics.classify("the clinic and its nurse"));
    assertEquals("computers", topics.classify("this compiler was slow on the server"));
    // a batch answers as the texts one by one, in order
    assertEquals(List.of("computers", "sports", "health"), topics.classify(List.of(
        "this compiler was slow on the server", "a new coach for the team", "the clinic and its nurse")));
  }
}
