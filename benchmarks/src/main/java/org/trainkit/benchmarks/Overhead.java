package org.trainkit.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trainkit.benchmarks.loop.DjlLoopContender;
import org.trainkit.benchmarks.loop.Workload;
import org.trainkit.runtime.loop.Seeds;
import org.trainkit.runtime.optim.Adam;
import org.trainkit.runtime.optim.GradientClipping;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * Section 1c: the fixed costs of a training step, each timed alone, many calls in a row, on
 * the workload's real parameters and batches (after a few steps of the hand-written DJL loop
 * have given every parameter a gradient). These are the pieces trainkit's step adds or does its
 * own way; forward and backward are not among them (they are the same DJL calls in (a) and (b)).
 */
final class Overhead {

  /** What one piece costs on one workload, in microseconds a call. */
  record Row(String workload, String piece, String what, Stats micros) {}

  /** A piece of the step, run once. */
  @FunctionalInterface
  private interface Piece {
    void run() throws Exception;
  }

  private final long seed;
  private final PrintStream log;

  Overhead(long seed, PrintStream log) {
    this.seed = seed;
    this.log = log;
  }

  <R> List<Row> run(Workload<R> workload, int calls, int reps) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (DjlLoopContender<R> djl = new DjlLoopContender<>(workload, seed)) {
      djl.timeSteps(5); // every parameter has a gradient now
      List<NDArray> weights = new ArrayList<>();
      for (Pair<String, Parameter> p : djl.trainer().getModel().getBlock().getParameters()) {
        if (p.getValue().requiresGradient()) {
          weights.add(p.getValue().getArray());
        }
      }
      NDManager manager = djl.trainer().getManager();
      String n = weights.size() + " parameter arrays";
      Adam adam = Adam.adam(0.9f, 0.999f, 1e-8f, 0f);
      long[] step = {0};
      NDArray loss = manager.create(1.5f);

      rows.add(time(workload, "seed", "Engine.setRandomSeed(Seeds.step(seed, step)): trainkit re-seeds before every batch",
          calls, reps, () -> Engine.getInstance().setRandomSeed(Seeds.step(seed, step[0]++))));
      rows.add(time(workload, "scope", "an empty NDScope opened and closed (trainkit opens one a step)",
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
            }
          }));
      rows.add(time(workload, "gradients", "a gradient handle per parameter (getGradient), closed with its scope: " + n,
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              for (NDArray w : weights) {
                w.getGradient();
              }
            }
          }));
      rows.add(time(workload, "guard", "the gradient guard: GradientClipping.globalNorm (a norm per array, stack, norm, 1 number read back), " + n,
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              List<NDArray> gradients = new ArrayList<>(weights.size());
              weights.forEach(w -> gradients.add(w.getGradient()));
              GradientClipping.globalNorm(gradients);
            }
          }));
      rows.add(time(workload, "loss", "the loss read back: toType(FLOAT32).toFloatArray()[0], as trainkit does",
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              loss.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            }
          }));
      rows.add(time(workload, "loss-djl", "the loss read back: getFloat(), as (b) does",
          calls, reps, loss::getFloat));
      rows.add(time(workload, "collate", "preprocess and collate one batch into a sub-manager, then close it (the user's code, same in a and b)",
          Math.max(1, calls / 10), reps, () -> {
            List<R> items = djl.nextItems();
            try (NDManager batch = manager.newSubManager()) {
              djl.task().batch(items, batch);
            }
          }));
      rows.add(time(workload, "adam", "trainkit's Adam.step: DJL's fused adamUpdate per parameter, " + n,
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              List<ParameterGradient> parameters = new ArrayList<>(weights.size());
              weights.forEach(w -> parameters.add(new ParameterGradient(String.valueOf(parameters.size()), w, w.getGradient())));
              adam.step(parameters, 1e-3f, 1f);
            }
          }));
      rows.add(time(workload, "adam-djl", "(b)'s update: DJL Trainer.step() with DJL's Adam, " + n,
          calls, reps, () -> djl.trainer().step()));
      adam.close();
      loss.close();
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s, µs a call:", workload.key()));
    rows.forEach(r -> line.append(String.format(Locale.ROOT, "  %s %.1f", r.piece(), r.micros().median())));
    log.println(line);
    return rows;
  }

  private static Row time(Workload<?> workload, String piece, String what, int calls, int reps, Piece body)
      throws Exception {
    for (int i = 0; i < calls; i++) { // warm-up
      body.run();
    }
    List<Double> micros = new ArrayList<>(reps);
    for (int r = 0; r < reps; r++) {
      long begin = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        body.run();
      }
      micros.add((System.nanoTime() - begin) / 1e3 / calls);
    }
    return new Row(workload.key(), piece, what, Stats.of(micros));
  }
}
