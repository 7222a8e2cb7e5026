package org.trainkit.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild a run's curves and report.html from its files (also while it runs).")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Parameters(paramLabel = "RUN_DIR") Path run;

  @Override
  public Integer call() throws IOException {
    RunDirectory runDirectory = RunDirectory.at(run);
    if (!Files.isRegularFile(runDirectory.history())
        && !Files.isRegularFile(runDirectory.metricsJsonl())) {
      throw new UsageError(run + " is not a run directory (no " + RunDirectory.HISTORY + " or "
          + RunDirectory.METRICS_JSONL + ")");
    }
    System.out.println(RunReport.write(run));
    return 0;
  }
}
