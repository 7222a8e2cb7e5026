package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
      long blockOffset = 0;
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      if (startsWithByteOrderMark(channel)) {
        skip = 3;
        blockOffset = 3;
        rawLength = 3;
        lineStart = 3;
      }
      while (true) {
        wrapped.clear();
        int n = 0;
        while (wrapped.hasRemaining()) {
          int read = channel.read(wrapped, blockOffset + n);
          if (read < 0) {
            break;
          }
          n += read;
        }
        if (n == 0) {
          break;
        }
        block(buffer, n, blockOffset);
        blockOffset += n;
      }
      if (rawLength > 0) {
        finishCarried(); // a last line without a line break
      }
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
      if (cutter.classify(b, p, length, blank(b, p, p + length)) == ItemCutter.Step.START) {
        items.item(blockOffset + p, line);
      }
      p = newline + 1;
    }
  }

  private static int newline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
        return false;
      }
    }
    return true;
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
      nonBlank = !blank(b, from, to);
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
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long at = 0;
        while (!cancelled) {
          wrapped.clear();
          int n = channel.read(wrapped, at);
          if (n < 0) {
            break;
          }
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
