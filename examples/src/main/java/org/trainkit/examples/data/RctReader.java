package org.trainkit.examples.data;

import java.util.ArrayList;
import java.util.List;
import org.trainkit.runtime.data.DataFormatException;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;

/**
 * Reads PubMed-RCT-style files into {@link Abstract}s: the framework splits the file at header
 * and blank lines (so it can index files of any size) and this reader parses one abstract.
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
 * <p>Anything else is reported as a {@link DataFormatException} naming the file and line: when the
 * file is checked before training, or when {@link #read}'s stream reaches it.
 */
public final class RctReader implements DatasetReader<Abstract> {

  /** The start of a header line. */
  public static final String HEADER = "###";

  /** Creates a reader; it holds no state, one instance can read any number of files. */
  public RctReader() {}

  @Override
  public ItemSplit split() {
    return ItemSplit.headerStartsItem(HEADER);
  }

  /** One abstract: its header line, then its sentence lines. */
  @Override
  public Abstract parse(ItemLines item) {
    String header = item.line(0);
    if (!header.startsWith(HEADER)) {
      throw item.error(0, item.firstLine() == 1
          ? "sentence line before any '###<id>' header"
          : "sentence line outside an abstract (after the blank line that ends one, or before the"
              + " first header); start a new abstract with '###<id>'");
    }
    String id = header.substring(HEADER.length()).trim();
    if (id.isEmpty()) {
      throw item.error(0, "abstract header '###' without an id; write '###<id>'");
    }
    if (item.size() == 1) {
      throw item.error(0, "abstract '" + id + "' has no sentences");
    }
    List<String> sentences = new ArrayList<>(item.size() - 1);
    List<String> labels = new ArrayList<>(item.size() - 1);
    for (int i = 1; i < item.size(); i++) {
      String line = item.line(i);
      int tab = line.indexOf('\t');
      if (tab < 0 ? !labels.isEmpty() : labels.size() < sentences.size()) {
        throw item.error(i, tab < 0
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
        throw item.error(i, "empty label before the tab: " + ConllReader.quote(line));
      }
      if (sentence.isEmpty()) {
        throw item.error(i, "empty sentence after the tab: " + ConllReader.quote(line));
      }
      labels.add(label);
      sentences.add(sentence);
    }
    return new Abstract(id, sentences, labels);
  }
}
