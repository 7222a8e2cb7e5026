package org.trainkit.runtime.data;

/**
 * Applies an {@link ItemSplit} to lines one at a time: says whether a line starts an item,
 * continues the current one, or belongs to none. The index pass, the sequential stream and the
 * read of one item by offset all cut with it, so they agree on every item.
 */
final class ItemCutter {

  enum Step { START, CONTINUE, OUTSIDE }

  private final ItemSplit split;
  private final boolean everyLine;
  private final boolean blocks;
  private boolean inItem;
  /** First bytes after which a line is neither blank, nor ignored, nor a header. */
  private final boolean[] plain = new boolean[256];

  ItemCutter(ItemSplit split) {
    this.split = split;
    this.everyLine = split.kind() == ItemSplit.Kind.EVERY_LINE;
    this.blocks = split.kind() == ItemSplit.Kind.BLOCKS;
    for (int b = 0; b < 256; b++) {
      plain[b] = b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B && !split.mayStartWith((byte) b);
    }
  }

  /**
   * The step of a line of {@code length > 0} bytes that starts with {@code first}, when {@code
   * first} alone decides it (most lines of most files: a plain content line); null when the line
   * must be {@link #classify(byte[], int, int, boolean) classified} whole. For the index pass.
   */
  Step quick(byte first) {
    if (everyLine) {
      return Step.START;
    }
    if (!plain[first & 0xFF]) {
      return null;
    }
    boolean starts = !inItem || !blocks && split.kind() == ItemSplit.Kind.LINES;
    inItem = true;
    return starts ? Step.START : Step.CONTINUE;
  }

  Step classify(FileLines line) {
    return classify(line.bytes(), 0, line.length(), line.blank());
  }

  /**
   * Classifies the line of {@code length} bytes at {@code bytes[from]} ({@code \r} and a
   * byte-order mark already dropped); {@code blank} when it holds only ASCII whitespace. Only the
   * line's first {@link ItemSplit#MAX_PREFIX_BYTES} bytes are read.
   */
  Step classify(byte[] bytes, int from, int length, boolean blank) {
    if (split.kind() == ItemSplit.Kind.EVERY_LINE) {
      return Step.START;
    }
    if (blank || split.isIgnored(bytes, from, length)) {
      inItem = false;
      return Step.OUTSIDE;
    }
    boolean starts = switch (split.kind()) {
      case LINES, EVERY_LINE -> true;
      case BLOCKS -> !inItem;
      case HEADERS -> !inItem || split.isHeader(bytes, from, length);
      case UNINDEXED -> throw new IllegalStateException("an unindexed split cuts nothing");
    };
    inItem = true;
    return starts ? Step.START : Step.CONTINUE;
  }

  /** True when bytes {@code from..to} of {@code b} are all whitespace (a blank line). */
  static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
        return false;
      }
    }
    return true;
  }
}
