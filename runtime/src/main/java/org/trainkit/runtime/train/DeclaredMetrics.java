package org.trainkit.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.NearestName;

/**
 * The metric names a component declares ({@link MetricsComputer#names}), checked before the first
 * step: no name twice, none of the loop's own, and a {@code monitor} that names one of them — so
 * a typo fails at once, with a suggestion, instead of after an epoch with a half-made run.
 */
final class DeclaredMetrics {

  /** Names the loop itself reports. */
  static final Set<String> LOOP_NAMES = Set.of("loss", "train_loss", "dev_loss");

  private static final String FAMILY = "/*";

  /** Plain names and family prefixes ({@code f1/}), each with the computer that declared it. */
  private final Map<String, MetricsComputer<?>> names;
  private final Map<String, MetricsComputer<?>> families;

  private DeclaredMetrics(
      Map<String, MetricsComputer<?>> names, Map<String, MetricsComputer<?>> families) {
    this.names = names;
    this.families = families;
  }

  /**
   * The names {@code computers} declare.
   *
   * @throws TrainingException when a name is declared twice, or is one of the loop's own
   */
  static DeclaredMetrics of(List<? extends MetricsComputer<?>> computers) {
    Map<String, MetricsComputer<?>> names = new LinkedHashMap<>();
    Map<String, MetricsComputer<?>> families = new LinkedHashMap<>();
    for (MetricsComputer<?> computer : computers) {
      for (String name : computer.names()) {
        if (LOOP_NAMES.contains(name)) {
          throw new TrainingException("metric '" + name + "' of " + describe(computer)
              + " is named like the loop's own losses (dev_loss, loss, train_loss);"
              + " give it another name");
        }
        boolean family = name.endsWith(FAMILY);
        String key = family ? name.substring(0, name.length() - 1) : name;
        MetricsComputer<?> first = (family ? families : names).putIfAbsent(key, computer);
        if (first != null) {
          throw new TrainingException("metric '" + name + "' is declared by " + describe(first)
              + (first == computer ? " twice" : " and by " + describe(computer))
              + "; two metrics of one name would overwrite each other: rename one");
        }
      }
    }
    return new DeclaredMetrics(names, families);
  }

  /**
   * Checks that {@code monitor} is {@code train_loss}, {@code dev_loss}, a declared name or a
   * member of a declared family.
   *
   * @throws ConfigException naming field {@code monitor}, with the nearest name as a suggestion
   */
  void requireMonitorable(String monitor) {
    if (monitor.equals("train_loss") || monitor.equals("dev_loss") || covers(monitor)) {
      return;
    }
    List<String> known = new ArrayList<>(List.of("train_loss", "dev_loss"));
    known.addAll(names.keySet());
    families.keySet().forEach(prefix -> known.add(prefix + "*"));
    String hint = NearestName.among(monitor, known)
        .map(nearest -> "; did you mean '" + nearest + "'?")
        .orElse("; the metrics are " + String.join(", ", known));
    throw new ConfigException("monitor", "monitor: '" + monitor + "' names no metric" + hint);
  }

  /**
   * Checks one {@link MetricsComputer#compute} result against what the computer declared.
   *
   * @throws TrainingException on a name it did not declare, or a plain name it left out
   */
  static void requireDeclared(MetricsComputer<?> computer, Map<String, Double> values) {
    DeclaredMetrics declared = of(List.of(computer));
    for (String name : values.keySet()) {
      if (!declared.covers(name)) {
        throw new TrainingException(describe(computer) + " computed '" + name
            + "', which its names() does not declare; add it to names()");
      }
    }
    for (String name : declared.names.keySet()) {
      if (!values.containsKey(name)) {
        throw new TrainingException(describe(computer) + " declares '" + name
            + "' in names() but did not compute it");
      }
    }
  }

  private boolean covers(String name) {
    if (names.containsKey(name)) {
      return true;
    }
    int slash = name.indexOf('/');
    return slash > 0 && families.containsKey(name.substring(0, slash + 1));
  }

  /**
   * The computer as its author knows it, for messages only: the metric an averaged computer
   * wraps, the class an anonymous one was written in, else its class.
   */
  private static String describe(MetricsComputer<?> computer) {
    Class<?> type = computer.getClass();
    if (type.getEnclosingClass() == MetricsComputer.class) {
      return "@Metric '" + String.join(", ", computer.names()) + "'";
    }
    if (type.isAnonymousClass() && type.getEnclosingClass() != null) {
      return "the MetricsComputer written in " + type.getEnclosingClass().getSimpleName()
          + " (names " + computer.names() + ")";
    }
    return "the MetricsComputer " + type.getName();
  }
}
