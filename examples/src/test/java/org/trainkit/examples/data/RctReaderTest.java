package org.trainkit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trainkit.examples.data.ConllReaderTest.concat;
import static org.trainkit.examples.data.ConllReaderTest.utf8;

import java.io.IOException;
import java.nio.file.Files;
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

class RctReaderTest {

  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("abstracts.txt");
    Files.write(file, bytes);
    return file;
  }

  private static List<Abstract> readAll(Path file) throws IOException {
    try (Stream<Abstract> abstracts = new RctReader().read(file)) {
      return abstracts.collect(Collectors.toList());
    }
  }

  @Test
  void readsAbstractsWithAnyLabelsIncludingSpaces() throws IOException {
    Path file =
        write(
            utf8(
                "###101\n"
                    + "BACKGROUND\tZorvex is new .\n"
                    + "STUDY DESIGN\tWe randomised 40 adults\twith tabs inside .\n"
                    + "RESULTS\t  Pain fell ( p < 0.05 ) .  \n"
                    + "\n"
                    + "\n"
                    + "### 102 \r\n"
                    + "conclusion\tIt works .\r\n"
                    + "###103\n" // no blank line before: still a new abstract
                    + "A\tb\n"));
    List<Abstract> abstracts = readAll(file);
    assertEquals(3, abstracts.size());
    assertEquals(
        new Abstract(
            "101",
            List.of("Zorvex is new .", "We randomised 40 adults\twith tabs inside .",
                "Pain fell ( p < 0.05 ) ."),
            List.of("BACKGROUND", "STUDY DESIGN", "RESULTS")),
        abstracts.get(0));
    assertEquals(new Abstract("102", List.of("It works ."), List.of("conclusion")),
        abstracts.get(1));
    assertEquals(new Abstract("103", List.of("b"), List.of("A")), abstracts.get(2));
  }

  @Test
  void emptyFileHasNoAbstracts() throws IOException {
    assertEquals(List.of(), readAll(write(utf8(""))));
    assertEquals(List.of(), readAll(write(utf8("\n \n"))));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "sentence before any header",
            utf8("METHODS\tWe did it .\n"),
            1,
            "sentence line before any '###<id>' header"),
        Arguments.of(
            "sentence after the blank line",
            utf8("###1\nA\tb\n\nC\td\n"),
            4,
            "sentence line outside an abstract (after the blank line that ends one"),
        Arguments.of(
            "no tab after labeled lines",
            utf8("###1\nA\tb\nMETHODS We did it .\n"),
            3,
            "expected 'LABEL<TAB>sentence' like the lines before, found no tab: 'METHODS We did it .'"),
        Arguments.of(
            "a label after unlabeled lines",
            utf8("###1\nWe did it .\nRESULTS\tIt worked .\n"),
            3,
            "give every sentence of an abstract a label, or none"),
        Arguments.of(
            "empty label", utf8("###1\nA\tb\n\tWe did it .\n"), 3, "empty label before the tab"),
        Arguments.of(
            "empty sentence", utf8("###1\nRESULTS\t  \n"), 2, "empty sentence after the tab"),
        Arguments.of("header without id", utf8("###\nA\tb\n"), 1, "header '###' without an id"),
        Arguments.of(
            "abstract without sentences",
            utf8("###1\nA\tb\n\n###2\n\n###3\nA\tb\n"),
            4,
            "abstract '2' has no sentences"),
        Arguments.of(
            "header at end of file", utf8("###1\nA\tb\n###2\n"), 3,
            "abstract '2' has no sentences"),
        Arguments.of(
            "invalid UTF-8",
            concat("###1\nA\tb\nRESULTS\tp ", new byte[] {(byte) 0x80}, " 0.05\n"),
            3,
            "not valid UTF-8: byte 0x80 at byte 11 of the line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedLineIsReportedWithFileAndLine(
      String name, byte[] content, int line, String problem) throws IOException {
    Path file = write(content);
    DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(file));
    assertEquals(line, e.line());
    assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void abstractsBeforeAMalformedLineAreDeliveredFirst() throws IOException {
    Path file = write(utf8("###1\nA\tb\n\n###2\nA\tb\nno tab here\n"));
    try (Stream<Abstract> abstracts = new RctReader().read(file)) {
      Iterator<Abstract> it = abstracts.iterator();
      assertEquals("1", it.next().id());
      assertEquals(6, assertThrows(DataFormatException.class, it::hasNext).line());
    }
  }

  @Test
  void abstractWithoutLabelsIsReadForPrediction() throws IOException {
    Path file = write(utf8("###7\nWe did it .\n  It worked .  \n"));
    List<Abstract> abstracts = readAll(file);
    assertEquals(List.of(new Abstract("7", List.of("We did it .", "It worked ."), List.of())), abstracts);
    assertTrue(!abstracts.get(0).isLabeled());
  }
}
