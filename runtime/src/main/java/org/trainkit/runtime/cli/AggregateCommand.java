package org.trainkit.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trainkit.runtime.sweep.SweepLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = "Rebuild a sweep's sweep.csv, sweep.md and sweep.html from its run directories.")
final class AggregateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(paramLabel = "SWEEP_DIR") Path dir;

  @Override
  public Integer call() throws IOException {
    SweepLayout layout = SweepLayout.at(dir);
    if (!layout.holdsSweep()) {
      throw new UsageError(dir + " is not a sweep directory (no " + SweepLayout.PLAN + ")");
    }
    SweepCommand.writeTables(layout, spec.commandLine().getOut());
    return 0;
  }

}
