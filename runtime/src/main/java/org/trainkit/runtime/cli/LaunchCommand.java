package org.trainkit.runtime.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command that started this program, up to the command-line arguments trainkit parses — so
 * that a hint such as "to continue, run: ..." prints a command the user can paste: {@code java
 * -Dai.djl.offline=true -jar app.jar train ... --resume}, not the run's name.
 */
final class LaunchCommand {

  private LaunchCommand() {}

  /**
   * The words before {@code cliArgs}: the JVM's own command line where the system tells it (all
   * its options kept), else {@code java -jar JAR} or {@code java -cp CLASSPATH MAIN} from the
   * JVM's properties.
   */
  static List<String> prefix(String[] cliArgs) {
    return fromProcess(cliArgs).orElseGet(() -> fromProperties(cliArgs));
  }

  private static Optional<List<String>> fromProcess(String[] cliArgs) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      return Optional.empty();
    }
    List<String> arguments = Arrays.asList(info.arguments().get());
    int before = arguments.size() - cliArgs.length;
    if (before < 1 || !arguments.subList(before, arguments.size()).equals(Arrays.asList(cliArgs))) {
      return Optional.empty(); // not launched for these arguments (embedded in another program)
    }
    List<String> words = new ArrayList<>();
    words.add(info.command().get());
    words.addAll(arguments.subList(0, before));
    return Optional.of(words);
  }

  private static List<String> fromProperties(String[] cliArgs) {
    String launched = System.getProperty("sun.java.command", "").trim();
    List<String> words = new ArrayList<>(List.of("java"));
    if (launched.isEmpty()) {
      words.add("...");
      return words;
    }
    List<String> tokens = Arrays.asList(launched.split(" "));
    String main = tokens.get(0);
    if (main.endsWith(".jar")) {
      words.addAll(List.of("-jar", main));
    } else {
      words.addAll(List.of("-cp", System.getProperty("java.class.path", "."), main));
    }
    // words between the main class and trainkit's arguments (a dispatcher's sub-command)
    int end = tokens.size() - cliArgs.length;
    if (end > 1 && String.join(" ", tokens.subList(end, tokens.size())).equals(String.join(" ", cliArgs))) {
      words.addAll(tokens.subList(1, end));
    }
    return words;
  }
}
