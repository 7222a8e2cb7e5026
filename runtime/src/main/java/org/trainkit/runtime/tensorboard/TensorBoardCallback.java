package org.trainkit.runtime.tensorboard;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.tensorboard.proto.Event;
import org.trainkit.runtime.tensorboard.proto.Summary;

/**
 * Writes each iteration's scalars ({@link ScalarTags}) as TensorBoard events under
 * {@code <run>/tensorboard/}, so {@code tensorboard --logdir runs/} shows trainkit runs next to
 * others. The step of an event is the iteration number: the epoch in epoch mode, the optimizer
 * step of the evaluation in step mode. Every iteration is on disk when its hook returns.
 *
 * <p>Every run, new or resumed, starts a new events file; TensorBoard merges the files of a
 * directory. A resumed run first removes from the earlier files the iterations after its
 * checkpoint, which it is about to repeat, so each step has one value.
 *
 * <p>TensorBoard files are a view: when one cannot be written the run goes on, with a warning,
 * and writes no more events.
 */
public final class TensorBoardCallback implements TrainerCallback {

  private final PrintStream warnings;
  private EventFileWriter writer;

  /** Warns on {@code System.err}. */
  public TensorBoardCallback() {
    this(System.err);
  }

  /** Warns about events that cannot be written on {@code warnings}. */
  public TensorBoardCallback(PrintStream warnings) {
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** The events directory of {@code runDirectory}. */
  public static Path directory(Path runDirectory) {
    return RunDirectory.at(runDirectory).tensorboard();
  }

  @Override
  public void onTrainBegin(TrainerState state) {
    writer = null;
    Path directory = directory(state.runDirectory());
    long resumedAfter = completedIterations(state);
    try {
      for (Path file : EventFiles.list(directory)) {
        dropRepeatedSteps(file, resumedAfter);
      }
      writer = EventFileWriter.create(directory, now());
    } catch (IOException e) {
      warnings.println("warning: no TensorBoard events are written for this run: " + e.getMessage());
    }
  }

  @Override
  public void onIterationEnd(TrainerState state, EpochSummary summary) {
    if (writer == null) {
      return;
    }
    try {
      writer.append(event(summary, now()));
    } catch (IOException e) {
      warnings.println("warning: TensorBoard events stop before iteration " + summary.iteration()
          + ": cannot write " + writer.file() + ": " + e.getMessage());
      writer = null;
    }
  }

  @Override
  public void onTrainEnd(TrainerState state, History history) {
    writer = null;
  }

  /** One event holding the scalars of {@code summary}, at its iteration. */
  static Event event(EpochSummary summary, double wallTime) {
    Summary.Builder values = Summary.newBuilder();
    ScalarTags.of(summary).forEach((tag, value) ->
        values.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value.floatValue())));
    return Event.newBuilder()
        .setWallTime(wallTime)
        .setStep(summary.iteration())
        .setSummary(values)
        .build();
  }

  /**
   * The last iteration number already in the history when training begins: 0 for a new run;
   * for a resumed one, the completed epochs (epoch mode) or the checkpoint's step (step mode,
   * where iterations are numbered by step).
   */
  private static long completedIterations(TrainerState state) {
    return state.config().trainingType() == TrainingType.STEP
        ? state.globalStep()
        : state.iteration() - 1;
  }

  private void dropRepeatedSteps(Path file, long resumedAfter) {
    try {
      EventFiles.dropAfter(file, resumedAfter);
    } catch (IOException e) {
      // A damaged earlier file is left as it is: TensorBoard reads it up to the damage.
      warnings.println("warning: cannot remove the repeated iterations from " + file + ": "
          + e.getMessage());
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
