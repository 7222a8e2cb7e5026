package org.trainkit.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pieces, ids, word ids and character offsets equal those of real {@code BertTokenizerFast}
 * (recorded by make_fixtures.py) on texts with accents, CJK characters, punctuation runs and a
 * word over 100 characters, both for running text and for pre-split words, lower-cased and
 * cased, through {@code tokenizer.json} and through a directory holding only {@code vocab.txt}.
 */
class TokenizerParityTest {

  @TempDir Path temp;

  @Test
  void tokenizerJsonMatchesTransformersLowercase() throws IOException {
    check(model("token-model"), "lowercase");
  }

  @Test
  void tokenizerJsonMatchesTransformersCased() throws IOException {
    check(model("sequence-model"), "cased");
  }

  @Test
  void vocabularyOnlyMatchesTransformersLowercase() throws IOException {
    check(vocabularyOnly(model("token-model")), "lowercase");
  }

  @Test
  void vocabularyOnlyMatchesTransformersCased() throws IOException {
    check(vocabularyOnly(model("sequence-model")), "cased");
  }

  private Path vocabularyOnly(Path model) throws IOException {
    Path dir = temp.resolve("vocab-only-" + model.getFileName());
    Files.createDirectories(dir);
    Files.copy(model.resolve("vocab.txt"), dir.resolve("vocab.txt"));
    Files.copy(model.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
    assertFalse(Files.exists(dir.resolve("tokenizer.json")));
    return dir;
  }

  private static void check(Path directory, String casing) throws IOException {
    JsonNode reference = reference().get(casing);
    try (AlignedTokenizer tokenizer = AlignedTokenizer.open(directory, 512)) {
      for (JsonNode expected : reference.get("texts")) {
        String text = expected.get("text").asText();
        assertSame(expected, tokenizer.encodeText(text), text);
      }
      for (JsonNode expected : reference.get("words")) {
        List<String> words = new ArrayList<>();
        expected.get("words").forEach(w -> words.add(w.asText()));
        assertSame(expected, tokenizer.encodeWords(words), words.toString());
      }
    }
  }

  private static void assertSame(JsonNode expected, WordPieces actual, String input) {
    List<String> pieces = new ArrayList<>();
    expected.get("pieces").forEach(p -> pieces.add(p.asText()));
    assertEquals(pieces, actual.pieces(), "pieces of " + input);
    long[] ids = new long[expected.get("ids").size()];
    int[] wordIds = new int[ids.length];
    int[] starts = new int[ids.length];
    int[] ends = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = expected.get("ids").get(i).asLong();
      JsonNode word = expected.get("word_ids").get(i);
      wordIds[i] = word.isNull() ? -1 : word.asInt();
      starts[i] = expected.get("offsets").get(i).get(0).asInt();
      ends[i] = expected.get("offsets").get(i).get(1).asInt();
    }
    assertArrayEquals(ids, actual.ids(), "ids of " + input);
    assertArrayEquals(wordIds, actual.wordIds(), "word ids of " + input);
    assertArrayEquals(starts, actual.charStarts(), "offset starts of " + input);
    assertArrayEquals(ends, actual.charEnds(), "offset ends of " + input);
  }

  static Path model(String name) {
    try {
      return Path.of(TokenizerParityTest.class.getResource("/bert/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode reference() throws IOException {
    return new ObjectMapper().readTree(
        Files.readString(model("tokenizer-reference.json")));
  }
}
