package org.trainkit.runtime.io;

/** Command lines printed for a person to run again (resume hints, provenance, sweep commands). */
public final class ShellWords {

  private ShellWords() {}

  /** {@code word} as a POSIX shell reads it back: bare when safe, else in single quotes. */
  public static String quote(String word) {
    return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
