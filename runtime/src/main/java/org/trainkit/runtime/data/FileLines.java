package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Splits bytes into lines, keeping each line's file offset and number, and decodes a line as
 * UTF-8 on request, reporting a malformed byte sequence on the exact line that holds it (a
 * buffered reader's decoder reads ahead and would blame an earlier line). Feeds every byte read
 * to a digest when given one, so the index pass hashes the file as it splits it.
 *
 * <p>Not thread-safe: one instance per pass or per item read.
 */
final class FileLines {

  /** Longer lines are refused: a file with no line breaks must not fill the heap. */
  static final int MAX_LINE_BYTES = 1 << 22;

  private final Path file;
  private final InputStream in;
  private final MessageDigest digest;
  private final byte[] buffer;
  private int position;
  private int limit;
  private boolean eof;
  private long bufferOffset; // file offset of buffer[0]

  private byte[] line = new byte[256];
  private int length;
  private long lineOffset;
  private long lineNumber;
  private final boolean atFileStart;


  /**
   * @param in the bytes from {@code startOffset} of {@code file} on
   * @param firstLine the number of the line that starts at {@code startOffset}, minus one
   * @param digest fed every byte read, or null
   */
  FileLines(Path file, InputStream in, long startOffset, long firstLine, MessageDigest digest,
      int bufferSize) {
    this.file = file;
    this.in = in;
    this.digest = digest;
    this.buffer = new byte[bufferSize];
    this.bufferOffset = startOffset;
    this.lineNumber = firstLine;
    this.atFileStart = startOffset == 0;
  }

  Path file() {
    return file;
  }

  /**
   * Moves to the next line; false at the end of the input.
   *
   * @throws DataFormatException for a line longer than {@link #MAX_LINE_BYTES}
   */
  boolean next() {
    length = 0;
    boolean any = false;
    long start = bufferOffset + position;
    while (true) {
      if (position == limit) {
        fill();
        if (eof) {
          if (!any) {
            return false;
          }
          break;
        }
      }
      any = true;
      int from = position;
      int newline = -1;
      byte[] b = buffer;
      for (int i = from; i < limit; i++) {
        if (b[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      append(from, end - from);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    lineNumber++;
    lineOffset = start;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (atFileStart && start == 0 && length >= 3
        && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
      // a byte-order mark: the line (and an item starting on it) begins after it
      System.arraycopy(line, 3, line, 0, length - 3);
      length -= 3;
      lineOffset = 3;
    }
    return true;
  }

  /** The current line's bytes, {@link #length()} of them; valid until {@link #next}. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** File offset of the current line's first byte (after a byte-order mark). */
  long offset() {
    return lineOffset;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** Whether the current line holds only ASCII whitespace. */
  boolean blank() {
    return ItemCutter.blank(line, 0, length);
  }

  /** The current line decoded. */
  String text() {
    return Utf8.decode(line, 0, length, file, lineNumber);
  }

  private void fill() {
    try {
      bufferOffset += limit;
      int n = in.readNBytes(buffer, 0, buffer.length);
      if (n <= 0) {
        eof = true;
        position = limit = 0;
      } else {
        if (digest != null) {
          digest.update(buffer, 0, n);
        }
        position = 0;
        limit = n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " after line " + lineNumber, e);
    }
  }

  private void append(int start, int count) {
    if (length + count > line.length) {
      if (length + count > MAX_LINE_BYTES) {
        throw new DataFormatException(file, lineNumber + 1, "line longer than " + MAX_LINE_BYTES
            + " bytes; is this a text file with line breaks?");
      }
      byte[] bigger = new byte[Math.max(line.length * 2, length + count)];
      System.arraycopy(line, 0, bigger, 0, length);
      line = bigger;
    }
    System.arraycopy(buffer, start, line, length, count);
    length += count;
  }
}
