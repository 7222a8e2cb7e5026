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
    byte[] bytes = line.bytes();
    int length = line.length();
    if (split.kind() == ItemSplit.Kind.EVERY_LINE) {
      return Step.START;
    }
    if (line.blank() || split.isIgnored(bytes, length)) {
      inItem = false;
      return Step.OUTSIDE;
    }
    boolean starts = switch (split.kind()) {
      case LINES, EVERY_LINE -> true;
      case BLOCKS -> !inItem;
      case HEADERS -> !inItem || split.isHeader(bytes, length);
      case UNINDEXED -> throw new IllegalStateException("an unindexed split cuts nothing");
    };
    inItem = true;
    return starts ? Step.START : Step.CONTINUE;
  }
}
