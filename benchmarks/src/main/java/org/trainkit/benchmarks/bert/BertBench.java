package org.trainkit.benchmarks.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.nlp.bert.BertTokenClassifier;
import org.trainkit.nlp.bert.PretrainedModel;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.optim.StatefulOptimizer;
import org.trainkit.runtime.optim.WeightDecayFilter;
import org.trainkit.runtime.train.Trainer;

/**
 * The BERT fine-tuning benchmark's trainkit side: the model {@code bert_contender.py make}
 * wrote, trained by trainkit's loop with the BertTagger recipe (AdamW, no decay on biases and
 * LayerNorm, linear warm-up and decay, clipping at 1, dropout on) on the same batches as the
 * PyTorch side; prints one JSON line (samples/s after min(100, n/5) warm-up steps, RSS then and
 * at the end).
 *
 * <pre>java -cp benchmarks/target/trainkit-benchmarks.jar org.trainkit.benchmarks.bert.BertBench DIR 500</pre>
 */
public final class BertBench {

  static final int BATCH = 16;
  static final int LENGTH = 64;
  static final int LABELS = 9;
  static final int VOCAB = 30522;

  private BertBench() {}

  /** Step {@code step}'s batch: the formula of {@code bert_contender.py}'s {@code batch()}. */
  record StepBatch(NDArray ids, NDArray types, NDArray mask, NDArray labels) {}

  static final class Component implements TrainableComponent<Integer, Integer, StepBatch> {
    private final PretrainedModel model;

    Component(BertCheckpoint checkpoint) {
      model = new PretrainedModel(new BertTokenClassifier(checkpoint.config()), checkpoint);
    }

    @Override
    public Block model() {
      return model;
    }

    @Override
    public Integer preprocess(Integer step) {
      return step;
    }

    @Override
    public StepBatch collate(List<Integer> rows, NDManager manager) {
      // one "example" per row: rows of one step come as consecutive items step*BATCH + b
      long[] ids = new long[rows.size() * LENGTH];
      long[] labels = new long[rows.size() * LENGTH];
      for (int r = 0; r < rows.size(); r++) {
        int step = rows.get(r) / BATCH;
        int b = rows.get(r) % BATCH;
        for (int t = 0; t < LENGTH; t++) {
          ids[r * LENGTH + t] = 5 + ((long) step * 131 + b * 17 + t * 7) % (VOCAB - 5);
          labels[r * LENGTH + t] = (step + b * 3 + t) % LABELS;
        }
        ids[r * LENGTH] = 2;
        ids[r * LENGTH + LENGTH - 1] = 3;
      }
      Shape shape = new Shape(rows.size(), LENGTH);
      return new StepBatch(manager.create(ids, shape), manager.zeros(shape, DataType.INT64),
          manager.ones(shape, DataType.INT64), manager.create(labels, shape));
    }

    @Override
    public ForwardResult forward(StepBatch batch, ForwardContext context) {
      NDArray logits = context.forward(new NDList(batch.ids(), batch.types(), batch.mask())).head();
      NDArray gold = batch.labels().oneHot(LABELS);
      NDArray loss = logits.logSoftmax(-1).mul(gold).sum(new int[] {-1}).mean().neg();
      return ForwardResult.of(new NDList(logits), loss);
    }

    @Override
    public StatefulOptimizer optimizer(TrainerConfig config) {
      return StatefulOptimizer.fromConfig(config, WeightDecayFilter.NOT_BIASES_OR_NORMS);
    }
  }

  /** Times the steps after the warm-up and reads the resident set size at both ends. */
  static final class Meter implements TrainerCallback {
    final long warm;
    long started;
    long ended;
    double rssWarm;
    double rssEnd;

    Meter(long warm) {
      this.warm = warm;
    }

    @Override
    public void onStepEnd(TrainerState state, double loss) {
      if (state.globalStep() == warm) {
        started = System.nanoTime();
        rssWarm = rssMib();
      }
      ended = System.nanoTime();
      rssEnd = rssMib();
    }
  }

  static double rssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux: no RSS
    }
    return Double.NaN;
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int steps = Integer.parseInt(args[1]);
    BertCheckpoint checkpoint = BertCheckpoint.open(directory);
    TrainerConfig config = TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(steps).evalFrequency(steps)
        .saveFrequency(steps).batchSize(BATCH).shuffle(false)
        .optimizer(OptimizerType.ADAMW).learningRate(5e-5).weightDecay(0.01)
        .lrSchedule(ScheduleType.LINEAR).warmupSteps(50).gradientClipNorm(1.0)
        .monitor("train_loss").device("cpu").progressBar(false).loaderWorkers(1).build();
    List<Integer> rows = IntStream.range(0, steps * BATCH).boxed().toList();
    Meter meter = new Meter(Math.min(100, steps / 5));
    Path run = Files.createTempDirectory("bert-bench");
    try (Trainer<Integer, Integer, StepBatch> trainer =
        new Trainer<>(new Component(checkpoint), config, List.of(meter))) {
      trainer.train(rows, List.of(), List.of(), run, false);
    }
    double seconds = (meter.ended - meter.started) / 1e9;
    System.out.printf(Locale.ROOT, "{\"contender\": \"trainkit\", \"steps\": %d,"
        + " \"samples_per_s\": %.2f, \"warm_steps\": %d, \"rss_mib_warm\": %.1f,"
        + " \"rss_mib_end\": %.1f}%n",
        steps, (steps - meter.warm) * BATCH / seconds, meter.warm, meter.rssWarm, meter.rssEnd);
  }
}
