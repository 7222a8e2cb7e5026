package org.trainkit.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.trainkit.runtime.report.CompareRuns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Print the best metrics of runs side by side; --html writes their curves overlaid.")
final class CompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(arity = "1..*", paramLabel = "RUN_DIR") List<Path> runs;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML page.")
  Path html;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    runs.forEach(r -> args.add(r.toString()));
    if (html != null) {
      args.add("--html");
      args.add(html.toString());
    }
    return CompareRuns.run(System.out, System.err, args.toArray(new String[0]));
  }
}
