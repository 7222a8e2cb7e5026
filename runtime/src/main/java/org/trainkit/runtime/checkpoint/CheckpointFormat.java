package org.trainkit.runtime.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.optim.LearningRateSchedule;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * The files inside one checkpoint directory, and how each is written and read: the one place
 * that knows a checkpoint's layout.
 *
 * <pre>
 * checkpoints/last/
 *   parameters.bin   the model's parameters (DJL's block format)
 *   component/       the component's fitted state (vocabulary, labels)
 *   state.json       where the loop stands ({@link LoopState})
 *   optimizer.bin    the optimizer's state             (resumable checkpoints only)
 *   schedule.bin     the learning-rate schedule's state (resumable checkpoints only)
 *   history.json     the iterations so far              (resumable checkpoints only)
 *   manifest.json    sizes and checksums ({@link CheckpointStore})
 * </pre>
 *
 * A best checkpoint holds only what a trained model needs: parameters, component and state.
 */
public final class CheckpointFormat {

  public static final String PARAMETERS = "parameters.bin";
  public static final String COMPONENT = "component";
  public static final String STATE = "state.json";
  public static final String OPTIMIZER = "optimizer.bin";
  public static final String SCHEDULE = "schedule.bin";
  public static final String HISTORY = "history.json";

  private CheckpointFormat() {}

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** Writes a checkpoint a run can resume from exactly. */
  public static void writeResumable(
      Path dir,
      TrainableComponent<?, ?, ?> component,
      ModelRunner model,
      StatefulOptimizer optimizer,
      LearningRateSchedule schedule,
      LoopState state,
      History history)
      throws IOException {
    writeModel(dir, component, model, state);
    try (DataOutputStream out = create(dir.resolve(OPTIMIZER))) {
      optimizer.save(out);
    }
    try (DataOutputStream out = create(dir.resolve(SCHEDULE))) {
      schedule.save(out);
    }
    HistoryJson.write(history, dir.resolve(HISTORY));
  }

  /** Writes what a trained model needs: parameters, the component's fitted state, loop state. */
  public static void writeModel(
      Path dir, TrainableComponent<?, ?, ?> component, ModelRunner model, LoopState state)
      throws IOException {
    Files.createDirectories(dir.resolve(COMPONENT));
    component.saveState(dir.resolve(COMPONENT));
    try (DataOutputStream out = create(dir.resolve(PARAMETERS))) {
      model.saveParameters(out);
    }
    state.write(dir.resolve(STATE));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  public static LoopState readState(Path dir) throws IOException {
    return LoopState.read(dir.resolve(STATE));
  }

  public static History readHistory(Path dir) throws IOException {
    return HistoryJson.read(dir.resolve(HISTORY));
  }

  /**
   * Restores the component's fitted state. Call before the component's model is built, since
   * its shape may depend on that state.
   */
  public static void readComponent(Path dir, TrainableComponent<?, ?, ?> component)
      throws IOException {
    Path componentDir = dir.resolve(COMPONENT);
    try {
      component.loadState(componentDir);
    } catch (IOException | RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      throw new IOException(
          message.contains(dir.toString())
              ? message
              : "cannot restore the component's fitted state from " + componentDir + ": " + message,
          e);
    }
  }

  /**
   * Loads the parameters into {@code model}, first initializing it for the input shapes {@code
   * state} records when it has not run yet.
   */
  public static void readParameters(Path dir, ModelRunner model, LoopState state)
      throws IOException {
    if (!model.isInitialized()) {
      if (state.inputShapes().isEmpty()) {
        throw new IOException(
            dir.resolve(STATE) + ": does not say which input shapes the model was built for");
      }
      model.initialize(state.inputShapes().toArray(new Shape[0]));
    }
    Path file = dir.resolve(PARAMETERS);
    try (DataInputStream in = open(file)) {
      model.loadParameters(in, file.toString());
    }
  }

  /** Loads the parameters into a bare block, for using a trained model outside the loop. */
  public static void readParameters(Path dir, Block block, NDManager manager) throws IOException {
    Path file = dir.resolve(PARAMETERS);
    try (DataInputStream in = open(file)) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new IOException(file + ": not parameters of this model: " + e.getMessage(), e);
    }
  }

  /** Restores the optimizer's state for the model's parameters. */
  public static void readOptimizer(Path dir, StatefulOptimizer optimizer, ModelRunner model)
      throws IOException {
    Path file = dir.resolve(OPTIMIZER);
    try (DataInputStream in = open(file)) {
      optimizer.load(in, model.weights(), model.manager());
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public static void readSchedule(Path dir, LearningRateSchedule schedule) throws IOException {
    Path file = dir.resolve(SCHEDULE);
    try (DataInputStream in = open(file)) {
      schedule.load(in);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static DataOutputStream create(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
  }
}
