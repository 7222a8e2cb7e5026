package org.trainkit.runtime.sweep;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a sweep directory, by name: the one place that knows them.
 *
 * <pre>
 * sweep/
 *   sweep.yaml          the plan, written before anything runs
 *   base.yaml           the base configuration every run reads (--config of each train)
 *   runs/NAME/          one run directory per grid point and seed
 *   logs/NAME.log       each run's standard output and error
 *   logs/NAME.failed    why a run failed (its last error message)
 *   sweep.csv, .md      one row per grid point: mean ± sample standard deviation over seeds
 *   sweep.html          the table and each metric's curves per grid point
 * </pre>
 */
public final class SweepLayout {

  public static final String PLAN = "sweep.yaml";
  public static final String BASE = "base.yaml";
  public static final String RUNS = "runs";
  public static final String LOGS = "logs";
  public static final String CSV = "sweep.csv";
  public static final String MARKDOWN = "sweep.md";
  public static final String HTML = "sweep.html";

  private final Path root;

  private SweepLayout(Path root) {
    this.root = root;
  }

  public static SweepLayout at(Path root) {
    return new SweepLayout(root);
  }

  public Path root() {
    return root;
  }

  public Path plan() {
    return root.resolve(PLAN);
  }

  public Path base() {
    return root.resolve(BASE);
  }

  public Path run(String name) {
    return root.resolve(RUNS).resolve(name);
  }

  public Path log(String name) {
    return root.resolve(LOGS).resolve(name + ".log");
  }

  public Path failure(String name) {
    return root.resolve(LOGS).resolve(name + ".failed");
  }

  public Path csv() {
    return root.resolve(CSV);
  }

  public Path markdown() {
    return root.resolve(MARKDOWN);
  }

  public Path html() {
    return root.resolve(HTML);
  }

  /** True when a sweep has been planned here. */
  public boolean holdsSweep() {
    return Files.isRegularFile(plan());
  }
}
