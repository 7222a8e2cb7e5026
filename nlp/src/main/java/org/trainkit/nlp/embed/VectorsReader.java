package org.trainkit.nlp.embed;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.trainkit.runtime.data.DataFormatException;

/**
 * Streams a vectors file once and hands each wanted word's vector to a sink; every line's
 * layout is checked (value count), numbers are parsed only for wanted words, so a large file
 * costs little more than reading it.
 */
final class VectorsReader {

  /** Receives the vectors of wanted words, in file order. */
  interface Sink {
    void accept(String word, float[] vector);
  }

  private final Path file;
  private final VectorsFormat format;
  private final int expectedDimension;

  /**
   * @param expectedDimension the dimension the caller needs, or 0 for whatever the file has
   */
  VectorsReader(Path file, VectorsFormat format, int expectedDimension) {
    this.file = file;
    this.format = format;
    this.expectedDimension = expectedDimension;
  }

  /** Reads the file; returns its dimension. */
  int read(Predicate<String> wanted, Sink sink) throws IOException {
    return format == VectorsFormat.WORD2VEC_BINARY
        ? readBinary(wanted, sink)
        : readText(wanted, sink);
  }

  private int readText(Predicate<String> wanted, Sink sink) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      long announced = -1;
      int dimension = 0;
      String dimensionSource = null;
      long vectors = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (lineNumber == 1 && format.hasHeader()) {
          long[] header = header(trimmed);
          announced = header[0];
          dimension = checkedDimension(header[1], "the header");
          dimensionSource = "the header at line 1";
          continue;
        }
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] tokens = trimmed.split(" ");
        if (dimension == 0) {
          if (lineNumber == 1 && VectorsFormat.isHeader(trimmed)) {
            throw error(lineNumber, "looks like a word2vec/fastText header '" + trimmed
                + "', but the format is " + format + "; use WORD2VEC_TEXT or FASTTEXT_VEC");
          }
          if (tokens.length < 2) {
            throw error(lineNumber, "expected a word and its values, found '" + trimmed + "'");
          }
          dimension = checkedDimension(tokens.length - 1, "line " + lineNumber);
          dimensionSource = "line " + lineNumber;
        }
        if (tokens.length - 1 != dimension) {
          throw error(lineNumber, "vector of '" + tokens[0] + "' has " + (tokens.length - 1)
              + " values, but the file's dimension is " + dimension + " (set by "
              + dimensionSource + ")");
        }
        vectors++;
        if (wanted.test(tokens[0])) {
          float[] vector = new float[dimension];
          for (int i = 0; i < dimension; i++) {
            vector[i] = number(tokens[i + 1], i + 1, lineNumber);
          }
          sink.accept(tokens[0], vector);
        }
      }
      if (lineNumber == 0) {
        throw error(1, "empty file: no word vectors");
      }
      if (vectors == 0 && announced != 0) {
        throw error(lineNumber, "no word vectors in the file");
      }
      if (announced >= 0 && announced != vectors) {
        throw error(lineNumber, "the header announces " + announced + " vectors but the file has "
            + vectors + " (truncated?)");
      }
      return dimension;
    }
  }

  private int readBinary(Predicate<String> wanted, Sink sink) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String headerLine = headerLine(in);
      long[] header = header(headerLine.strip());
      int dimension = checkedDimension(header[1], "the header");
      byte[] values = new byte[4 * dimension];
      ByteBuffer floats = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
      for (long v = 0; v < header[0]; v++) {
        long record = v + 2; // records count as lines after the header line
        String word = binaryWord(in, record, v, header[0]);
        try {
          in.readFully(values);
        } catch (EOFException e) {
          throw error(record, "the file ends inside the vector of '" + word + "' (record "
              + (v + 1) + " of " + header[0] + "; truncated, or not " + dimension
              + " float32 values per word?)");
        }
        if (wanted.test(word)) {
          float[] vector = new float[dimension];
          floats.rewind();
          floats.asFloatBuffer().get(vector);
          sink.accept(word, vector);
        }
      }
      return dimension;
    }
  }

  private String headerLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b = in.read();
    if (b == -1) {
      throw error(1, "empty file: no word vectors");
    }
    while (b != -1 && b != '\n' && bytes.size() < 256) {
      bytes.write(b);
      b = in.read();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A record's word: skips the newline (and spaces) before it, reads up to the space. */
  private String binaryWord(DataInputStream in, long record, long index, long count)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b = in.read();
    while (b == '\n' || b == ' ' || b == '\r') {
      b = in.read();
    }
    while (b != -1 && b != ' ') {
      bytes.write(b);
      if (bytes.size() > 10_000) {
        throw error(record, "no space after the word within 10000 bytes: not a binary word2vec "
            + "record (a text file? use WORD2VEC_TEXT)");
      }
      b = in.read();
    }
    if (b == -1) {
      throw error(record, "the header announces " + count + " vectors but the file ends after "
          + index + " (truncated?)");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** {count, dimension} from a header line. */
  private long[] header(String line) {
    if (line.isEmpty() && format.hasHeader()) {
      throw error(1, "empty header line: expected '<count> <dimension>'");
    }
    if (!VectorsFormat.isHeader(line)) {
      throw error(1, "expected a '<count> <dimension>' header for " + format + ", found '"
          + abbreviated(line) + "' (a GloVe file has no header: use GLOVE)");
    }
    String[] parts = line.split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  private int checkedDimension(long dimension, String source) {
    long line = source.startsWith("line ") ? Long.parseLong(source.substring(5)) : 1;
    if (dimension < 1 || dimension > 1_000_000) {
      throw error(line, "dimension " + dimension + " from " + source + " is not in [1, 1000000]");
    }
    if (expectedDimension > 0 && dimension != expectedDimension) {
      throw error(line, "vectors have dimension " + dimension + " (from " + source + "), but "
          + expectedDimension + " was asked for");
    }
    return (int) dimension;
  }

  private float number(String token, int position, long line) {
    try {
      float value = Float.parseFloat(token);
      if (!Float.isFinite(value)) {
        throw error(line, "value " + position + " '" + token + "' is not finite");
      }
      return value;
    } catch (NumberFormatException e) {
      throw error(line, "value " + position + " '" + abbreviated(token) + "' is not a number");
    }
  }

  private static String abbreviated(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  private DataFormatException error(long line, String problem) {
    return new DataFormatException(file, line, problem);
  }
}
