package org.trainkit.examples.data;

import java.util.ArrayList;
import java.util.List;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;
import org.trainkit.runtime.metrics.EntityMetrics;

/**
 * Reads CoNLL-style token-per-line files into {@link Sentence}s: the framework splits the file
 * at blank lines and {@code -DOCSTART-} lines (so it can index files of any size) and this reader
 * parses one sentence.
 *
 * <p>The format:
 *
 * <ul>
 *   <li>one token per line: {@code token<TAB>…<TAB>TAG}. The token is the first column and the
 *       tag the last; columns in between (part of speech, chunk, …) are ignored and may be
 *       empty. Columns are separated by tabs, or, in a sentence whose first token line holds
 *       no tab, by single spaces (CoNLL-2003 style). Every token line has the same number of
 *       columns (at least two) as its sentence's first token line (a sentence is parsed on its
 *       own, so that any sentence can be read by its offset). A sentence whose token lines have
 *       one column only holds tokens without tags, to predict; every line is kept in {@link
 *       Sentence#source()}. Trailing spaces and tabs are
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
 * <p>Anything else is reported as a {@link DataFormatException} naming the file and line: when the
 * file is checked before training, or when {@link #read}'s stream reaches it.
 */
public final class ConllReader implements DatasetReader<Sentence> {

  /** The marker of a document boundary in CoNLL-2003 files. */
  public static final String DOCSTART = "-DOCSTART-";

  /** Creates a reader; it holds no state, one instance can read any number of files. */
  public ConllReader() {}

  @Override
  public ItemSplit split() {
    return ItemSplit.blankLineSeparated().ignoringLinesStartingWith(DOCSTART);
  }

  /** One sentence from its token lines; the first token line decides the column layout. */
  @Override
  public Sentence parse(ItemLines item) {
    List<String> tokens = new ArrayList<>(item.size());
    List<String> tags = new ArrayList<>(item.size());
    List<String> source = new ArrayList<>(item.size());
    char separator = item.line(0).indexOf('\t') >= 0 ? '\t' : ' ';
    int columns = 0;
    for (int i = 0; i < item.size(); i++) {
      String line = stripTrailing(item.line(i));
      String[] fields = split(line, separator);
      source.add(line);
      if (columns == 0 && fields.length == 1 && separator == ' ') {
        columns = 1; // tokens only: a sentence to tag
      }
      if (columns == 1) {
        if (fields.length != 1 || fields[0].isEmpty()) {
          throw item.error(i, "found " + fields.length + " columns but line " + item.firstLine()
              + " (the first token line) has 1 (a token without a tag); every token line needs"
              + " the same columns");
        }
        tokens.add(fields[0]);
        continue;
      }
      if (fields.length < 2) {
        throw item.error(i, "expected 'token" + name(separator) + "…" + name(separator)
            + "TAG' with at least 2 columns separated by "
            + (separator == '\t' ? "tabs" : "single spaces") + ", found 1 column: " + quote(line));
      }
      if (columns == 0) {
        columns = fields.length;
      } else if (fields.length != columns) {
        throw item.error(i, "found " + fields.length + " columns but line " + item.firstLine()
            + " (the first token line) has " + columns + "; every token line needs the same columns"
            + (separator == ' ' ? " (columns are separated by single spaces)" : ""));
      }
      String token = fields[0];
      String tag = fields[fields.length - 1];
      if (token.isEmpty()) {
        throw item.error(i, "empty token in the first column: " + quote(line));
      }
      if (!isTag(tag)) {
        throw item.error(i, "invalid tag " + quote(tag)
            + " in the last column: expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE");
      }
      tokens.add(token);
      tags.add(tag);
    }
    return new Sentence(tokens, tags, source);
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
