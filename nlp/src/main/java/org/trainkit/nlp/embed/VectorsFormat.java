package org.trainkit.nlp.embed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.trainkit.runtime.data.DataFormatException;

/** The layouts of static word-vector files that {@link WordVectors} reads. */
public enum VectorsFormat {
  /** word2vec text: a {@code <count> <dimension>} header, then {@code word v1 … vD} per line. */
  WORD2VEC_TEXT(true),
  /**
   * word2vec binary: the same header, then per word its UTF-8 bytes, a space and D
   * little-endian float32 values (an optional newline between records).
   */
  WORD2VEC_BINARY(true),
  /** GloVe: {@code word v1 … vD} per line, no header; D comes from the first line. */
  GLOVE(false),
  /** fastText {@code .vec}: laid out as word2vec text. */
  FASTTEXT_VEC(true);

  private static final Pattern HEADER = Pattern.compile("\\d+ \\d+");
  private static final int PROBE_BYTES = 1 << 16;

  private final boolean header;

  VectorsFormat(boolean header) {
    this.header = header;
  }

  /** True when the file starts with a {@code <count> <dimension>} line. */
  public boolean hasHeader() {
    return header;
  }

  /**
   * Tells the format from the file's start: no {@code <count> <dimension>} header means GloVe;
   * after a header, a text line of exactly D numbers means text ({@link #FASTTEXT_VEC} for a
   * {@code .vec} file, else {@link #WORD2VEC_TEXT}), anything else binary.
   *
   * @throws DataFormatException when the file is empty
   */
  public static VectorsFormat detect(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      String first = probeLine(in);
      if (first == null) {
        throw new DataFormatException(file, 1, "empty file: no word vectors");
      }
      if (!isHeader(first)) {
        return GLOVE;
      }
      long dimension = Long.parseLong(first.trim().split(" ")[1]);
      String second = probeLine(in);
      if (second != null && isTextVector(second, dimension)) {
        return file.getFileName().toString().endsWith(".vec") ? FASTTEXT_VEC : WORD2VEC_TEXT;
      }
      return WORD2VEC_BINARY;
    }
  }

  static boolean isHeader(String line) {
    return HEADER.matcher(line.trim()).matches();
  }

  private static boolean isTextVector(String line, long dimension) {
    String[] tokens = line.trim().split(" ");
    if (tokens.length != dimension + 1) {
      return false;
    }
    for (int i = 1; i < tokens.length; i++) {
      try {
        Float.parseFloat(tokens[i]);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** The next line's bytes (at most 64 KiB) as UTF-8, or null at the end of the stream. */
  private static String probeLine(InputStream in) throws IOException {
    byte[] buffer = new byte[PROBE_BYTES];
    int n = 0;
    int b = in.read();
    if (b == -1) {
      return null;
    }
    while (b != -1 && b != '\n' && n < buffer.length) {
      buffer[n++] = (byte) b;
      b = in.read();
    }
    return new String(buffer, 0, n, StandardCharsets.UTF_8);
  }
}
