package org.trainkit.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The offsets of a data file's items, with the file's size, time and SHA-256, in a file that is
 * memory-mapped rather than read into the heap (20 million items would be 320 MB).
 *
 * <p>Built in one sequential pass that splits ({@link BoundaryScan}) and hashes the file; reused
 * while the file's size and modification time, and the split, are those it was built for, and
 * rebuilt when they change. Written to a temporary file and renamed into place, so two runs
 * indexing the same file at once each leave a whole index, and a reader never sees half of one.
 *
 * <p>Layout: a {@value #HEADER_BYTES}-byte header (magic, size, time, SHA-256, item count, split
 * key), then per item its first byte's offset and its first line's number, as big-endian longs.
 */
final class DatasetIndex {

  private static final byte[] MAGIC = "TKINDEX1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = 512;
  private static final int MAX_KEY_BYTES = HEADER_BYTES - 72;
  private static final int ENTRY_BYTES = 16;
  /** Items per mapped chunk: one mapping may not exceed 2 GB. */
  private static final int CHUNK_ITEMS = 1 << 26;

  private final Path location;
  private final FileFingerprint fingerprint;
  private final int count;
  private final List<MappedByteBuffer> chunks;
  private final boolean built;

  private DatasetIndex(Path location, FileFingerprint fingerprint, int count,
      List<MappedByteBuffer> chunks, boolean built) {
    this.location = location;
    this.fingerprint = fingerprint;
    this.count = count;
    this.chunks = chunks;
    this.built = built;
  }

  /** The index of {@code file} split by {@code split}: an existing one when it is current, else a new one. */
  static DatasetIndex openOrBuild(Path file, ItemSplit split)
      throws IOException {
    Path beside = IndexLocation.besideFile(file, split);
    Path cached = IndexLocation.inCache(file, split);
    for (Path candidate : List.of(beside, cached)) {
      DatasetIndex existing = openIfCurrent(candidate, file, split);
      if (existing != null) {
        return existing;
      }
    }
    Path written = null;
    try {
      if (IndexLocation.besideAllowed()) {
        written = build(file, split, beside);
      }
    } catch (AccessDeniedException | NoSuchFileException e) {
      written = null;
    } catch (FileSystemException e) {
      if (!isReadOnly(e)) {
        throw e;
      }
      written = null;
    }
    if (written == null) {
      Files.createDirectories(cached.getParent());
      written = build(file, split, cached);
    }
    DatasetIndex index = openIfCurrent(written, file, split);
    if (index == null) {
      throw new IOException(file + " changed while it was being indexed; run again when it no longer changes");
    }
    return new DatasetIndex(index.location, index.fingerprint, index.count, index.chunks, true);
  }

  private static boolean isReadOnly(FileSystemException e) {
    return e.getMessage() != null && e.getMessage().contains("Read-only file system");
  }

  /** Where the index lies. */
  Path location() {
    return location;
  }

  /** Whether this call built the index (rather than reusing one). */
  boolean built() {
    return built;
  }

  FileFingerprint fingerprint() {
    return fingerprint;
  }

  int size() {
    return count;
  }

  /** Offset of item {@code i}'s first byte. */
  long offset(int i) {
    return entry(i, 0);
  }

  /** 1-based number of item {@code i}'s first line. */
  long firstLine(int i) {
    return entry(i, 8);
  }

  /** Offset just past the bytes item {@code i} may span: the next item's start, or the file's end. */
  long end(int i) {
    return i + 1 < count ? offset(i + 1) : fingerprint.size();
  }

