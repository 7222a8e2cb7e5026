package org.trainkit.examples.bert;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trainkit.nlp.bert.PretrainedModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bert-tagger export --run DIR [--out DIR]}: writes a run's model as a Hugging Face
 * directory ({@code transformers}' {@code from_pretrained} loads it), by default into the run's
 * {@code export/}. Exit 0, or 2 with one message when the run has no complete checkpoint.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a run's best model (or last, when it has no best) as a Hugging Face"
        + " directory: config.json with id2label, model.safetensors, tokenizer files.")
public final class ExportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory.")
  Path run;

  @Option(names = "--out", paramLabel = "DIR", description = "Export directory (default RUN/export).")
  Path out;

  /** Runs {@code export} for the component called {@code name}; returns the exit code. */
  public static int run(String name, String... args) {
    CommandLine cli = new CommandLine(new ExportCommand());
    cli.setCommandName(name + " export");
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      return 2;
    });
    return cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
  }

  @Override
  public Integer call() {
    Path target = out != null ? out : run.resolve(RunExport.DIRECTORY);
    PrintWriter o = spec.commandLine().getOut();
    try {
      Path checkpoint = RunExport.write(run, target);
      o.println("exported " + checkpoint + " to " + target.toAbsolutePath());
      o.flush();
      return 0;
    } catch (IOException | PretrainedModelException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
  }
}
