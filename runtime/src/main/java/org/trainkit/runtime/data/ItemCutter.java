package org.trainkit.runtime.data;

/**
 * Applies an {@link ItemSplit} to lines one at a time: says whether a line starts an item,
 * continues the current one, or belongs to none. The index pass, the sequential stream and the
 * read of one item by offset all cut with it, so they agree on every item.
 */
final class ItemCutter {

  enum Step { START, CONTINUE, OUTSIDE }

  private final ItemSplit split;
  private boolean inItem;

  ItemCutter(ItemSplit split) {
    this.split = split;
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
}
