package org.trainkit.examples.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;

/**
 * Reads PubMed-RCT-style files into {@link Abstract}s, lazily.
 *
 * <p>The format:
 *
 * <ul>
 *   <li>an abstract starts with a header line {@code ###<id>} (the id is the rest of the line,
 *       trimmed, and must not be empty);
 *   <li>then one line per sentence: {@code LABEL<TAB>sentence}. The label is everything before
 *       the first tab and may hold spaces ({@code "STUDY DESIGN"}); the sentence is everything
 *       after it. Both are trimmed and must not be empty. Any label set is accepted. An abstract
 *       to predict may give its sentences without labels, one per line without a tab — all of
 *       them, or none;
 *   <li>a blank line (empty or only whitespace) ends the abstract; a new header also ends the
 *       one before it. An abstract must have at least one sentence.
 *   <li>UTF-8 (a byte-order mark is skipped); line breaks {@code \n} or {@code \r\n}.
 * </ul>
 *
 * <p>Anything else is reported as a {@link DataFormatException} naming the file and line, when
 * the stream reaches it. The file is read as the stream is consumed, one abstract at a time;
 * close the stream to close the file.
 */
public final class RctReader implements DatasetReader<Abstract> {

  /** The start of a header line. */
  public static final String HEADER = "###";

  /** Creates a reader; it holds no state, one instance can read any number of files. */
  public RctReader() {}

  @Override
  public Stream<Abstract> read(Path file) throws IOException {
    Utf8Lines lines = Utf8Lines.open(file);
    return lines.stream(new Parser(lines)::next);
  }

  /** Groups the lines of one file into abstracts. */
  private static final class Parser {
    private final Utf8Lines lines;
    /** A header read while finishing the previous abstract, waiting to start the next one. */
    private String pendingId;
    private long pendingLine;
    /** Line of the blank line that closed the last abstract; 0 if none did. */
    private long closedAt;

    Parser(Utf8Lines lines) {
      this.lines = lines;
    }

    Abstract next() {
      String id = pendingId;
      long headerLine = pendingLine;
      pendingId = null;
      List<String> sentences = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      String line;
      while ((line = lines.next()) != null) {
        if (line.startsWith(HEADER)) {
          String newId = line.substring(HEADER.length()).trim();
          if (newId.isEmpty()) {
            throw error("abstract header '###' without an id; write '###<id>'");
          }
          if (id != null) {
            // No blank line before this header: it still ends the abstract before it.
            pendingId = newId;
            pendingLine = lines.lineNumber();
            return finish(id, headerLine, sentences, labels);
          }
          id = newId;
          headerLine = lines.lineNumber();
        } else if (line.isBlank()) {
          if (id != null) {
            closedAt = lines.lineNumber();
            return finish(id, headerLine, sentences, labels);
          }
        } else {
          if (id == null) {
            throw error(
                closedAt == 0
                    ? "sentence line before any '###<id>' header"
                    : "sentence line after the blank line "
                        + closedAt
                        + " that ended the previous abstract; start a new abstract with"
                        + " '###<id>'");
          }
          int tab = line.indexOf('\t');
          if (tab < 0 ? !labels.isEmpty() : labels.size() < sentences.size()) {
            throw error(tab < 0
                ? "expected 'LABEL<TAB>sentence' like the lines before, found no tab: "
                    + ConllReader.quote(line)
                : "a labeled sentence in an abstract whose sentences before have no labels: give"
                    + " every sentence of an abstract a label, or none");
          }
          if (tab < 0) {
            sentences.add(line.trim()); // a sentence without a label, to predict
            continue;
          }
          String label = line.substring(0, tab).trim();
          String sentence = line.substring(tab + 1).trim();
          if (label.isEmpty()) {
            throw error("empty label before the tab: " + ConllReader.quote(line));
          }
          if (sentence.isEmpty()) {
            throw error("empty sentence after the tab: " + ConllReader.quote(line));
          }
          labels.add(label);
          sentences.add(sentence);
        }
      }
      return id == null ? null : finish(id, headerLine, sentences, labels);
    }

    private Abstract finish(
        String id, long headerLine, List<String> sentences, List<String> labels) {
      if (sentences.isEmpty()) {
        throw new DataFormatException(
            lines.file(), headerLine, "abstract '" + id + "' has no sentences");
      }
      return new Abstract(id, sentences, labels);
    }

    private DataFormatException error(String problem) {
      return new DataFormatException(lines.file(), lines.lineNumber(), problem);
    }
  }
}
