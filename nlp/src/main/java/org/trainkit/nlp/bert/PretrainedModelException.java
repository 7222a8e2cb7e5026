package org.trainkit.nlp.bert;

import java.nio.file.Path;
import org.trainkit.runtime.InputError;

/**
 * A pretrained model directory or one of its files cannot be used: the message names the file
 * and says what was expected. Thrown before anything is written, so a command can report it and
 * exit with the usage code.
 */
public final class PretrainedModelException extends RuntimeException implements InputError {

  private final Path file;

  public PretrainedModelException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public PretrainedModelException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file (or directory) at fault. */
  public Path file() {
    return file;
  }
}
