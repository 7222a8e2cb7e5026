package org.trainkit.runtime.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /** Loads a checkpoint's parameters into {@code block}, whose arrays {@code manager} will own. */
  public static void loadParameters(Path checkpoint, Block block, NDManager manager)
      throws IOException {
    CheckpointFormat.readParameters(checkpoint, block, manager);
  }
}
