package org.trainkit.examples.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;

/**
 * Reads CoNLL-style token-per-line files into {@link Sentence}s, lazily.
 *
 * <p>The format:
 *
 * <ul>
 *   <li>one token per line: {@code token<TAB>…<TAB>TAG}. The token is the first column and the
 *       tag the last; columns in between (part of speech, chunk, …) are ignored and may be
 *       empty. A file whose token lines have one column only holds tokens without tags, to
 *       predict; every line is kept in {@link Sentence#source()}. Columns are separated by tabs, or, in a file whose first token line holds no
 *       tab, by single spaces (CoNLL-2003 style). Every token line has the same number of
 *       columns (at least two) as the file's first token line. Trailing spaces and tabs are
 *       ignored.
 *   <li>a blank line (empty or only whitespace) ends a sentence; several in a row are fine.
 *   <li>a line whose first column is {@code -DOCSTART-} is skipped (and ends the sentence
 *       before it, if any).
 *   <li>tags are {@code O}, {@code B-X}, {@code I-X}, {@code E-X} or {@code S-X} with a
 *       non-empty type {@code X}, which covers BIO/IOB2, IOB1 and IOBES; each tag is checked
 *       on its own, the order of tags is not (an {@code I-X} after {@code O} is valid IOB1).
 *   <li>UTF-8 (a byte-order mark is skipped); line breaks {@code \n} or {@code \r\n}.
 * </ul>
 *
 * <p>Anything else is reported as a {@link DataFormatException} naming the file and line, when
 * the stream reaches it. The file is read as the stream is consumed, one sentence at a time,
 * so files larger than the heap can be read; close the stream to close the file.
 */
public final class ConllReader implements DatasetReader<Sentence> {

  /** The marker of a document boundary in CoNLL-2003 files. */
  public static final String DOCSTART = "-DOCSTART-";

  /** Creates a reader; it holds no state, one instance can read any number of files. */
  public ConllReader() {}

  @Override
  public Stream<Sentence> read(Path file) throws IOException {
    Utf8Lines lines = Utf8Lines.open(file);
    return lines.stream(new Parser(lines)::next);
  }

  /** Splits the lines of one file into sentences; remembers the file's column layout. */
  private static final class Parser {
    private final Utf8Lines lines;
    private char separator; // 0 until the first token line decides
    private int columns;
    private long layoutLine;

    Parser(Utf8Lines lines) {
      this.lines = lines;
    }

    Sentence next() {
      List<String> tokens = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      List<String> source = new ArrayList<>();
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank() || isDocStart(line)) {
          if (!tokens.isEmpty()) {
            return new Sentence(tokens, tags, source);
          }
          continue;
        }
        String kept = stripTrailing(line);
        parseTokenLine(kept, tokens, tags);
        source.add(kept);
      }
      return tokens.isEmpty() ? null : new Sentence(tokens, tags, source);
    }

    private void parseTokenLine(String line, List<String> tokens, List<String> tags) {
      if (separator == 0) {
        separator = line.indexOf('\t') >= 0 ? '\t' : ' ';
        layoutLine = lines.lineNumber();
      }
      String[] fields = split(line, separator);
      if (columns == 0 && fields.length == 1 && separator == ' ') {
        columns = 1; // tokens only: a file to tag
      }
      if (columns == 1) {
        if (fields.length != 1 || fields[0].isEmpty()) {
          throw error("found " + fields.length + " columns but line " + layoutLine
              + " (the first token line) has 1 (a token without a tag); every token line needs"
              + " the same columns");
        }
        tokens.add(fields[0]);
        return;
      }
      if (fields.length < 2) {
        throw error(
            "expected 'token"
                + name(separator)
                + "…"
                + name(separator)
                + "TAG' with at least 2 columns separated by "
                + (separator == '\t' ? "tabs" : "single spaces")
                + ", found 1 column: "
                + quote(line));
      }
      if (columns == 0) {
        columns = fields.length;
      } else if (fields.length != columns) {
        throw error(
            "found "
                + fields.length
                + " columns but line "
                + layoutLine
                + " (the first token line) has "
                + columns
                + "; every token line needs the same columns"
                + (separator == ' ' ? " (columns are separated by single spaces)" : ""));
      }
      String token = fields[0];
      String tag = fields[fields.length - 1];
      if (token.isEmpty()) {
        throw error("empty token in the first column: " + quote(line));
      }
      if (!isTag(tag)) {
        throw error(
            "invalid tag "
                + quote(tag)
                + " in the last column: expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE");
      }
      tokens.add(token);
      tags.add(tag);
    }

    private DataFormatException error(String problem) {
      return new DataFormatException(lines.file(), lines.lineNumber(), problem);
    }
  }

  private static boolean isDocStart(String line) {
    return line.startsWith(DOCSTART)
        && (line.length() == DOCSTART.length()
            || line.charAt(DOCSTART.length()) == '\t'
            || line.charAt(DOCSTART.length()) == ' ');
  }

  private static boolean isTag(String tag) {
    if (!EntityMetrics.isValidTag(tag)) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      if (Character.isWhitespace(tag.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Splits on every occurrence of {@code separator}, keeping empty fields (unlike regex split). */
  private static String[] split(String line, char separator) {
    List<String> fields = new ArrayList<>(4);
    int start = 0;
    int at;
    while ((at = line.indexOf(separator, start)) >= 0) {
      fields.add(line.substring(start, at));
      start = at + 1;
    }
    fields.add(line.substring(start));
    return fields.toArray(new String[0]);
  }

  private static String stripTrailing(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String name(char separator) {
    return separator == '\t' ? "<TAB>" : " ";
  }

  /** Quotes a piece of the input for a message, shortened so that the message stays readable. */
  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "'" + shown.replace("\t", "\\t") + "'";
  }
}
