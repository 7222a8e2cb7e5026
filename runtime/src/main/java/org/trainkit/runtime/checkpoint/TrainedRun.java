package org.trainkit.runtime.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.loop.ModelRunner;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.predict.ModelInference;

/**
 * Reading a finished (or running) run's model back, for evaluation or for using the trained
 * operation: which checkpoint to take and how to load its parameters into a block.
 */
public final class TrainedRun {

  /** The file holding a checkpoint's parameters (DJL's block format). */
  public static final String PARAMETERS = CheckpointFormat.PARAMETERS;
  /** The directory holding the component's fitted state (vocabulary, labels). */
  public static final String COMPONENT = CheckpointFormat.COMPONENT;

  private TrainedRun() {}

  /**
   * The checkpoint a trained model comes from: {@code checkpoints/best}, or {@code
   * checkpoints/last} when the run has no best (no dev set). Verified against its manifest.
   *
   * @throws IOException naming the run directory when it holds neither, or the damaged file
   */
  public static Path checkpoint(Path runDirectory) throws IOException {
    CheckpointStore store = new CheckpointStore(runDirectory);
    for (String name : new String[] {CheckpointStore.BEST, CheckpointStore.LAST}) {
      Path dir = store.directory(name);
      if (Files.isDirectory(dir)) {
        CheckpointStore.verify(dir);
        return dir;
      }
    }
    throw new IOException(
        runDirectory + " holds no checkpoint (checkpoints/best or checkpoints/last); is it a run directory?");
  }

  /** Batch size of a restored model's {@code predict} calls (the configuration's default). */
  public static final int INFERENCE_BATCH_SIZE = 128;

  /** {@link #restore(TrainableComponent, Path, Device)} on the engine's default device. */
  public static <R, E, B> TrainedModel<R, B> restore(
      TrainableComponent<R, E, B> component, Path runDirectory) throws IOException {
    return restore(component, runDirectory, ai.djl.engine.Engine.getInstance().defaultDevice());
  }

  /**
   * Restores a trained run into {@code component}: its fitted state (vocabulary, labels) and the
   * parameters of the best checkpoint, else the last, on {@code device}. The component is offered
   * the model ({@link TrainableComponent#useTrainedModel}), so an operation that uses its model
   * predicts at once. Give a fresh component: its model is built from the restored state.
   *
   * @return the model, which owns the parameters' native memory: close it when done (an operation
   *     that took the model may close it for you; closing twice is harmless)
   * @throws IOException naming the run directory when it holds no usable checkpoint, or the file
   *     that does not fit the component
   */
  public static <R, E, B> TrainedModel<R, B> restore(
      TrainableComponent<R, E, B> component, Path runDirectory, Device device) throws IOException {
    Path checkpoint = checkpoint(runDirectory);
    LoopState state = CheckpointFormat.readState(checkpoint);
    CheckpointFormat.readComponent(checkpoint, component);
    ModelRunner model = new ModelRunner(component.model(), device, 0);
    try {
      CheckpointFormat.readParameters(checkpoint, model, state);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
    TrainedModel<R, B> trained =
        ModelInference.of(component, model, InferenceOptions.batchSize(INFERENCE_BATCH_SIZE));
    component.useTrainedModel(trained);
    return trained;
  }

  /**
   * The model of a component that predicts without a run ({@link
   * org.trainkit.runtime.PredictsPretrained}): the pretrained model its options name, as it is,
   * on {@code device}. Its weights are read when the first batch initializes it. The component
   * is offered the model, as by {@link #restore}.
   *
   * @return the model, which owns the parameters' native memory: close it when done
   * @throws UnsupportedOperationException when the component cannot predict untrained
   * @throws IllegalArgumentException naming the option or file when it names no usable model
   */
  public static <R, E, B> TrainedModel<R, B> pretrained(
      TrainableComponent<R, E, B> component, Device device) {
    component.usePretrained();
    TrainedModel<R, B> model = ModelInference.of(component,
        new ModelRunner(component.model(), device, 0), InferenceOptions.batchSize(INFERENCE_BATCH_SIZE));
    component.useTrainedModel(model);
    return model;
  }

  /** Loads a checkpoint's parameters into {@code block}, whose arrays {@code manager} will own. */
  public static void loadParameters(Path checkpoint, Block block, NDManager manager)
      throws IOException {
    CheckpointFormat.readParameters(checkpoint, block, manager);
  }
}
