package org.trainkit.runtime.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.trainkit.runtime.io.RunDirectory;

/**
 * The checkpoints of a run directory: {@code checkpoints/last} (with {@code previous}, the one
 * before it) and {@code checkpoints/best}.
 *
 * <p>A checkpoint is written whole into a temporary directory, synced, checked, and only then
 * renamed into place, so a crash at any moment leaves every named checkpoint complete. Each
 * holds a {@code manifest.json} with every file's size and CRC32; reading verifies them, so a
 * damaged file is named instead of loaded.
 */
public final class CheckpointStore {

  /** Writes a checkpoint's files into a directory. */
  @FunctionalInterface
  public interface Contents {
    void writeTo(Path directory) throws IOException;
  }

  public static final String LAST = "last";
  public static final String PREVIOUS = "previous";
  public static final String BEST = "best";
  private static final String MANIFEST = "manifest.json";
  /** Where {@link #saveBest} keeps the best it replaces until the new one is in place. */
  private static final String OLD_BEST = ".old-best";
  /** Prefix of a checkpoint renamed aside to be deleted; never read. */
  private static final String DISCARD_PREFIX = ".discard-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public CheckpointStore(Path runDirectory) {
    this.root = RunDirectory.at(runDirectory).checkpoints();
  }

  public Path directory(String name) {
    return root.resolve(name);
  }

  /** True when the run directory holds any checkpoint. */
  public boolean exists() {
    return Files.isDirectory(directory(LAST))
        || Files.isDirectory(directory(PREVIOUS))
        || Files.isDirectory(directory(BEST));
  }

  /**
   * Writes {@code last}, keeping the one it replaces as {@code previous}, so that a damaged
   * {@code last} still leaves a checkpoint to resume from.
   *
   * <p>Every step is a rename of a whole directory, so at any instant (a kill -9 included)
   * {@code last} and {@code previous} are each either absent or complete; {@code last} is
   * absent only between two renames, and then {@code previous} holds the newest complete
   * checkpoint. The replaced {@code previous} is renamed aside before it is deleted, so it is
   * never seen half deleted.
   */
  public void saveLast(Contents contents) throws IOException {
    Path staged = stage(contents);
    Path last = directory(LAST);
    Path previous = directory(PREVIOUS);
    Path discard = root.resolve(DISCARD_PREFIX + PREVIOUS);
    try {
      deleteRecursively(discard);
      if (Files.isDirectory(last)) {
        if (Files.isDirectory(previous)) {
          Files.move(previous, discard, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(last, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, last, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(staged);
      throw e;
    }
    syncDirectory(root);
    deleteRecursively(discard);
  }

  /** Writes {@code best}, replacing the one before. */
  public void saveBest(Contents contents) throws IOException {
    Path staged = stage(contents);
    Path best = directory(BEST);
    Path old = root.resolve(OLD_BEST);
    try {
      deleteRecursively(old);
      if (Files.isDirectory(best)) {
        Files.move(best, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, best, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(staged);
      throw e;
    }
    syncDirectory(root);
    deleteRecursively(old);
  }

  /**
   * Moves a damaged {@code last} out of the way (to {@code last.damaged}, kept for inspection),
   * so that the next {@link #saveLast} keeps the intact {@code previous} it resumed from rather
   * than demoting the damaged one to {@code previous}.
   *
   * @return where the damaged checkpoint now is, or empty when there was no {@code last}
   */
  public Optional<Path> setAsideLast() throws IOException {
    Path last = directory(LAST);
    if (!Files.isDirectory(last)) {
      return Optional.empty();
    }
    Path aside = root.resolve(LAST + ".damaged");
    deleteRecursively(aside);
    Files.move(last, aside, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(root);
    return Optional.of(aside);
  }

  /**
   * The newest complete checkpoint to resume from: {@code last}, or {@code previous} when
   * {@code last} is missing or damaged.
   *
   * @throws IOException when neither is usable; the message says what is wrong with each
   */
  public Path resumable() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String name : List.of(LAST, PREVIOUS)) {
      Path dir = directory(name);
      if (!Files.isDirectory(dir)) {
        problems.add(dir + ": missing");
        continue;
      }
      try {
        verify(dir);
        return dir;
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    throw new IOException("no complete checkpoint to resume from: " + String.join("; ", problems));
  }

  /** The best checkpoint, if one was written and is intact. */
  public Optional<Path> best() throws IOException {
    Path dir = directory(BEST);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    verify(dir);
    return Optional.of(dir);
  }

  /** Checks every file of a checkpoint against its manifest; the message names the bad file. */
  public static void verify(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestFile.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IOException(manifestFile + ": missing (not a trainkit checkpoint?)");
    } catch (IOException e) {
      throw new IOException(manifestFile + ": unreadable: " + e.getMessage());
    }
    JsonNode files = manifest.path("files");
    if (!files.isObject() || files.isEmpty()) {
      throw new IOException(manifestFile + ": lists no files");
    }
    for (var entry : files.properties()) {
      Path file = dir.resolve(entry.getKey());
      if (!Files.isRegularFile(file)) {
        throw new IOException(file + ": missing from the checkpoint");
      }
      long size = Files.size(file);
      long expectedSize = entry.getValue().path("size").asLong(-1);
      if (size != expectedSize) {
        throw new IOException(
            file + ": " + size + " bytes where " + expectedSize + " were written (truncated?)");
      }
      if (crc(file) != entry.getValue().path("crc32").asLong(-1)) {
        throw new IOException(file + ": contents damaged (checksum does not match)");
      }
    }
  }

  private Path stage(Contents contents) throws IOException {
    Files.createDirectories(root);
    Path staged = Files.createTempDirectory(root, ".staging-");
    try {
      contents.writeTo(staged);
      ObjectNode manifest = JSON.createObjectNode();
      ObjectNode files = manifest.putObject("files");
      for (Path file : list(staged)) {
        sync(file);
        ObjectNode entry = files.putObject(staged.relativize(file).toString());
        entry.put("size", Files.size(file));
        entry.put("crc32", crc(file));
      }
      Files.write(staged.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      sync(staged.resolve(MANIFEST));
      syncDirectory(staged);
      return staged;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(staged);
      throw e;
    }
  }

  /**
   * Repairs what a crash (or kill -9) can leave behind: puts back a {@code best} that was renamed
   * aside while its replacement was being moved in, and removes staging and discarded
   * directories. Call before a run writes to the directory again.
   */
  public void removeLeftovers() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    Path old = root.resolve(OLD_BEST);
    if (Files.isDirectory(old) && !Files.isDirectory(directory(BEST))) {
      Files.move(old, directory(BEST), StandardCopyOption.ATOMIC_MOVE);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*")) {
      for (Path p : entries) {
        deleteRecursively(p);
      }
    }
    syncDirectory(root);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every file system can sync a directory; the rename is still atomic
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
