package org.trainkit.benchmarks.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * Contender (a): the {@code @Trainable} class through its generated adapter, trained by the
 * runtime {@link Trainer} — the loop every trainkit user runs.
 *
 * <p>Each timing is one {@code train()} call of exactly {@code steps} optimizer steps (step
 * mode), on one {@link Trainer} kept for the contender's life (so the model, the JIT and the
 * allocator stay warm, as within one long run). What is switched off, because it is not the
 * loop: the dev set (empty: no evaluation), the default callbacks (printer, report, progress
 * bar), and checkpoints and history files — {@code evalFrequency} and {@code saveFrequency}
 * equal the run's length, so the one {@code checkpoints/last} a run writes comes after its
 * last step. The time is measured by a callback from the first step's {@code onStepBegin} to
 * the last step's {@code onStepEnd}: run set-up and the final checkpoint are outside it;
 * everything a step does — loading (preprocess and collate), the per-step {@code NDScope} and
 * seed, forward, loss read-back, backward, trainkit's Adam — is inside.
 */
public final class TrainkitContender<R> implements Contender {

  private final String id;
  private final String label;
  private final Workload<R> workload;
  private final Path runs;
  private final int steps;
  private final Window window = new Window();
  private final Trainer<R, ?, ?> trainer;
  private int run;

  /**
   * @param steps the steps of every timing (fixed: a trainer's config is fixed)
   * @param loaderWorkers 0: load on the training thread; n: prefetch on n loader threads
   */
  public TrainkitContender(
      String id, Workload<R> workload, long seed, int steps, int loaderWorkers, Path runs) {
    this.id = id;
    this.workload = workload;
    this.steps = steps;
    this.runs = runs;
    this.label = loaderWorkers == 0
        ? "trainkit: generated adapter + Trainer, loading on the training thread (0 workers)"
        : "trainkit: generated adapter + Trainer, " + loaderWorkers
            + " loader worker" + (loaderWorkers == 1 ? "" : "s") + " (the default)";
    TrainerConfig config = config(seed, workload.batchSize(), steps, loaderWorkers);
    this.trainer = newTrainer(workload.trainkitComponent(), config, window);
  }

  /** The configuration every trainkit timing uses. */
  public static TrainerConfig config(long seed, int batchSize, int steps, int loaderWorkers) {
    return TrainerConfig.builder()
        .seed(seed)
        .trainingType(TrainerConfig.TrainingType.STEP)
        .iterations(steps)
        .evalFrequency(steps)
        .saveFrequency(steps)
        .batchSize(batchSize)
        .optimizer(TrainerConfig.OptimizerType.ADAM)
        .learningRate(1e-3)
        .loaderWorkers(loaderWorkers)
        .progressBar(false)
        .saveDevOutputs(false)
        .saveTestOutputs(false)
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> Trainer<R, ?, ?> newTrainer(
      TrainableComponent<R, ?, ?> component, TrainerConfig config, TrainerCallback callback) {
    return new Trainer(component, config, List.of(callback));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return label;
  }

  /** The trainer, for the memory benchmark's probes. */
  public Trainer<R, ?, ?> trainer() {
    return trainer;
  }

  /**
   * Runs one timing's steps with libtorch's profiler on, from the first step's begin to the
   * last step's end (run set-up and the final checkpoint are outside), and counts its ops.
   */
  public AtenOps profileSteps(Path trace) throws IOException {
    window.profileTo(trace);
    try {
      timeSteps(steps);
    } finally {
      window.profileTo(null);
    }
    return LibtorchProfile.count(trace, steps);
  }

  @Override
  public double timeSteps(int requested) throws IOException {
    if (requested != steps) {
      throw new IllegalArgumentException("this contender runs " + steps + " steps at a time");
    }
    Path dir = runs.resolve(id + "-" + workload.key() + "-" + (run++));
    deleteTree(dir);
    window.reset(steps);
    trainer.train(workload.items(), List.of(), List.of(), dir, false);
    deleteTree(dir);
    return window.seconds();
  }

  @Override
  public void close() {
    trainer.close();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** Times from the first step's begin to the last step's end; profiles that window if asked. */
  private static final class Window implements TrainerCallback {
    private long last;
    private long begin;
    private long end;
    private Path trace;

    void profileTo(Path trace) {
      this.trace = trace;
    }

    void reset(long lastStep) {
      last = lastStep;
      begin = 0;
      end = 0;
    }

    @Override
    public void onStepBegin(TrainerState state) {
      if (state.globalStep() == 0) {
        if (trace != null) {
          LibtorchProfile.start();
        }
        begin = System.nanoTime();
      }
    }

    @Override
    public void onStepEnd(TrainerState state, double loss) {
      if (state.globalStep() == last) {
        end = System.nanoTime();
        if (trace != null) {
          LibtorchProfile.stop(trace);
        }
      }
    }

    double seconds() {
      if (begin == 0 || end == 0) {
        throw new IllegalStateException("the run did not take the expected steps");
      }
      return (end - begin) / 1e9;
    }
  }
}
