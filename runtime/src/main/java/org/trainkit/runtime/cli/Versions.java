package org.trainkit.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints: the program, and the trainkit, DJL and PyTorch versions it was
 * built with (written into {@code version.properties} by the build).
 */
final class Versions implements CommandLine.IVersionProvider {

  private final String program;

  Versions(String program) {
    this.program = program;
  }

  @Override
  public String[] getVersion() {
    Properties versions = load();
    return new String[] {
      program + " (trainkit " + versions.getProperty("trainkit") + ", DJL " + versions.getProperty("djl")
          + ", PyTorch " + versions.getProperty("pytorch") + ")"
    };
  }

  /** The versions the build wrote. */
  static Properties load() {
    Properties versions = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/org/trainkit/runtime/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from trainkit-runtime");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }
}
