package org.trainkit.runtime.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's events files. Each record is
 *
 * <pre>
 *   uint64 length            little endian
 *   uint32 masked CRC32C of the 8 length bytes
 *   byte[length] data
 *   uint32 masked CRC32C of the data
 * </pre>
 *
 * <p>The CRCs are masked ({@link #mask}) because a CRC of data that itself holds CRCs is weak.
 */
public final class TfRecords {

  /** Length, length CRC, data CRC. */
  static final int OVERHEAD = 8 + 4 + 4;

  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecords() {}

  /** {@code data} as one record. */
  public static byte[] frame(byte[] data) {
    ByteBuffer record = ByteBuffer.allocate(OVERHEAD + data.length).order(ByteOrder.LITTLE_ENDIAN);
    record.putLong(data.length);
    record.putInt(maskedCrc32c(record.array(), 0, 8));
    record.put(data);
    record.putInt(maskedCrc32c(data, 0, data.length));
    return record.array();
  }

  /**
   * The data of every record of {@code file}, checked.
   *
   * @throws IOException naming the file, the record and its byte offset when a record is cut
   *     short or a CRC does not match
   */
  public static List<byte[]> read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** The data of every record of {@code bytes}; {@code source} names them in messages. */
  static List<byte[]> parse(byte[] bytes, String source) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> records = new ArrayList<>();
    while (in.hasRemaining()) {
      int start = in.position();
      String where = String.format(Locale.ROOT, "%s: record %d at byte %d", source, records.size() + 1, start);
      if (in.remaining() < 12) {
        throw new IOException(where + " is cut short: " + in.remaining() + " bytes, no whole header");
      }
      long length = in.getLong();
      checkCrc(where, "length", maskedCrc32c(bytes, start, 8), in.getInt());
      if (length < 0 || length > in.remaining() - 4) {
        throw new IOException(where + " is cut short: its length is " + Long.toUnsignedString(length)
            + ", " + Math.max(0, in.remaining() - 4) + " data bytes follow");
      }
      byte[] data = new byte[(int) length];
      in.get(data);
      checkCrc(where, "data", maskedCrc32c(data, 0, data.length), in.getInt());
      records.add(data);
    }
    return records;
  }

  private static void checkCrc(String where, String what, int computed, int stored)
      throws IOException {
    if (computed != stored) {
      throw new IOException(String.format(Locale.ROOT,
          "%s: %s CRC is 0x%08x, the bytes give 0x%08x (damaged file)", where, what, stored, computed));
    }
  }

  /** The masked CRC32C (Castagnoli) of {@code length} bytes of {@code bytes} from {@code offset}. */
  static int maskedCrc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return mask((int) crc.getValue());
  }

  /** TFRecord's mask: rotate right by 15 bits, add a constant. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
