package org.trainkit.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
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
import org.trainkit.runtime.optim.Scalars;
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
      // The gradient tensors are stable (autograd accumulates into them and the updates zero
      // them in place), so trainkit keeps one handle per parameter for the model's life.
      List<NDArray> gradients = new ArrayList<>(weights.size());
      for (NDArray w : weights) {
        NDArray g = w.getGradient();
        NDScope.unregister(g);
        gradients.add(g);
      }
      rows.add(time(workload, "guard", "the gradient guard: GradientClipping.globalNorm on kept gradient handles (a norm per array, stack, norm, 1 number read back), " + n,
          calls, reps, () -> GradientClipping.globalNorm(gradients)));
      // Two candidate guards with fewer native ops, on flat views of the kept gradients
      // (reshape of a contiguous tensor is a view: the views stay valid while the gradients do).
      List<NDArray> flat = new ArrayList<>(gradients.size());
      for (NDArray g : gradients) {
        NDArray f = g.reshape(-1);
        NDScope.unregister(f);
        flat.add(f);
      }
      rows.add(time(workload, "guard-cat", "candidate guard: concat of flat gradient views, one norm, 1 number read back, " + n,
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              Scalars.read(ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(flat)).norm());
            }
          }));
      rows.add(time(workload, "guard-dot", "candidate guard: a dot product per flat gradient view, stack, sum, 1 number read back, " + n,
          calls, reps, () -> {
            try (NDScope scope = new NDScope()) {
              scope.suppressNotUsedWarning();
              ai.djl.ndarray.NDList squares = new ai.djl.ndarray.NDList(flat.size());
              for (NDArray f : flat) {
                squares.add(f.dot(f));
              }
              Scalars.read(ai.djl.ndarray.NDArrays.stack(squares).sum());
            }
          }));
      // A step's loss is a new array whose data type and device DJL has not asked yet; each
      // timing reads a new one (creating it is part of all three).
      rows.add(time(workload, "loss-old", "a new scalar, read back with toType(FLOAT32).toFloatArray()[0], as trainkit did",
          calls, reps, () -> {
            try (NDArray fresh = manager.create(1.5f)) {
              fresh.toType(DataType.FLOAT32, false).toFloatArray();
            }
          }));
      rows.add(time(workload, "loss", "a new scalar, read back with Scalars.read (one copy of the bytes), as trainkit does",
          calls, reps, () -> {
            try (NDArray fresh = manager.create(1.5f)) {
              Scalars.read(fresh);
            }
          }));
      rows.add(time(workload, "loss-djl", "a new scalar, read back with getFloat(), as (b) does",
          calls, reps, () -> {
            try (NDArray fresh = manager.create(1.5f)) {
              fresh.getFloat();
            }
          }));
      rows.add(time(workload, "collate", "preprocess and collate one batch into a sub-manager, then close it (the user's code, same in a and b)",
          Math.max(1, calls / 10), reps, () -> {
            List<R> items = djl.nextItems();
            try (NDManager batch = manager.newSubManager()) {
              djl.task().batch(items, batch);
            }
          }));
      // Adam on gradients that stay 0 drives the moments into denormal floats within a few
      // hundred calls, and every op on them becomes ~100x slower: a training run never sees
      // that. So each call first puts a small gradient back, and "refill" times that part alone.
      Piece refill = () -> gradients.forEach(g -> g.addi(1e-3f));
      rows.add(time(workload, "refill", "(to subtract from the next two) a small value added to every gradient in place, " + n,
          calls, reps, refill));
      List<ParameterGradient> parameters = new ArrayList<>(weights.size());
      for (int i = 0; i < weights.size(); i++) {
        parameters.add(new ParameterGradient(String.valueOf(i), weights.get(i), gradients.get(i)));
      }
      rows.add(time(workload, "adam", "refill + trainkit's Adam.step: DJL's fused adamUpdate per parameter, " + n,
          calls, reps, () -> {
            refill.run();
            adam.step(parameters, 1e-3f, 1f);
          }));
      rows.add(time(workload, "adam-djl", "refill + (b)'s update: DJL Trainer.step() with DJL's Adam, " + n,
          calls, reps, () -> {
            refill.run();
            djl.trainer().step();
          }));
      flat.forEach(NDArray::close);
      gradients.forEach(NDArray::close);
      adam.close();
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
