package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The index pass: finds where every item of a file starts, scanning the bytes in large blocks
 * for line breaks without decoding, copying or parsing lines, while a second thread computes the
 * file's SHA-256 from its own reads of the file (so a core hashes while the other splits; with
 * the file in the page cache both reads are memory copies).
 *
 * <p>Agrees with {@link FileLines} and {@link ItemCutter}, which read one item and stream a
 * file, on every item and line number — a {@code \r} before {@code \n} dropped, a byte-order mark
 * at the start skipped, a line longer than {@link FileLines#MAX_LINE_BYTES} refused with the
 * same message (BoundaryScanTest compares them on awkward files and tiny blocks).
 */
final class BoundaryScan {

  /** Bytes read at a time by the splitter and by the hasher. */
  static final int BLOCK_BYTES = 8 << 20;

  /** Receives each item's first byte's offset and its first line's number (1-based). */
  interface Items {
    void item(long offset, long line) throws IOException;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** The line's first bytes kept when it crosses a block boundary: enough to classify it. */
  private static final int HEAD_BYTES = ItemSplit.MAX_PREFIX_BYTES + 4;

  private final Path file;
  private final ItemCutter cutter;
  private final Items items;

  // the line being scanned
  private long lineStart;
  private long lineNumber; // lines finished so far
  private long rawLength; // its bytes so far, a byte-order mark included, '\n' not
  private int skip; // 3 for a first line that starts with a byte-order mark
  private boolean nonBlank;
  private byte lastByte;
  private final byte[] head = new byte[HEAD_BYTES];
  private int headLength;

  private BoundaryScan(Path file, ItemSplit split, Items items) {
    this.file = file;
    this.cutter = new ItemCutter(split);
    this.items = items;
  }

  /**
   * Hands every item of {@code file} (split by {@code split}) to {@code items}, in order, and
   * returns the SHA-256 of the bytes read.
   *
   * @throws DataFormatException for a line longer than {@link FileLines#MAX_LINE_BYTES}
   */
  static byte[] scan(Path file, ItemSplit split, Items items, int blockBytes) throws IOException {
    // a small file needs no large buffers
    blockBytes = (int) Math.min(blockBytes, Math.max(1, java.nio.file.Files.size(file)));
    Hasher hasher = new Hasher(file, blockBytes);
    Thread thread = new Thread(hasher, "trainkit-index-hash");
    thread.setDaemon(true);
    thread.start();
    boolean done = false;
    try {
      new BoundaryScan(file, split, items).run(blockBytes);
      done = true;
    } finally {
      if (!done) {
        hasher.cancelled = true;
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while indexing " + file, e);
      }
    }
    return hasher.result();
  }

  private void run(int blockBytes) throws IOException {
    byte[] buffer = new byte[blockBytes];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long blockOffset = 0;
      if (startsWithByteOrderMark(channel)) {
        skip = 3;
        blockOffset = 3;
        rawLength = 3;
        lineStart = 3;
      }
      MappedBlocks blocks = new MappedBlocks(channel, file, size);
      while (blockOffset < size) {
        int n = blocks.copy(blockOffset, buffer);
        block(buffer, n, blockOffset);
        blockOffset += n;
      }
      if (rawLength > 0) {
        finishCarried(); // a last line without a line break
      }
    }
  }

  /**
   * Copies a file's bytes into a block buffer through memory mappings of {@value #WINDOW_BYTES}
   * bytes: one copy from the page cache, where a read copies twice. A window the copies have left
   * is unmapped when the collector finds it (the runtime uses no reflection, so none is unmapped
   * at once); a window spans eight blocks, so a pass holds few mappings.
   */
  static final class MappedBlocks {
    static final int WINDOW_BYTES = 64 << 20;
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private MappedByteBuffer window;
    private long windowStart;

    MappedBlocks(FileChannel channel, Path file, long size) {
      this.channel = channel;
      this.file = file;
      this.size = size;
    }

    /** Copies the bytes from {@code at} (before the size) into {@code buffer}; returns the count. */
    int copy(long at, byte[] buffer) throws IOException {
      int n = (int) Math.min(buffer.length, size - at);
      if (window == null || at < windowStart || at + n > windowStart + window.capacity()) {
        window = null;
        long length = Math.min(Math.max(WINDOW_BYTES, n), size - at);
        window = channel.map(FileChannel.MapMode.READ_ONLY, at, length);
        windowStart = at;
      }
      try {
        window.get((int) (at - windowStart), buffer, 0, n);
      } catch (InternalError e) {
        // the kernel's SIGBUS for a mapped page past a file's end: the file was cut short
        throw new IOException(file + " changed while it was being indexed; run again when it no longer changes", e);
      }
      return n;
    }
  }

  private static boolean startsWithByteOrderMark(FileChannel channel) throws IOException {
    ByteBuffer first = ByteBuffer.allocate(3);
    while (first.hasRemaining() && channel.read(first, first.position()) > 0) {
      // the first three bytes, or fewer in a shorter file
    }
    return first.position() == 3 && first.get(0) == (byte) 0xEF && first.get(1) == (byte) 0xBB
        && first.get(2) == (byte) 0xBF;
  }

  /** The lines of {@code b[0, n)}, which start at file offset {@code blockOffset}. */
  private void block(byte[] b, int n, long blockOffset) throws IOException {
    int p = 0;
    if (rawLength > 0) {
      // the line carried over from the previous block
      int newline = newline(b, 0, n);
      int end = newline < 0 ? n : newline;
      carry(b, 0, end);
      if (newline < 0) {
        return;
      }
      finishCarried();
      p = newline + 1;
    }
    while (p < n) {
      int newline = newline(b, p, n);
      if (newline < 0) {
        lineStart = blockOffset + p;
        carry(b, p, n);
        return;
      }
      // a whole line in the block: classified where it lies
      long line = ++lineNumber;
      if (newline - p > FileLines.MAX_LINE_BYTES) {
        throw tooLong(line);
      }
      int length = newline > p && b[newline - 1] == '\r' ? newline - p - 1 : newline - p;
      ItemCutter.Step step = length > 0 ? cutter.quick(b[p]) : null;
      if (step == null) {
        step = cutter.classify(b, p, length, ItemCutter.blank(b, p, p + length));
      }
      if (step == ItemCutter.Step.START) {
        items.item(blockOffset + p, line);
      }
      p = newline + 1;
    }
  }

  /** The index of the first {@code '\n'} in {@code b[from, to)}, or -1; eight bytes at a time. */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      // a byte of x is 0 where b holds '\n'; the lowest flagged byte is the first one
      long found = (x - ONES) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Adds {@code b[from, to)} to the line that crosses a block boundary. */
  private void carry(byte[] b, int from, int to) {
    if (to == from) {
      return;
    }
    rawLength += to - from;
    if (rawLength > FileLines.MAX_LINE_BYTES) {
      throw tooLong(lineNumber + 1);
    }
    int copy = Math.min(HEAD_BYTES - headLength, to - from);
    if (copy > 0) {
      System.arraycopy(b, from, head, headLength, copy);
      headLength += copy;
    }
    if (!nonBlank) {
      nonBlank = !ItemCutter.blank(b, from, to);
    }
    lastByte = b[to - 1];
  }

  /** Classifies the line gathered by {@link #carry} (or the byte-order mark's empty line). */
  private void finishCarried() throws IOException {
    long line = ++lineNumber;
    long length = rawLength - skip;
    if (length > 0 && lastByte == '\r' && rawLength > skip) {
      length--;
    }
    if (cutter.classify(head, 0, (int) length, !nonBlank) == ItemCutter.Step.START) {
      items.item(lineStart, line);
    }
    rawLength = 0;
    skip = 0;
    headLength = 0;
    nonBlank = false;
    lastByte = 0;
  }

  private DataFormatException tooLong(long line) {
    return new DataFormatException(file, line, "line longer than " + FileLines.MAX_LINE_BYTES
        + " bytes; is this a text file with line breaks?");
  }

  /** Hashes the file from its own reads, on its own thread. */
  private static final class Hasher implements Runnable {
    private final Path file;
    private final int blockBytes;
    volatile boolean cancelled;
    private byte[] sha256;
    private Throwable failure;

    Hasher(Path file, int blockBytes) {
      this.file = file;
      this.blockBytes = blockBytes;
    }

    @Override
    public void run() {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        MessageDigest digest = FileFingerprint.newDigest();
        byte[] buffer = new byte[blockBytes];
        long size = channel.size();
        MappedBlocks blocks = new MappedBlocks(channel, file, size);
        for (long at = 0; at < size && !cancelled; ) {
          int n = blocks.copy(at, buffer);
          digest.update(buffer, 0, n);
          at += n;
        }
        sha256 = digest.digest();
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }

    byte[] result() throws IOException {
      if (failure instanceof IOException e) {
        throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (failure != null) {
        throw new UncheckedIOException("cannot hash " + file, new IOException(failure));
      }
      if (sha256 == null) {
        throw new IOException("cannot hash " + file);
      }
      return sha256;
    }
  }
}
