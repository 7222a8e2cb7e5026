package org.trainkit.runtime.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trainkit.runtime.CheckpointException;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainingException;
import org.trainkit.runtime.checkpoint.CheckpointFormat;
import org.trainkit.runtime.checkpoint.CheckpointStore;
import org.trainkit.runtime.checkpoint.LoopState;
import org.trainkit.runtime.optim.LearningRateSchedule;
import org.trainkit.runtime.optim.StatefulOptimizer;

/**
 * The checkpoints of one run as the loop uses them: restoring the one to resume from, writing
 * {@code last} and {@code best} (failures become a {@link TrainingException} that says what is
 * left to resume from), and remembering the newest complete one.
 */
final class RunCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);

  /** Where a resumed run stands. */
  record Restored(LoopState state, History history) {}

  private final TrainableComponent<?, ?, ?> component;
  private final LazyModel model;
  private final CheckpointStore store;
  /** The complete checkpoint holding the current state, if any (null: none yet). */
  private Path saved;
  private long savedStep = -1;

  RunCheckpoints(TrainableComponent<?, ?, ?> component, LazyModel model, Path runDirectory) {
    this.component = component;
    this.model = model;
    this.store = new CheckpointStore(runDirectory);
  }

  boolean exist() {
    return store.exists();
  }

  void removeLeftovers() throws IOException {
    store.removeLeftovers();
  }

  /**
   * Restores the newest complete checkpoint into the component, model, optimizer and schedule;
   * a damaged {@code last} is set aside with a warning.
   *
   * @throws CheckpointException when no checkpoint is usable
   */
  Restored restore(StatefulOptimizer optimizer, LearningRateSchedule schedule) {
    try {
      Path dir = store.resumable();
      setAsideDamagedLast(dir);
      LoopState state = CheckpointFormat.readState(dir);
      if (!model.exists()) {
        CheckpointFormat.readComponent(dir, component);
      }
      CheckpointFormat.readParameters(dir, model.get(), state);
      CheckpointFormat.readOptimizer(dir, optimizer, model.get());
      CheckpointFormat.readSchedule(dir, schedule);
      History history = CheckpointFormat.readHistory(dir);
      saved = dir;
      savedStep = state.globalStep();
      return new Restored(state, history);
    } catch (CheckpointException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException("cannot resume: " + e.getMessage(), e);
    }
  }

  private void setAsideDamagedLast(Path resumed) throws IOException {
    Path last = store.directory(CheckpointStore.LAST);
    if (resumed.equals(last) || !Files.isDirectory(last)) {
      return;
    }
    String problem;
    try {
      CheckpointStore.verify(last);
      problem = "unusable";
    } catch (IOException e) {
      problem = e.getMessage();
    }
    Path aside = store.setAsideLast().orElse(last);
    LOG.warn("{} is damaged ({}); resuming from {} instead; the damaged one is kept as {}",
        last, problem, resumed, aside);
  }

  /** Writes {@code last}, from which the run can resume exactly. */
  void saveLast(StatefulOptimizer optimizer, LearningRateSchedule schedule, LoopState state,
      History history) {
    try {
      store.saveLast(dir -> CheckpointFormat.writeResumable(
          dir, component, model.get(), optimizer, schedule, state, history));
    } catch (IOException | UncheckedIOException e) {
      throw new TrainingException(
          "could not write the checkpoint " + store.directory(CheckpointStore.LAST)
              + " at step " + state.globalStep() + ": " + e.getMessage() + "; "
              + intactCheckpoint(), e);
    }
    saved = store.directory(CheckpointStore.LAST);
    savedStep = state.globalStep();
  }

  /** Writes {@code best}: what a trained model needs. */
  void saveBest(LoopState state) {
    try {
      store.saveBest(dir -> CheckpointFormat.writeModel(dir, component, model.get(), state));
    } catch (IOException | UncheckedIOException e) {
      throw new TrainingException(
          "could not write the checkpoint " + store.directory(CheckpointStore.BEST)
              + " at step " + state.globalStep() + ": " + e.getMessage() + "; the best "
              + "checkpoint before it is intact, and " + intactCheckpoint(), e);
    }
  }

  /** Loads the best checkpoint's parameters, when there is one. */
  void loadBest(LoopState state) throws IOException {
    Optional<Path> best = store.best();
    if (best.isPresent()) {
      CheckpointFormat.readParameters(best.get(), model.get(), state);
    }
  }

  /** The newest complete checkpoint, if any. */
  Optional<Path> saved() {
    return Optional.ofNullable(saved);
  }

  long savedStep() {
    return savedStep;
  }

  /** What a failed write or step leaves to resume from, for its message. */
  String intactCheckpoint() {
    return saved == null
        ? "no checkpoint was written before it, so the run must start again"
        : saved + " (step " + savedStep + ") is intact: resume continues from there";
  }
}
