package org.trainkit.runtime.cli;

import org.trainkit.runtime.provenance.Versions;
import picocli.CommandLine;

/**
 * What {@code --version} prints: the program, and the trainkit, DJL and PyTorch versions it was
 * built with — without loading the native library, so it answers at once.
 */
final class VersionOption implements CommandLine.IVersionProvider {

  private final String program;

  VersionOption(String program) {
    this.program = program;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      program + " (trainkit " + Versions.trainkit() + ", DJL " + Versions.builtDjl()
          + ", PyTorch " + Versions.builtPyTorch() + ")"
    };
  }
}
