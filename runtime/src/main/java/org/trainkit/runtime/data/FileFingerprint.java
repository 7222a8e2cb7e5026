package org.trainkit.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies the contents of a data file: its size, modification time and SHA-256. A
 * dataset index is keyed by it, and a run's provenance records it for every file it read, so
 * that a file changed between two uses is noticed and named.
 *
 * @param path the file, as given
 * @param size its size in bytes
 * @param modifiedMillis its last-modified time, in milliseconds since the epoch
 * @param sha256 the SHA-256 of its bytes, as 64 lower-case hex digits
 */
public record FileFingerprint(Path path, long size, long modifiedMillis, String sha256) {

  public FileFingerprint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Reads the whole file once to hash it. */
  public static FileFingerprint of(Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return new FileFingerprint(file, size, modified, hex(digest));
  }

  /** A fresh SHA-256 digest, for a pass that hashes a file while it reads it for another reason. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The digest's value as lower-case hex; the digest is reset. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * True when the file's size and modification time still equal this fingerprint's: the cheap
   * check that tells a file has not been replaced (a changed hash with equal size and time is
   * found only by hashing again).
   */
  public boolean matchesSizeAndTime(Path file) throws IOException {
    return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modifiedMillis;
  }
}
