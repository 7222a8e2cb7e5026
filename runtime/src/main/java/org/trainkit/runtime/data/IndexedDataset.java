package org.trainkit.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dataset read from its file by item: the index gives item {@code i}'s offset, the item's bytes
 * are read there (positional reads, safe from several loader threads), cut into the item's lines
 * and parsed by the reader. Only the items of the batches in flight are in the heap.
 */
final class IndexedDataset<R> implements Dataset<R> {

  /** An item larger than this is refused rather than read into the heap. */
  static final int MAX_ITEM_BYTES = 1 << 28;

  private final DatasetReader<R> reader;
  private final Path file;
  private final DatasetIndex index;
  private final FileChannel channel;
  private final ItemSplit split;
  private volatile boolean checked;

  IndexedDataset(DatasetReader<R> reader, Path file, DatasetIndex index) throws IOException {
    this.reader = reader;
    this.file = file;
    this.index = index;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.split = reader.split();
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public Optional<FileFingerprint> source() {
    return Optional.of(index.fingerprint());
  }

  /** Where the index lies, and whether opening built it. */
  DatasetIndex index() {
    return index;
  }

  /** Whether every item has been parsed once ({@link ParseCheck}). */
  boolean checked() {
    return checked;
  }

  void markChecked() {
    checked = true;
  }

  @Override
  public RuntimeException invalidItem(int i, String problem) {
    return new DataFormatException(file, index.firstLine(i), problem);
  }

  @Override
  public R get(int i) {
    long start = index.offset(i);
    long span = index.end(i) - start;
    long firstLine = index.firstLine(i);
    if (span > MAX_ITEM_BYTES) {
      throw new DataFormatException(file, firstLine, "the item starting here spans " + span
          + " bytes, more than " + MAX_ITEM_BYTES + "; is the file split the way its reader expects?");
    }
    byte[] bytes = new byte[(int) span];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, start + buffer.position()) < 0) {
          throw changed(firstLine);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " at line " + firstLine, e);
    }
    FileLines lines = new FileLines(file, new ByteArrayInputStream(bytes), start, firstLine - 1, null,
        Math.max(1, bytes.length));
    ItemCutter cutter = new ItemCutter(split);
    if (!lines.next() || cutter.classify(lines) != ItemCutter.Step.START) {
      throw changed(firstLine);
    }
    List<String> texts = new ArrayList<>();
    texts.add(lines.text());
    while (lines.next() && cutter.classify(lines) == ItemCutter.Step.CONTINUE) {
      texts.add(lines.text());
    }
    return reader.parse(new ItemLines(file, firstLine, texts));
  }

  private DataFormatException changed(long line) {
    return new DataFormatException(file, line, "the file changed after it was indexed (" + index.location()
        + "); run again to index it anew");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  @Override
  public String toString() {
    return index.size() + " items of " + file + " (index " + index.location() + ")";
  }
}
