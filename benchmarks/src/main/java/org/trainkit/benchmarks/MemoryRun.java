package org.trainkit.benchmarks;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.trainkit.benchmarks.mlp.BenchMlp;
import org.trainkit.benchmarks.mlp.BenchMlpTrainable;
import org.trainkit.benchmarks.mlp.Point;
import org.trainkit.benchmarks.mlp.Points;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;

/**
 * Section 2, run in a JVM of its own (so nothing else the harness did is in its resident set):
 * one trainkit run of the MLP through its generated adapter, with a dev set evaluated and
 * {@code checkpoints/last} written every {@code interval} steps, sampling the process's resident
 * set size ({@code VmRSS} of {@code /proc/self/status}), the live NDArrays under the model's
 * manager (parameters, optimizer moments, batches prefetched and not yet taken, and anything
 * leaked) and the used Java heap, every {@code interval} steps after the step's end.
 *
 * <p>Prints one line per sample: {@code sample <step> <rss kB> <arrays> <heap kB>}.
 */
public final class MemoryRun {

  private MemoryRun() {}

  public static void main(String[] args) throws IOException {
    int steps = Integer.parseInt(args[0]);
    int interval = Integer.parseInt(args[1]);
    int batchSize = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    Path runDirectory = Path.of(args[4]);
    List<Point> train = Points.generate(batchSize * 256, seed);
    List<Point> dev = Points.generate(512, seed + 1);
    BenchMlp mlp = new BenchMlp();
    TrainerConfig config = TrainerConfig.builder()
        .seed(seed)
        .trainingType(TrainerConfig.TrainingType.STEP)
        .iterations(steps)
        .evalFrequency(interval)
        .saveFrequency(interval)
        .batchSize(batchSize)
        .progressBar(false)
        .saveDevOutputs(false)
        .saveTestOutputs(false)
        .build();
    TrainerCallback probe = new TrainerCallback() {
      @Override
      public void onStepEnd(TrainerState state, double loss) {
        long step = state.globalStep();
        if (step % interval == 0 || step == 1) {
          Runtime rt = Runtime.getRuntime();
          System.gc(); // so the heap figure is live objects, not garbage not yet collected
          System.out.printf(Locale.ROOT, "sample %d %d %d %d%n", step, rssKb(), liveArrays(mlp),
              (rt.totalMemory() - rt.freeMemory()) / 1024);
          System.out.flush();
        }
      }
    };
    try (Trainer<Point, Point, BenchMlp.MlpBatch> trainer =
        new Trainer<>(BenchMlpTrainable.of(mlp), config, List.of(probe))) {
      trainer.train(train, dev, List.of(), runDirectory, false);
    }
  }

  /** Live NDArrays of the manager that owns the model's parameters, sub-managers included. */
  static int liveArrays(BenchMlp mlp) {
    Pair<String, Parameter> first = mlp.model().getParameters().get(0);
    NDManager manager = first.getValue().getArray().getManager();
    return manager.getManagedArrays().size();
  }

  /** VmRSS of this process, kB. */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }
}
