package org.trainkit.examples.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.trainkit.runtime.data.DataFormatException;

/**
 * Reads a UTF-8 file line by line, keeping the line number, and reports a malformed byte
 * sequence as a {@link DataFormatException} on the exact line that holds it.
 *
 * <p>Why not {@code Files.newBufferedReader}: its decoder reads ahead by thousands of
 * characters and throws while an earlier line is being filled, so the line number would be
 * wrong. Here each line's bytes are split off first (on {@code \n}, dropping a trailing
 * {@code \r}) and then decoded on their own with a {@code REPORT} decoder. A UTF-8 byte-order
 * mark at the start of the file is skipped.
 */
final class Utf8Lines implements Closeable {

  /** Longer lines are refused: a file with no line breaks must not fill the heap. */
  static final int MAX_LINE_BYTES = 1 << 22;

  private final Path file;
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean eof;

  private byte[] line = new byte[256];
  private int length;
  private ByteBuffer lineBytes = ByteBuffer.wrap(line);
  private CharBuffer chars = CharBuffer.allocate(256);
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private long lineNumber;

  private Utf8Lines(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Opens {@code file}; fails here (not later) if it cannot be opened. */
  static Utf8Lines open(Path file) throws IOException {
    return new Utf8Lines(file, Files.newInputStream(file));
  }

  /** The file being read. */
  Path file() {
    return file;
  }

  /** 1-based number of the line last returned by {@link #next()}; 0 before the first. */
  long lineNumber() {
    return lineNumber;
  }

  /**
   * The next line without its terminator, or {@code null} at the end of the file.
   *
   * @throws DataFormatException if the line is not valid UTF-8 or is absurdly long
   * @throws UncheckedIOException if the file cannot be read
   */
  String next() {
    length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        fill();
        if (eof) {
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = position;
      int newline = -1;
      for (int i = start; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      append(start, end - start);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    lineNumber++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    int offset = 0;
    if (lineNumber == 1
        && length >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      offset = 3; // byte-order mark
    }
    return decode(offset);
  }

  private void fill() {
    try {
      int n = in.read(buffer);
      if (n < 0) {
        eof = true;
        position = limit = 0;
      } else {
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
        throw new DataFormatException(
            file,
            lineNumber + 1,
            "line longer than " + MAX_LINE_BYTES + " bytes; is this a text file with line breaks?");
      }
      byte[] bigger = new byte[Math.max(line.length * 2, length + count)];
      System.arraycopy(line, 0, bigger, 0, length);
      line = bigger;
      lineBytes = ByteBuffer.wrap(line);
    }
    System.arraycopy(buffer, start, line, length, count);
    length += count;
  }

  private String decode(int offset) {
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(chars.capacity() * 2, length));
    }
    chars.clear();
    lineBytes.limit(length).position(offset);
    decoder.reset();
    CoderResult result = decoder.decode(lineBytes, chars, true);
    if (result.isError()) {
      int at = lineBytes.position();
      throw new DataFormatException(
          file,
          lineNumber,
          String.format(
              Locale.ROOT,
              "not valid UTF-8: byte 0x%02X at byte %d of the line; save the file as UTF-8",
              line[at] & 0xFF,
              at + 1));
    }
    decoder.flush(chars);
    chars.flip();
    return chars.toString();
  }

  /**
   * A lazy, ordered stream of the items that {@code next} parses from these lines ({@code null}
   * meaning no more); closing the stream closes the file.
   */
  <R> Stream<R> stream(Supplier<R> next) {
    Spliterator<R> items =
        new Spliterators.AbstractSpliterator<R>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super R> action) {
            R item = next.get();
            if (item == null) {
              return false;
            }
            action.accept(item);
            return true;
          }
        };
    return StreamSupport.stream(items, false).onClose(this::close);
  }

  /** Closes the file. */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
