package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A dataset read from its file by item: the index gives item {@code i}'s offset, the item's bytes
 * are read there (positional reads, safe from several loader threads), cut into the item's lines
 * and parsed by the reader. Only the items of the batches in flight are in the heap.
 */
final class IndexedDataset<R> implements Dataset<R> {

  /** An item larger than this is refused rather than read into the heap. */
  static final int MAX_ITEM_BYTES = 1 << 28;
  /** Bytes a sequential pass reads at a time. */
  private static final int CHUNK_BYTES = 1 << 20;

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
    long firstLine = index.firstLine(i);
    byte[] bytes = new byte[span(i)];
    read(bytes, bytes.length, start, firstLine);
    return parse(bytes, 0, bytes.length, firstLine);
  }

  /** The bytes item {@code i} may span, refused when more than {@link #MAX_ITEM_BYTES}. */
  private int span(int i) {
    long span = index.end(i) - index.offset(i);
    if (span > MAX_ITEM_BYTES) {
      throw new DataFormatException(file, index.firstLine(i), "the item starting here spans " + span
          + " bytes, more than " + MAX_ITEM_BYTES + "; is the file split the way its reader expects?");
    }
    return (int) span;
  }

  /** Reads {@code count} bytes at {@code start} into {@code bytes} (positional: thread-safe). */
  private void read(byte[] bytes, int count, long start, long firstLine) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, count);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, start + buffer.position()) < 0) {
          throw changed(firstLine);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " at line " + firstLine, e);
    }
  }

  /**
   * The item whose bytes are {@code chunk[from, to)}: cut into lines as the index pass cut them
   * ({@link ItemCutter}), decoded, parsed by the reader.
   */
  private R parse(byte[] chunk, int from, int to, long firstLine) {
    ItemCutter cutter = new ItemCutter(split);
    List<String> texts = new ArrayList<>();
    int p = from;
    while (p < to) {
      int newline = BoundaryScan.newline(chunk, p, to);
      int end = newline < 0 ? to : newline;
      int length = end > p && chunk[end - 1] == '\r' ? end - p - 1 : end - p;
      ItemCutter.Step step = cutter.classify(chunk, p, length, ItemCutter.blank(chunk, p, p + length));
      if (texts.isEmpty() ? step != ItemCutter.Step.START : step != ItemCutter.Step.CONTINUE) {
        if (texts.isEmpty()) {
          throw changed(firstLine);
        }
        break;
      }
      texts.add(Utf8.decode(chunk, p, length, file, firstLine + texts.size()));
      p = end + 1;
    }
    if (texts.isEmpty()) {
      throw changed(firstLine);
    }
    return reader.parse(new ItemLines(file, firstLine, texts));
  }

  /**
   * The items in order, read sequentially in chunks of about {@value #CHUNK_BYTES} bytes (one
   * read for many items, where {@link #get} reads each item on its own): for {@code fit}'s passes.
   */
  @Override
  public Iterator<R> iterator() {
    return new Iterator<>() {
      private int next;
      private byte[] chunk = new byte[0];
      private long chunkStart;
      private int chunkLength;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public R next() {
        if (next >= size()) {
          throw new NoSuchElementException();
        }
        int i = next++;
        long start = index.offset(i);
        long end = start + span(i);
        long firstLine = index.firstLine(i);
        if (start < chunkStart || end > chunkStart + chunkLength) {
          long fileEnd = index.fingerprint().size();
          int length = (int) Math.max(end - start, Math.min(CHUNK_BYTES, fileEnd - start));
          if (chunk.length < length) {
            chunk = new byte[length];
          }
          read(chunk, length, start, firstLine);
          chunkStart = start;
          chunkLength = length;
        }
        return parse(chunk, (int) (start - chunkStart), (int) (end - chunkStart), firstLine);
      }
    };
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
