package org.trainkit.benchmarks.tagger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.Sentence;

/** The tagger benchmark's data: sentences from the examples' seeded corpus generator. */
public final class TaggerData {

  private TaggerData() {}

  /** {@code n} training sentences (CoNLL, written to {@code dir} and read back). */
  public static List<Sentence> sentences(Path dir, int n, long seed) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("tagger-train-" + n + "-" + seed + ".conll");
    if (!Files.exists(file)) {
      Path tmp = Files.createTempFile(dir, "tagger", ".tmp");
      CorpusGenerator.writeConll(tmp, n, seed, CorpusGenerator.Split.TRAIN);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (Stream<Sentence> s = new ConllReader().read(file)) {
      return s.toList();
    }
  }
}
