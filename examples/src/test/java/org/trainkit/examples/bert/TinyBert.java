package org.trainkit.examples.bert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Small BERT checkpoints made with real {@code transformers}, copied into a test's directory so
 * that a test can damage or delete them: nlp's tiny fixtures ({@code make_fixtures.py}: 2 layers,
 * hidden 32, a 149-piece vocabulary, 64 positions) and examples' NER model.
 */
final class TinyBert {

  private static final Path FIXTURES = Path.of("..", "nlp", "src", "test", "resources", "bert");

  private TinyBert() {}

  /** A copy of the token-classification checkpoint (labels O, B/I-DRUG, B/I-DISEASE). */
  static Path tokenModel(Path into) throws IOException {
    return copy(FIXTURES.resolve("token-model"), into);
  }

  /**
   * A copy of examples' own small checkpoint made by {@code make_ner_model.py} with real {@code
   * transformers} (2 layers, hidden 64, 128 positions, a vocabulary of CorpusGenerator's frequent
   * words and name syllables; labels O, B/I-DRUG, B/I-DISEASE).
   */
  static Path nerModel(Path into) throws IOException {
    return copy(Path.of("src", "test", "resources", "bert", "ner-model"), into);
  }

  static Path copy(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }
}
