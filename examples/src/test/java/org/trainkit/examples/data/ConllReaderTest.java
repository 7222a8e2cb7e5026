package org.trainkit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trainkit.runtime.data.DataFormatException;

class ConllReaderTest {

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Sentence> readAll(Path file) throws IOException {
    try (Stream<Sentence> sentences = new ConllReader().read(file)) {
      return sentences.collect(Collectors.toList());
    }
  }

  @Test
  void readsTabSeparatedColumnsSkipsDocstartAndExtraBlankLines() throws IOException {
    Path file =
        write(
            "a.conll",
            "-DOCSTART-\t-X-\t-X-\tO\n"
                + "\n"
                + "Kralopril\tNNP\tB-NP\tB-DRUG\n"
                + "eased\tVBD\tB-VP\tO\n"
                + "chronic\tJJ\tB-NP\tB-DISEASE\n"
                + "boneritis\tNN\tI-NP\tI-DISEASE\n"
                + ".\t.\tO\tO\n"
                + "\n"
                + "\n"
                + "  \n"
                + "-DOCSTART-\t-X-\t-X-\tO\n"
                + "\n"
                + "naïve\t\t\tO\n" // empty middle columns are fine, UTF-8 kept
                + "patients\tNNS\t\tO\n");
    List<Sentence> sentences = readAll(file);
    assertEquals(2, sentences.size());
    assertEquals(
        new Sentence(
            List.of("Kralopril", "eased", "chronic", "boneritis", "."),
            List.of("B-DRUG", "O", "B-DISEASE", "I-DISEASE", "O")),
        sentences.get(0));
    assertEquals(
        new Sentence(List.of("naïve", "patients"), List.of("O", "O")), sentences.get(1));
  }

  @Test
  void readsSpaceSeparatedIobesWithCrlfBomAndNoFinalNewline() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write(
        ("-DOCSTART- -X- O\r\n\r\nEU NNP S-ORG\r\nrejects VBZ O \r\n\r\n"
                + "Peter NNP B-PER\r\nBlackburn NNP E-PER")
            .getBytes(StandardCharsets.UTF_8));
    List<Sentence> sentences = readAll(write("b.conll", bytes.toByteArray()));
    assertEquals(
        List.of(
            new Sentence(List.of("EU", "rejects"), List.of("S-ORG", "O")),
            new Sentence(List.of("Peter", "Blackburn"), List.of("B-PER", "E-PER"))),
        sentences);
  }

  @Test
  void docstartRightAfterATokenEndsTheSentence() throws IOException {
    Path file = write("c.conll", "a\tO\n-DOCSTART-\tO\nb\tB-X\n");
    assertEquals(2, readAll(file).size());
  }

  @Test
  void emptyFileHasNoSentences() throws IOException {
    assertEquals(List.of(), readAll(write("empty.conll", "")));
    assertEquals(List.of(), readAll(write("blank.conll", "\n\n-DOCSTART- O\n\n")));
  }

  @Test
  void missingFileFailsWhenOpened() {
    assertThrows(NoSuchFileException.class, () -> new ConllReader().read(dir.resolve("none")));
  }

  static Stream<Arguments> malformed() {
    byte[] invalidByte = concat("a\tO\n\nb\tO\nc", new byte[] {(byte) 0xFF}, "d\tO\n");
    byte[] truncated = concat("a\tO\nb", new byte[] {(byte) 0xC3}, "\tO\n");
    byte[] overlong = concat("a\tO\n\n\nx\t", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\n");
    return Stream.of(
        Arguments.of(
            "one column", utf8("a\tO\nword\n"), 2, "at least 2 columns separated by tabs"),
        Arguments.of(
            "one column, then two", utf8("word\nb O\n"), 2, "(the first token line) has 1"),
        Arguments.of(
            "bad tag", utf8("a\tO\nb\tB_PER\n"), 2, "invalid tag 'B_PER' in the last column"),
        Arguments.of("unknown prefix", utf8("a\tU-PER\n"), 1, "invalid tag 'U-PER'"),
        Arguments.of("empty type", utf8("a\tO\n\nb\tB-\n"), 3, "invalid tag 'B-'"),
        Arguments.of("lowercase o", utf8("a\to\n"), 1, "invalid tag 'o'"),
        Arguments.of(
            "column count changes",
            utf8("a\tNN\tO\nb\tO\n"),
            2,
            "found 2 columns but line 1 (the first token line) has 3"),
        Arguments.of(
            "double space",
            utf8("-DOCSTART- O\n\na O\nb  O\n"),
            4,
            "found 3 columns but line 3 (the first token line) has 2"),
        Arguments.of("empty token", utf8("a\tO\n\tO\n"), 2, "empty token in the first column"),
        Arguments.of(
            "invalid UTF-8 byte",
            invalidByte,
            4,
            "not valid UTF-8: byte 0xFF at byte 2 of the line"),
        Arguments.of(
            "truncated UTF-8 sequence",
            truncated,
            2,
            "not valid UTF-8: byte 0xC3 at byte 2 of the line"),
        Arguments.of(
            "overlong UTF-8 encoding",
            overlong,
            4,
            "not valid UTF-8: byte 0xC0 at byte 3 of the line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedLineIsReportedWithFileAndLine(
      String name, byte[] content, int line, String problem) throws IOException {
    Path file = write("bad.conll", content);
    DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(file));
    assertEquals(file, e.file());
    assertEquals(line, e.line());
    String prefix = file + ":" + line + ": ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void invalidUtf8FarIntoTheFileNamesItsExactLine() throws IOException {
    // Far past any read-ahead buffer: the line number must still be exact.
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      text.append("token").append(i).append("\tO\n").append(i % 10 == 9 ? "\n" : "");
    }
    int badLine = 30_000 + 3_000 + 1;
    byte[] content = concat(text.toString(), new byte[] {'x', (byte) 0xE2, (byte) 0x28}, "\tO\n");
    Path file = write("late.conll", content);
    DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(file));
    assertEquals(
        file + ":" + badLine + ": not valid UTF-8: byte 0xE2 at byte 2 of the line;"
            + " save the file as UTF-8",
        e.getMessage());
  }

  @Test
  void sentencesBeforeAMalformedLineAreDeliveredFirst() throws IOException {
    // Streaming: the error surfaces only when the stream reaches the bad line.
    Path file = write("lazy.conll", "a\tO\nb\tB-X\n\nc\tBAD\n");
    try (Stream<Sentence> sentences = new ConllReader().read(file)) {
      Iterator<Sentence> it = sentences.iterator();
      assertEquals(List.of("a", "b"), it.next().tokens());
      DataFormatException e = assertThrows(DataFormatException.class, it::hasNext);
      assertEquals(4, e.line());
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(before));
    out.writeBytes(middle);
    out.writeBytes(utf8(after));
    return out.toByteArray();
  }
}
