package org.trainkit.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.cli.TrainerSession;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.DatasetReader;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * A trainer entry point for the {@link PointClassifier} fixture, run in a child JVM by the
 * crash and interrupt tests exactly as a generated {@code FooTrainerMain} runs:
 * {@code System.exit(TrainerCli.run(...))}.
 *
 * <p>With {@code -Dtrainkit.test.markers=true} it prints {@code STEP n} after every optimizer step
 * and {@code SAVING n} when it starts writing its state into a checkpoint being staged, so that
 * the parent can time a kill. {@code -Dtrainkit.test.saveSleepMillis=ms} makes the component's
 * state file take that long to write (half of it, a pause, the rest), which widens the window in
 * which a kill lands inside a checkpoint write. {@code -Dtrainkit.test.stateBytesPerSave=n} makes
 * the n-th save's state file n times that long, so that a file-size limit ({@code ulimit -f}) makes
 * a later checkpoint write fail the way a full disk does.
 */
public final class PointsTrainerMain {

  private PointsTrainerMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line in this JVM (the straight reference runs use it directly). */
  public static int run(String... args) {
    return TrainerCli.run("points", PointsTrainerMain::session, args);
  }

  static TrainerSession<Point> session(TrainerConfig config) {
    boolean markers = Boolean.getBoolean("trainkit.test.markers");
    long sleep = Long.getLong("trainkit.test.saveSleepMillis", 0);
    int growth = Integer.getInteger("trainkit.test.stateBytesPerSave", 0);
    List<TrainerCallback> callbacks = markers ? List.of(new StepMarkers()) : List.of();
    Trainer<Point, Point, PointBatch> trainer =
        new Trainer<>(new SlowSaving(new PointClassifier(16, 3, 0.2f), markers, sleep, growth), config, callbacks);
    return new TrainerSession<>() {
      @Override
      public Trainer<Point, ?, ?> trainer() {
        return trainer;
      }

      @Override
      public DatasetReader<Point> reader() {
        return Points.reader();
      }
    };
  }

  /** Prints {@code STEP n} after each optimizer step. */
  private static final class StepMarkers implements TrainerCallback {
    @Override
    public void onStepEnd(TrainerState state, double loss) {
      System.out.println("STEP " + state.globalStep());
      System.out.flush();
    }
  }

  /** The classifier, with a component state file that is slow to write. */
  static final class SlowSaving extends ForwardingComponent<Point, Point, PointBatch> {
    private final boolean markers;
    private final long sleepMillis;
    private final int bytesPerSave;
    private int saves;

    SlowSaving(PointClassifier delegate, boolean markers, long sleepMillis, int bytesPerSave) {
      super(delegate);
      this.markers = markers;
      this.sleepMillis = sleepMillis;
      this.bytesPerSave = bytesPerSave;
    }

    @Override
    public void saveState(Path directory) throws IOException {
      saves++;
      if (markers) {
        System.out.println("SAVING " + saves);
        System.out.flush();
      }
      byte[] text = "a component's fitted state, written slowly\n".getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = Files.newOutputStream(directory.resolve("state.txt"))) {
        out.write(text, 0, text.length / 2);
        out.flush();
        if (sleepMillis > 0) {
          try {
            Thread.sleep(sleepMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving", e);
          }
        }
        out.write(text, text.length / 2, text.length - text.length / 2);
        byte[] padding = new byte[bytesPerSave];
        for (int i = 0; i < saves; i++) {
          out.write(padding);
        }
      }
    }

    @Override
    public void loadState(Path directory) throws IOException {
      Files.readString(directory.resolve("state.txt"));
    }
  }
}
