package org.trainkit.runtime.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a data file splits into items, line by line — what a {@link DatasetReader} tells the
 * framework so that the framework can find every item's first byte in one pass (the index) and
 * hand the reader one item's lines at a time.
 *
 * <p>Lines end with {@code \n} (a {@code \r} before it is dropped); a UTF-8 byte-order mark at
 * the start of the file is skipped. A line is blank when it holds only spaces, tabs and other
 * ASCII whitespace. Immutable.
 */
public final class ItemSplit {

  /** The longest header or marker the splitter compares, in bytes. */
  static final int MAX_PREFIX_BYTES = 64;

  enum Kind { LINES, EVERY_LINE, BLOCKS, HEADERS, UNINDEXED }

  private final Kind kind;
  private final byte[] header;
  private final List<byte[]> markers;

  private ItemSplit(Kind kind, byte[] header, List<byte[]> markers) {
    this.kind = kind;
    this.header = header;
    this.markers = markers;
  }

  /** Every non-blank line is one item (TSV, JSON lines, one sentence per line). */
  public static ItemSplit lines() {
    return new ItemSplit(Kind.LINES, new byte[0], List.of());
  }

  /**
   * Every line is one item, a blank one too: plain text with one document per line, where an
   * output line must answer each input line.
   */
  public static ItemSplit everyLine() {
    return new ItemSplit(Kind.EVERY_LINE, new byte[0], List.of());
  }

  /** An item is a run of non-blank lines; blank lines (any number) separate items (CoNLL). */
  public static ItemSplit blankLineSeparated() {
    return new ItemSplit(Kind.BLOCKS, new byte[0], List.of());
  }

  /**
   * An item starts at a line that begins with {@code prefix} and runs until the next such line
   * or a blank line (PubMed-RCT's {@code ###id}). Non-blank lines outside any item (after a
   * blank line, before the first header) become an item of their own whose first line is not a
   * header, so that the reader can say what is wrong with them.
   */
  public static ItemSplit headerStartsItem(String prefix) {
    byte[] bytes = bytes(prefix);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the header prefix is empty");
    }
    return new ItemSplit(Kind.HEADERS, bytes, List.of());
  }

  /**
   * The reader cannot say where items start: the framework then reads the whole file through
   * {@link DatasetReader#read} into memory, after checking that it can fit in the heap.
   */
  public static ItemSplit unindexed() {
    return new ItemSplit(Kind.UNINDEXED, new byte[0], List.of());
  }

  /**
   * Also treats a line whose first word is {@code word} (followed by the end of the line, a
   * space or a tab) as a separator that belongs to no item, e.g. CoNLL's {@code -DOCSTART-}.
   */
  public ItemSplit ignoringLinesStartingWith(String word) {
    List<byte[]> more = new ArrayList<>(markers);
    byte[] bytes = bytes(word);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the ignored word is empty");
    }
    more.add(bytes);
    return new ItemSplit(kind, header, List.copyOf(more));
  }

  /** Whether the framework can index files split this way. */
  public boolean indexable() {
    return kind != Kind.UNINDEXED;
  }

  Kind kind() {
    return kind;
  }

  /** A stable text naming this split: an index built under another split is not reused. */
  String key() {
    StringBuilder key = new StringBuilder(kind.name());
    if (header.length > 0) {
      key.append(" header=").append(new String(header, StandardCharsets.UTF_8));
    }
    for (byte[] m : markers) {
      key.append(" ignore=").append(new String(m, StandardCharsets.UTF_8));
    }
    return key.toString();
  }

  /** The bytes the splitter must see at the start of a line to classify it. */
  int prefixBytes() {
    int n = header.length;
    for (byte[] m : markers) {
      n = Math.max(n, m.length + 1);
    }
    return n;
  }

  /** Whether a line starting with {@code first} may be a header or an ignored separator. */
  boolean mayStartWith(byte first) {
    if (header.length > 0 && header[0] == first) {
      return true;
    }
    for (byte[] m : markers) {
      if (m[0] == first) {
        return true;
      }
    }
    return false;
  }

  boolean isHeader(byte[] head, int headLength) {
    return isHeader(head, 0, headLength);
  }

  /** Whether the line of {@code length} bytes at {@code line[from]} starts with the header. */
  boolean isHeader(byte[] line, int from, int length) {
    return header.length > 0 && startsWith(line, from, length, header);
  }

  boolean isIgnored(byte[] head, int headLength) {
    return isIgnored(head, 0, headLength);
  }

  /** Whether the line of {@code length} bytes at {@code line[from]} is an ignored separator. */
  boolean isIgnored(byte[] line, int from, int length) {
    for (byte[] m : markers) {
      if (startsWith(line, from, length, m)
          && (length == m.length || line[from + m.length] == ' ' || line[from + m.length] == '\t')) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] line, int from, int length, byte[] prefix) {
    if (length < prefix.length || line[from] != prefix[0]) {
      return false;
    }
    return Arrays.equals(line, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] bytes(String text) {
    byte[] bytes = Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8);
    if (bytes.length >= MAX_PREFIX_BYTES) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + (MAX_PREFIX_BYTES - 1) + " bytes");
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemSplit other && other.key().equals(key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return key();
  }
}
