package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * {@link EpochOrder#of}'s permutation, drawn into a memory-mapped temporary file instead of an
 * {@code int[]}: the same random numbers in the same order, so bit for bit the same visit order,
 * but 20 million items cost 80 MB of page cache rather than 80 MB of heap. The file is deleted
 * as soon as it is mapped; the mapping lives until it is garbage-collected.
 */
final class MappedShuffle implements VisitOrder {

  /** Ints per mapped chunk: one mapping may not exceed 2 GB. */
  private static final int CHUNK_INTS = 1 << 28;

  private final int size;
  private final MappedByteBuffer[] chunks;

  private MappedShuffle(int size, MappedByteBuffer[] chunks) {
    this.size = size;
    this.chunks = chunks;
  }

  static MappedShuffle draw(int size, long seed, int epoch) {
    Path folder = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Path file = Files.createTempFile(folder, "trainkit-order-", ".bin");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        int chunkCount = (int) (((long) size + CHUNK_INTS - 1) / CHUNK_INTS);
        MappedByteBuffer[] chunks = new MappedByteBuffer[Math.max(chunkCount, 0)];
        for (int c = 0; c < chunkCount; c++) {
          long ints = Math.min(CHUNK_INTS, (long) size - (long) c * CHUNK_INTS);
          chunks[c] = channel.map(FileChannel.MapMode.READ_WRITE, (long) c * CHUNK_INTS * 4, ints * 4);
        }
        MappedShuffle order = new MappedShuffle(size, chunks);
        order.shuffle(seed, epoch);
        return order;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the epoch order under " + folder, e);
    }
  }

  /** Exactly EpochOrder.of's loop, on the mapped ints. */
  private void shuffle(long seed, int epoch) {
    for (int i = 0; i < size; i++) {
      set(i, i);
    }
    Random random = new Random(EpochOrder.randomSeed(seed, epoch));
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = at(i);
      set(i, at(j));
      set(j, t);
    }
  }

  private void set(int position, int value) {
    chunks[position / CHUNK_INTS].putInt((position % CHUNK_INTS) * 4, value);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int at(int position) {
    if (position < 0 || position >= size) {
      throw new IndexOutOfBoundsException(position);
    }
    return chunks[position / CHUNK_INTS].getInt((position % CHUNK_INTS) * 4);
  }
}
