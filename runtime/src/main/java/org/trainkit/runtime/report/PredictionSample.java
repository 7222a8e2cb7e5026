package org.trainkit.runtime.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

/**
 * A sample of saved predictions for a report, read from {@code outputs/<split>-<iteration>.tsv}
 * (iteration zero-padded, or {@code best}) whose header names at least the columns {@code
 * target} and {@code prediction}, and usually {@code index} and {@code loss}. Target and
 * prediction are opaque text; a row is an error when they differ.
 *
 * <p>The sample holds errors first, highest loss first, then correct rows in file order. The
 * file is streamed once, keeping only the rows shown, so a large dev set costs little memory.
 */
final class PredictionSample {

  /** The folder of saved outputs, inside the run directory. */

  private static final Pattern NAME = Pattern.compile("(train|dev|test)-(best|\\d+)\\.tsv");

  /** One shown row; {@code order} is its position in the file. */
  record Row(long order, String index, String target, String prediction, double loss) {

    boolean error() {
      return !target.equals(prediction);
    }
  }

  /**
   * The sample of one file.
   *
   * @param rows at most the limit asked for, errors first
   * @param total data rows in the file
   * @param errors rows whose target and prediction differ
   * @param malformed rows with too few columns, skipped
   */
  record Sample(Path file, List<Row> rows, long total, long errors, long malformed) {}

  /**
   * The outputs file a report shows: {@code test-best}, else dev at the best iteration, else the
   * latest dev, else the latest train file; empty when there is none.
   */
  static Optional<Path> choose(Path runDirectory, OptionalInt bestIteration) throws IOException {
    Path dir = RunDirectory.at(runDirectory).outputs();
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList();
    } catch (IOException e) {
      throw Json.cannot("list", dir, e);
    }
    return files.stream().max(Comparator.comparingLong(p -> rank(p, bestIteration)));
  }

  /** Higher is preferred; see {@link #choose}. */
  private static long rank(Path file, OptionalInt bestIteration) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    m.matches();
    String split = m.group(1);
    boolean best = m.group(2).equals("best");
    long iteration = best ? Long.MAX_VALUE / 8 : parse(m.group(2));
    boolean atBest =
        best || (bestIteration.isPresent() && iteration == bestIteration.getAsInt());
    long splitRank = switch (split) {
      case "test" -> 3;
      case "dev" -> 2;
      default -> 1;
    };
    // Test at best, then dev at best, then the latest iteration of a split.
    long tier = atBest ? splitRank + 3 : splitRank;
    return tier * (Long.MAX_VALUE / 8) + Math.min(iteration, Long.MAX_VALUE / 8 - 1);
  }

  private static long parse(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0; // more digits than a long holds: not a file the trainer wrote
    }
  }

  /**
   * Reads a sample of at most {@code limit} rows.
   *
   * @throws IOException naming the file when it cannot be read or its header has no {@code
   *     target} or {@code prediction} column
   */
  static Sample read(Path file, int limit) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new BadFile(
            file, "empty; expected a header index<TAB>target<TAB>prediction<TAB>loss");
      }
      List<String> columns = List.of(header.split("\t", -1));
      int target = columns.indexOf("target");
      int prediction = columns.indexOf("prediction");
      int index = columns.indexOf("index");
      int loss = columns.indexOf("loss");
      if (target < 0 || prediction < 0) {
        throw new BadFile(file, "line 1: the header has no target or prediction column: " + header);
      }
      int needed = Math.max(target, prediction) + 1;
      // The worst errors seen so far, cheapest at the head so it can be dropped.
      PriorityQueue<Row> worst = new PriorityQueue<>(errorOrder().reversed());
      List<Row> correct = new ArrayList<>();
      long total = 0;
      long errors = 0;
      long malformed = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length < needed) {
          malformed++;
          continue;
        }
        Row row = new Row(
            total,
            index >= 0 && index < cells.length ? cells[index] : Long.toString(total),
            cells[target],
            cells[prediction],
            loss >= 0 && loss < cells.length ? number(cells[loss]) : Double.NaN);
        total++;
        if (row.error()) {
          errors++;
          worst.add(row);
          if (worst.size() > limit) {
            worst.poll();
          }
        } else if (correct.size() < limit) {
          correct.add(row);
        }
      }
      List<Row> rows = new ArrayList<>(worst);
      rows.sort(errorOrder());
      for (Row row : correct) {
        if (rows.size() >= limit) {
          break;
        }
        rows.add(row);
      }
      return new Sample(file, rows, total, errors, malformed);
    } catch (BadFile e) {
      throw e;
    } catch (IOException e) {
      throw Json.cannot("read", file, e);
    }
  }

  /** The content is wrong (as opposed to the file being unreadable); the message names it. */
  private static final class BadFile extends IOException {
    private static final long serialVersionUID = 1L;

    BadFile(Path file, String message) {
      super(file + ": " + message);
    }
  }

  /** Highest loss first (an absent loss counts as lowest), then file order. */
  private static Comparator<Row> errorOrder() {
    return Comparator.<Row>comparingDouble(
            r -> Double.isNaN(r.loss()) ? Double.POSITIVE_INFINITY : -r.loss())
        .thenComparingLong(Row::order);
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
