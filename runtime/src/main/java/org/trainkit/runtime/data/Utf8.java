package org.trainkit.runtime.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes one line of a data file as UTF-8, reporting a malformed byte sequence on that line by
 * file, line and byte. A line of ASCII (most lines of most corpora) is turned into a string
 * without a decoder.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * The {@code length} bytes at {@code bytes[from]}, decoded.
   *
   * @throws DataFormatException naming {@code file}, {@code line} and the byte when they are not
   *     valid UTF-8
   */
  static String decode(byte[] bytes, int from, int length, Path file, long line) {
    int end = from + length;
    boolean ascii = true;
    for (int i = from; i < end; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position() - from;
      throw new DataFormatException(file, line, String.format(Locale.ROOT,
          "not valid UTF-8: byte 0x%02X at byte %d of the line; save the file as UTF-8",
          bytes[from + at] & 0xFF, at + 1));
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }
}
