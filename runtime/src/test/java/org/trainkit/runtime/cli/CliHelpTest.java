package org.trainkit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trainkit.runtime.testing.PointsTrainerMain;

/** What the command line prints about itself: help that fits each command, and the version. */
class CliHelpTest {

  private static final List<String> TRAINING_OPTIONS = List.of(
      "--iterations", "--training-type", "--batch-size", "--learning-rate", "--optimizer", "--seed");

  /** Runs the command line, returning what it printed on stdout; asserts exit code 0. */
  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = PointsTrainerMain.run(args);
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    return printed;
  }

  @Test
  void versionNamesTheProgramAndTheVersionsItWasBuiltWith() {
    String version = run("--version").trim();
    assertTrue(version.matches("points \\(trainkit \\d+\\.\\d+\\.\\d+[^,]*, DJL \\d+\\.\\d+\\.\\d+,"
        + " PyTorch \\d+\\.\\d+\\.\\d+\\)"), version);
    assertEquals(version, run("train", "--version").trim());
  }

  @Test
  void evaluateListsOnlyItsOwnOptions() {
    String evaluate = run("evaluate", "--help");
    String train = run("train", "--help");
    for (String option : TRAINING_OPTIONS) {
      assertFalse(evaluate.contains(option), option + " in:\n" + evaluate);
      assertTrue(train.contains(option), option + " missing from:\n" + train);
    }
    for (String option : List.of("--run", "--data", "--config", "--set", "--device", "--workers")) {
      assertTrue(evaluate.contains(option), option + " missing from:\n" + evaluate);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "train", "evaluate", "compare", "report"})
  void helpNeverBreaksANumberAcrossLines(String command) {
    String help = command.isEmpty() ? run("--help") : run(command, "--help");
    String[] lines = help.split("\\R");
    for (int i = 0; i + 1 < lines.length; i++) {
      String end = lines[i].stripTrailing();
      String next = lines[i + 1].strip();
      boolean broken = !end.isEmpty() && !next.isEmpty()
          && (Character.isDigit(end.charAt(end.length() - 1)) || end.endsWith("."))
          && Character.isDigit(next.charAt(0));
      assertFalse(broken, "a number broken across lines " + (i + 1) + "-" + (i + 2) + ":\n" + help);
    }
  }
}
