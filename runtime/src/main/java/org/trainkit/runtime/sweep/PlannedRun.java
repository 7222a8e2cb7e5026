package org.trainkit.runtime.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: a grid point and a seed.
 *
 * @param name the run directory's name, e.g. {@code learningRate=0.01_batchSize=16_seed=1}
 * @param point the grid point's name, shared by its seeds, e.g. {@code learningRate=0.01_batchSize=16}
 * @param settings the grid's keys and this point's values, in grid order
 * @param seed the run seed
 */
public record PlannedRun(String name, String point, Map<String, String> settings, long seed) {

  public PlannedRun {
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The config overrides that make this run: the point's settings, then the seed. */
  public Map<String, String> overrides() {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("seed", Long.toString(seed));
    return all;
  }
}
