package org.trainkit.nlp.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The safetensors format (8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data), read tensor by tensor.
 * DJL's {@code NDList.decode} reads the whole data block into one {@code byte[]} and so fails on
 * files over 2 GiB (BERT-large in F32 is 1.3 GB, larger models pass it); reading each tensor at
 * its offset has no such limit, and checking the header against the file's length first turns
 * a truncated or damaged file into a message that says so.
 */
public final class Safetensors implements AutoCloseable {

  /** One tensor's entry in the header; {@code begin}/{@code end} are relative to the data. */
  public record TensorInfo(String name, String dtype, long[] shape, long begin, long end) {
    public long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;

  private Safetensors(Path file, FileChannel channel, long dataStart,
      Map<String, TensorInfo> tensors) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
  }

  /** Opens and checks the header of {@code file}; every problem names the file. */
  public static Safetensors open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new PretrainedModelException(file, "missing");
    } catch (IOException e) {
      throw new PretrainedModelException(file, "cannot be read: " + e.getMessage(), e);
    }
    try {
      long size = channel.size();
      if (size < 8) {
        throw damaged(file, "only " + size + " bytes, shorter than the 8-byte header length");
      }
      long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
        throw damaged(file, "header length " + headerLength + " does not fit in a file of "
            + size + " bytes");
      }
      ByteBuffer header = readFully(channel, 8, (int) headerLength);
      Map<String, TensorInfo> tensors = parseHeader(file,
          new String(header.array(), StandardCharsets.UTF_8), size - 8 - headerLength);
      return new Safetensors(file, channel, 8 + headerLength, tensors);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof PretrainedModelException p) {
        throw p;
      }
      throw new PretrainedModelException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static Map<String, TensorInfo> parseHeader(Path file, String text, long dataLength) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw damaged(file, "its header is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw damaged(file, "its header is not a JSON object");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      TensorInfo info = tensorInfo(file, e.getKey(), e.getValue());
      long bytes = info.elements() * bytesPerElement(info.dtype);
      if (info.begin < 0 || info.end < info.begin || info.end > dataLength) {
        throw damaged(file, "tensor " + info.name + " spans bytes " + info.begin + ".."
            + info.end + " but the data holds " + dataLength + " bytes (truncated?)");
      }
      if (bytes >= 0 && info.end - info.begin != bytes) {
        throw damaged(file, "tensor " + info.name + " of " + info.dtype + " "
            + Arrays.toString(info.shape) + " needs " + bytes + " bytes, its range has "
            + (info.end - info.begin));
      }
      tensors.put(info.name, info);
    }
    return Collections.unmodifiableMap(tensors);
  }

  private static TensorInfo tensorInfo(Path file, String name, JsonNode node) {
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
        || offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw damaged(file, "tensor " + name + " lacks dtype, shape or data_offsets");
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).asLong(-1);
      if (dims[i] < 0) {
        throw damaged(file, "tensor " + name + " has shape " + shape);
      }
    }
    return new TensorInfo(name, dtype.asText(), dims, offsets.get(0).asLong(-1),
        offsets.get(1).asLong(-1));
  }

  /** Bytes per element of a safetensors dtype, or -1 for one this reader does not know. */
  static int bytesPerElement(String dtype) {
    return switch (dtype) {
      case "F64", "I64", "U64" -> 8;
      case "F32", "I32", "U32" -> 4;
      case "F16", "BF16", "I16", "U16" -> 2;
      case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
      default -> -1;
    };
  }

  private static PretrainedModelException damaged(Path file, String why) {
    return new PretrainedModelException(file, "not a valid safetensors file (truncated or damaged:"
        + " " + why + ")");
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buffer.flip();
  }

  public Path file() {
    return file;
  }

  /** The tensors in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** Reads a floating-point tensor as F32 (F16, BF16 and F64 are converted). */
  public float[] readFloats(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new PretrainedModelException(file, "holds no tensor " + name);
    }
    long bytes = info.end - info.begin;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new PretrainedModelException(file, "tensor " + name + " is over 2 GiB on its own");
    }
    ByteBuffer data;
    try {
      data = readFully(channel, dataStart + info.begin, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new PretrainedModelException(file, "cannot read tensor " + name + ": "
          + e.getMessage(), e);
    }
    int n = (int) info.elements();
    float[] out = new float[n];
    switch (info.dtype) {
      case "F32" -> data.asFloatBuffer().get(out);
      case "F64" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) data.getDouble(8 * i);
        }
      }
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((data.getShort(2 * i) & 0xffff) << 16);
        }
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat(data.getShort(2 * i));
        }
      }
      default -> throw new PretrainedModelException(file, "tensor " + name + " has dtype "
          + info.dtype + "; weights must be F32, F16, BF16 or F64");
    }
    return out;
  }

  /** IEEE 754 binary16 → binary32 (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new PretrainedModelException(file, "cannot close: " + e.getMessage(), e);
    }
  }

  /** An F32 tensor to write. */
  public record Tensor(long[] shape, float[] data) {}

  /**
   * Writes F32 tensors in name order with {@code {"format": "pt"}} metadata (what
   * {@code transformers} checks before loading) to {@code out}.
   */
  public static void write(OutputStream out, SortedMap<String, Tensor> tensors)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", "F32");
      var shape = entry.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long bytes = 4L * e.getValue().data().length;
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // the format aligns the data to 8 bytes with spaces
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
    out.write(headerBytes);
    for (Tensor t : tensors.values()) {
      ByteBuffer data = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
      data.asFloatBuffer().put(t.data());
      out.write(data.array());
    }
  }

  /** Writes {@code tensors} to a new file (see {@link #write(OutputStream, SortedMap)}). */
  public static void write(Path file, SortedMap<String, Tensor> tensors) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(out, tensors);
    }
  }
}
