package org.trainkit.benchmarks.loop;

import java.util.Map;
import java.util.TreeMap;

/**
 * The aten operators one training step dispatched, as libtorch's profiler counted them (the same
 * count for the Java contenders, through DJL's JNI, and for PyTorch, through Python).
 *
 * @param all every {@code aten::} event a step, nested ones included (e.g. {@code aten::linear}
 *     and the {@code aten::addmm} inside it count 2)
 * @param topLevel those not inside another aten op: the ops the front end (JNI or Python) or the
 *     autograd engine asked for
 * @param topLevelByName {@code topLevel} by operator name
 */
public record AtenOps(double all, double topLevel, Map<String, Double> topLevelByName) {

  public AtenOps {
    topLevelByName = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(topLevelByName));
  }
}
