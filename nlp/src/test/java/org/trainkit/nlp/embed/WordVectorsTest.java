package org.trainkit.nlp.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.data.DataFormatException;

/** Reading each vectors format, the word selection with its lower-case fallback, and errors. */
class WordVectorsTest {

  @TempDir Path dir;

  private static final String[] WORDS = {"the", "aspirin", "Fever", "fever", "cough"};
  private static final float[][] VALUES = {
    {0.1f, -0.25f, 3e-5f}, {1f, 2f, 3f}, {4.5f, 5f, -6f}, {7f, 8f, 9.125f}, {-1f, 0f, 1f}};
  /** The run's words: exact hits, a lower-case fallback (Aspirin), and a miss. */
  private static final List<String> WANTED = List.of("the", "Aspirin", "fever", "Fever", "xyzzy");

  private Path text(String name, boolean header) throws IOException {
    StringBuilder s = new StringBuilder(header ? WORDS.length + " 3\n" : "");
    for (int i = 0; i < WORDS.length; i++) {
      s.append(WORDS[i]);
      for (float v : VALUES[i]) {
        s.append(' ').append(v);
      }
      s.append('\n');
    }
    return write(name, s.toString());
  }

  private Path binary(String name, int records) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write((WORDS.length + " 3\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < records; i++) {
        out.write((WORDS[i] + " ").getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : VALUES[i]) {
          b.putFloat(v);
        }
        out.write(b.array());
        out.write('\n');
      }
    }
    return file;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static void assertSelection(WordVectors v) {
    assertEquals(3, v.dimension());
    assertArrayEquals(VALUES[0], v.vector("the"));
    assertArrayEquals(VALUES[1], v.vector("Aspirin"), "lower-case fallback");
    assertArrayEquals(VALUES[3], v.vector("fever"));
    assertArrayEquals(VALUES[2], v.vector("Fever"), "an exact match beats the lower case");
    assertNull(v.vector("xyzzy"));
    assertNull(v.vector("cough"), "only asked-for words are kept");
    assertEquals(4, v.found());
    assertEquals(1, v.foundByLowerCase());
    assertEquals(List.of("xyzzy"), v.notFound());
    assertEquals(List.of("the", "Aspirin", "fever", "Fever"), List.copyOf(v.words()));
    assertEquals("4 of 5 words have vectors (1 by lower case), 1 not found, dimension 3",
        v.summary());
  }

  @Test
  void readsEachFormatDetectedOrNamed() throws IOException {
    Path word2vec = text("vectors.txt", true);
    Path fastText = text("wiki.vec", true);
    Path glove = text("glove.txt", false);
    Path bin = binary("vectors.bin", WORDS.length);
    assertEquals(VectorsFormat.WORD2VEC_TEXT, VectorsFormat.detect(word2vec));
    assertEquals(VectorsFormat.FASTTEXT_VEC, VectorsFormat.detect(fastText));
    assertEquals(VectorsFormat.GLOVE, VectorsFormat.detect(glove));
    assertEquals(VectorsFormat.WORD2VEC_BINARY, VectorsFormat.detect(bin));
    for (Path file : List.of(word2vec, fastText, glove, bin)) {
      assertSelection(WordVectors.load(file, WANTED));
    }
    assertSelection(WordVectors.load(word2vec, VectorsFormat.WORD2VEC_TEXT, WANTED, 3));
    assertSelection(WordVectors.load(fastText, VectorsFormat.FASTTEXT_VEC, WANTED, 3));
    assertSelection(WordVectors.load(glove, VectorsFormat.GLOVE, WANTED, 3));
    assertSelection(WordVectors.load(bin, VectorsFormat.WORD2VEC_BINARY, WANTED, 3));
  }

  @Test
  void savedSelectionReadsBackBitForBitWithoutTheOriginal() throws IOException {
    Path glove = text("glove.txt", false);
    WordVectors loaded = WordVectors.load(glove, WANTED);
    Path saved = dir.resolve("selected.vec");
    loaded.save(saved);
    Files.delete(glove);
    WordVectors read = WordVectors.read(saved);
    assertEquals(List.copyOf(loaded.words()), List.copyOf(read.words()));
    for (String w : loaded.words()) {
      assertArrayEquals(loaded.vector(w), read.vector(w), w);
    }
    assertEquals(2, Files.readAllLines(saved).get(0).split(" ").length, "a word2vec header");
  }

  private String error(Path file, VectorsFormat format, int dimension) {
    return assertThrows(DataFormatException.class,
        () -> WordVectors.load(file, format, WANTED, dimension)).getMessage();
  }

  @Test
  void malformedLinesAreReportedWithFileAndLine() throws IOException {
    Path shortLine = write("short.txt", "the 1 2 3\ncough 1 2 3\nfever 1 2\n");
    assertEquals(shortLine + ":3: vector of 'fever' has 2 values, but the file's dimension is 3 "
        + "(set by line 1)", error(shortLine, VectorsFormat.GLOVE, 0));
    Path notANumber = write("nan.txt", "2 3\nthe 1 2 3\nfever 1 x2 3\n");
    assertEquals(notANumber + ":3: value 2 'x2' is not a number",
        error(notANumber, VectorsFormat.WORD2VEC_TEXT, 0));
    Path badHeader = write("header.vec", "the 1 2 3\n");
    assertEquals(badHeader + ":1: expected a '<count> <dimension>' header for FASTTEXT_VEC, found "
        + "'the 1 2 3' (a GloVe file has no header: use GLOVE)",
        error(badHeader, VectorsFormat.FASTTEXT_VEC, 0));
    Path truncated = write("truncated.txt", "3 3\nthe 1 2 3\nfever 1 2 3\n");
    assertEquals(truncated + ":3: the header announces 3 vectors but the file has 2 (truncated?)",
        error(truncated, VectorsFormat.WORD2VEC_TEXT, 0));
    Path bin = binary("cut.bin", 2);
    assertEquals(bin + ":4: the header announces 5 vectors but the file ends after 2 (truncated?)",
        error(bin, VectorsFormat.WORD2VEC_BINARY, 0));
  }

  @Test
  void dimensionMismatchesNameBothDimensions() throws IOException {
    Path header = write("mismatch.txt", "2 3\nthe 1 2 3\nfever 1 2 3 4\n");
    assertEquals(header + ":3: vector of 'fever' has 4 values, but the file's dimension is 3 "
        + "(set by the header at line 1)", error(header, VectorsFormat.WORD2VEC_TEXT, 0));
    Path glove = text("glove.txt", false);
    assertEquals(glove + ":1: vectors have dimension 3 (from line 1), but 300 was asked for",
        error(glove, VectorsFormat.GLOVE, 300));
    Path bin = binary("vectors.bin", WORDS.length);
    assertEquals(bin + ":1: vectors have dimension 3 (from the header), but 50 was asked for",
        error(bin, VectorsFormat.WORD2VEC_BINARY, 50));
  }

  @Test
  void emptyFilesAreReported() throws IOException {
    Path empty = write("empty.txt", "");
    String expected = empty + ":1: empty file: no word vectors";
    assertEquals(expected,
        assertThrows(DataFormatException.class, () -> WordVectors.load(empty, WANTED))
            .getMessage());
    for (VectorsFormat format : VectorsFormat.values()) {
      assertEquals(expected, error(empty, format, 0), format.toString());
    }
    Path blank = write("blank.txt", "\n\n");
    assertEquals(blank + ":2: no word vectors in the file", error(blank, VectorsFormat.GLOVE, 0));
  }
}
