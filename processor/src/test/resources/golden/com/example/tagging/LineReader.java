package com.example.tagging;

import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.data.ItemLines;
import org.trainkit.runtime.data.ItemSplit;

/** One sentence per line. */
public final class LineReader implements DatasetReader<String> {

  @Override
  public ItemSplit split() {
    return ItemSplit.lines();
  }

  @Override
  public String parse(ItemLines item) {
    return item.line(0);
  }
}
