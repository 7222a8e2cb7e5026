package org.trainkit.runtime.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;

/**
 * Where the index of a data file lives: next to the file (hidden, named after it) when that
 * folder is writable, else in the cache folder — {@code ~/.cache/trainkit/index}, or the folder
 * the system property {@value #CACHE_PROPERTY} names — under a name derived from the file's
 * absolute path and the split, so that every run reading the same file shares one index.
 */
final class IndexLocation {

  /** System property naming the cache root (the index goes into its {@code index} folder). */
  static final String CACHE_PROPERTY = "trainkit.cache.dir";

  /**
   * System property: {@code false} keeps indexes out of the data folders, in the cache only
   * (for corpora shared read-only, and for tests: root can write into any folder).
   */
  static final String BESIDE_PROPERTY = "trainkit.index.beside";

  private static final String SUFFIX = ".trainkit-index";

  private IndexLocation() {}

  /** The index's path next to {@code file}. */
  static Path besideFile(Path file, ItemSplit split) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.resolveSibling("." + absolute.getFileName() + "." + shortHash(split.key()) + SUFFIX);
  }

  /** The index's path in the cache folder. */
  static Path inCache(Path file, ItemSplit split) {
    Path absolute = file.toAbsolutePath().normalize();
    String name = shortHash(absolute + "\n" + split.key()) + "-" + absolute.getFileName() + SUFFIX;
    return cacheRoot().resolve("index").resolve(name);
  }

  static boolean besideAllowed() {
    return !"false".equalsIgnoreCase(System.getProperty(BESIDE_PROPERTY));
  }

  static Path cacheRoot() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "trainkit");
  }

  private static String shortHash(String text) {
    MessageDigest digest = FileFingerprint.newDigest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return FileFingerprint.hex(digest).substring(0, 16);
  }
}