  private long entry(int i, int field) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("item " + i + " of " + count);
    }
    return chunks.get(i / CHUNK_ITEMS).getLong((i % CHUNK_ITEMS) * ENTRY_BYTES + field);
  }

  /**
   * Splits and hashes {@code file} ({@link BoundaryScan}: in large blocks, hashing on a second
   * thread) into a temporary file next to {@code target}, then renames it into place. Items are
   * not parsed here: {@link ParseCheck} parses those a run does not read anyway before it trains.
   */
  private static Path build(Path file, ItemSplit split, Path target) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      long size = Files.size(file);
      long modified = Files.getLastModifiedTime(file).toMillis();
      long[] count = new long[1];
      byte[] sha256;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer entries = ByteBuffer.allocate(1 << 20);
        long[] position = {HEADER_BYTES};
        sha256 = BoundaryScan.scan(file, split, (offset, line) -> {
          if (!entries.hasRemaining()) {
            position[0] += drain(entries, out, position[0]);
          }
          entries.putLong(offset).putLong(line);
          count[0]++;
        }, BoundaryScan.BLOCK_BYTES);
        drain(entries, out, position[0]);
      }
      if (count[0] > Integer.MAX_VALUE) {
        throw new IOException(file + " holds " + count[0] + " items; at most " + Integer.MAX_VALUE
            + " are supported; split it into several files");
      }
      if (Files.size(file) != size || Files.getLastModifiedTime(file).toMillis() != modified) {
        throw new IOException(file + " changed while it was being indexed; run again when it no longer changes");
      }
      writeHeader(temp, size, modified, sha256, (int) count[0], split);
      readableByAll(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes {@code entries} at {@code position} of {@code out}; returns the bytes written. */
  private static int drain(ByteBuffer entries, FileChannel out, long position) throws IOException {
    entries.flip();
    int bytes = entries.remaining();
    long at = position;
    while (entries.hasRemaining()) {
      at += out.write(entries, at);
    }
    entries.clear();
    return bytes;
  }

  /** Other users reading the same corpus reuse the index (a temporary file is private). */
  private static void readableByAll(Path temp) {
    try {
      Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system, or not allowed: the index stays private, which only costs sharing
    }
  }

  private static void writeHeader(Path temp, long size, long modified, byte[] sha256, int count,
      ItemSplit split) throws IOException {
    byte[] key = split.key().getBytes(StandardCharsets.UTF_8);
    if (key.length > MAX_KEY_BYTES) {
      throw new IOException("split too long to record in an index: " + split.key());
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putLong(size).putLong(modified).put(sha256).putInt(count)
        .putInt(key.length).put(key);
    header.rewind(); // all of it: the entries start after HEADER_BYTES, and an index may hold none
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(true);
    }
  }

  /** The index at {@code location} when it exists, is whole, and was built for {@code file} as it is now; else null. */
  private static DatasetIndex openIfCurrent(Path location, Path file, ItemSplit split) throws IOException {
    if (!Files.isRegularFile(location) || !Files.isReadable(location)) {
      return null; // none, or another user's that this one may not read: build one of its own
    }
    try (FileChannel channel = FileChannel.open(location, StandardOpenOption.READ)) {
      if (channel.size() < HEADER_BYTES) {
        return null;
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
        // read the whole header
      }
      header.flip();
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      long size = header.getLong();
      long modified = header.getLong();
      byte[] sha256 = new byte[32];
      header.get(sha256);
      int count = header.getInt();
      int keyLength = header.getInt();
      if (!java.util.Arrays.equals(magic, MAGIC) || keyLength < 0 || keyLength > MAX_KEY_BYTES) {
        return null;
      }
      byte[] key = new byte[keyLength];
      header.get(key);
      if (!new String(key, StandardCharsets.UTF_8).equals(split.key())
          || size != Files.size(file)
          || modified != Files.getLastModifiedTime(file).toMillis()
          || channel.size() != HEADER_BYTES + (long) count * ENTRY_BYTES) {
        return null;
      }
      List<MappedByteBuffer> chunks = new ArrayList<>();
      for (long first = 0; first < count; first += CHUNK_ITEMS) {
        long items = Math.min(CHUNK_ITEMS, count - first);
        chunks.add(channel.map(FileChannel.MapMode.READ_ONLY,
            HEADER_BYTES + first * ENTRY_BYTES, items * ENTRY_BYTES));
      }
      FileFingerprint fingerprint =
          new FileFingerprint(file, size, modified, HexFormat.of().formatHex(sha256));
      return new DatasetIndex(location, fingerprint, count, List.copyOf(chunks), false);
    }
  }

}
