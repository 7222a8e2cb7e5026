package org.trainkit.benchmarks;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trainkit.benchmarks.loop.PythonWorker;
import org.trainkit.benchmarks.tagger.TaggerData;
import org.trainkit.benchmarks.tagger.TaggerWorkload;
import org.trainkit.examples.data.Sentence;
import org.trainkit.examples.tagger.EntityTagger;
import org.trainkit.examples.tagger.EntityTaggerOptions;
import org.trainkit.examples.tagger.EntityTaggerTrainable;
import org.trainkit.runtime.PredictionWriter;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.checkpoint.TrainedRun;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.InferenceOptions;
import org.trainkit.runtime.TrainedModel;
import org.trainkit.runtime.train.Trainer;

/**
 * Section {@code predict}: the tagger's inference throughput — what {@code tagger predict} does
 * short of the file: restored model, windows sorted by length, batches of {@code
 * inferenceBatchSize}, no gradients, one loader thread, the default forward threads (batches side
 * by side), each sentence rendered as CoNLL — next to
 * its training throughput at batch 32 (trainkit's loop, loading on the training thread) and to
 * PyTorch inference of the same network ({@code model.eval()}, {@code torch.inference_mode()},
 * the best tag per token read back) twice: as a plain inference loop takes the data (batches in
 * input order; the target is judged on it), and with trainkit's own length-sorted batches (the
 * same work on both sides: the engines against each other).
 */
final class Predict {

  /** The measurement; sentences a second, medians of interleaved repetitions. */
  record Result(int sentences, int batchSize, int trainSentences, Stats trainPerSecond,
      Stats predictPerSecond, Stats torchPerSecond, Stats torchSortedPerSecond, String torchNote) {

    double overTraining() {
      return predictPerSecond.median() / trainPerSecond.median();
    }

    double overTorch() {
      return torchPerSecond == null ? Double.NaN : predictPerSecond.median() / torchPerSecond.median();
    }

    double overSortedTorch() {
      return torchSortedPerSecond == null ? Double.NaN
          : predictPerSecond.median() / torchSortedPerSecond.median();
    }

    String markdown() {
      StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
          "**6. Predict**, the tagger, %,d sentences, inferenceBatchSize %d (training: batch 32, %,d"
              + " sentences an epoch); sentences a second, median (min–max) of %d interleaved"
              + " repetitions:%n%n| | sentences/s |%n|---|---:|%n",
          sentences, batchSize, trainSentences, predictPerSecond.count()));
      md.append(row("trainkit training, batch 32", trainPerSecond));
      md.append(row("trainkit predict, batch " + batchSize, predictPerSecond));
      if (torchPerSecond == null) {
        md.append("| PyTorch inference | " + torchNote + " |\n");
      } else {
        md.append(row("PyTorch inference (torch.inference_mode), batch " + batchSize + ", input order",
            torchPerSecond));
        md.append(row("PyTorch inference, batch " + batchSize + ", trainkit's length-sorted batches",
            torchSortedPerSecond));
      }
      return md.append('\n').toString();
    }

    String ratioLines(boolean quick) {
      String out = String.format(Locale.ROOT,
          "predict/training throughput (tagger): %.2f  target ≥ 4: %s%n", overTraining(),
          Report.verdict(overTraining() >= 4, quick));
      if (torchPerSecond != null) {
        out += String.format(Locale.ROOT, "predict trainkit/PyTorch inference (tagger): %.2f  target ≥ 1.2: %s%n",
            overTorch(), Report.verdict(overTorch() >= 1.2, quick));
        out += String.format(Locale.ROOT,
            "predict trainkit/PyTorch inference on the same length-sorted batches (tagger): %.2f%n",
            overSortedTorch());
      }
      return out;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sentences", sentences);
      m.put("inferenceBatchSize", batchSize);
      m.put("trainingSentencesPerSecond", trainPerSecond.values());
      m.put("predictSentencesPerSecond", predictPerSecond.values());
      m.put("torchSentencesPerSecond", torchPerSecond == null ? torchNote : torchPerSecond.values());
      m.put("torchSortedSentencesPerSecond",
          torchSortedPerSecond == null ? torchNote : torchSortedPerSecond.values());
      m.put("predictOverTraining", overTraining());
      m.put("predictOverTorch", torchPerSecond == null ? null : overTorch());
      m.put("predictOverSortedTorch", torchPerSecond == null ? null : overSortedTorch());
      return m;
    }

    private static String row(String label, Stats s) {
      return String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) |%n", label, s.median(), s.min(), s.max());
    }
  }

  private final Path work;
  private final PrintStream log;
  private final long seed;

  Predict(Path work, PrintStream log, long seed) {
    this.work = work;
    this.log = log;
    this.seed = seed;
  }

  Result run(int sentences, int trainSentences, int reps, PythonWorker python, String noPython)
      throws IOException {
    int batchSize = TrainerConfig.builder().build().inferenceBatchSize();
    List<Sentence> items = TaggerData.sentences(work.resolve("data"), sentences, seed);
    List<Sentence> training = items.subList(0, trainSentences);
    Path run = work.resolve("runs").resolve("predict-tagger");
    List<Double> train = new ArrayList<>();
    // training throughput: epochs after the first (warm-up), each timed from its first step to its last
    StepWindow window = new StepWindow(trainSentences / 32);
    TrainerConfig config = TrainerConfig.builder().iterations(1 + reps).batchSize(32).loaderWorkers(0)
        .device("cpu").seed(seed).progressBar(false).build();
    // the network the PyTorch contender mirrors (softmax, no character CNN): same work on both sides
    EntityTagger trained = new EntityTagger(EntityTaggerOptions.plain());
    try (Trainer<Sentence, ?, ?> trainer = new Trainer<>(trained.makeTrainable(), config, List.of(window))) {
      trainer.train(training, List.of(), List.of(), run, false);
    }
    trained.close();
    for (double seconds : window.epochSeconds.subList(1, window.epochSeconds.size())) {
      train.add(trainSentences / seconds);
    }
    log.printf(Locale.ROOT, "   training, batch 32: %s sentences/s%n", train);

    List<Double> predict = new ArrayList<>();
    List<Double> torch = new ArrayList<>();
    List<Double> torchSorted = new ArrayList<>();
    if (python != null) {
      Path exported = work.resolve("data").resolve("tagger-predict-" + sentences + ".jsonl");
      new TaggerWorkload(32, sentences / 32, seed, work.resolve("data")).exportForPython(exported);
      python.setup("tagger", 32, exported, seed);
      python.infer(batchSize, batchSize * 32); // warm-up
      python.infer(batchSize, 0);
    }
    EntityTagger tagger = new EntityTagger(EntityTaggerOptions.plain());
    EntityTaggerTrainable component = EntityTaggerTrainable.of(tagger);
    try (TrainedModel<Sentence, EntityTagger.TaggerBatch> model =
        TrainedRun.restore(component, run, Device.cpu())) {
      PredictionWriter<Sentence, EntityTagger.TaggerBatch> writer = component.predictionWriter();
      InferenceOptions options = new InferenceOptions(batchSize, batchSize * 32, 1);
      timePredict(model, writer, options, items); // warm-up
      for (int rep = 0; rep < reps; rep++) {
        predict.add(items.size() / timePredict(model, writer, options, items));
        if (python != null) {
          torch.add(items.size() / python.infer(batchSize, 0));
          torchSorted.add(items.size() / python.infer(batchSize, batchSize * 32));
        }
        log.printf(Locale.ROOT, "   rep %d: predict %,.0f sentences/s%s%n", rep + 1, predict.get(rep),
            python == null ? "" : String.format(Locale.ROOT, ", PyTorch %,.0f in input order, %,.0f sorted",
                torch.get(rep), torchSorted.get(rep)));
      }
    }
    return new Result(sentences, batchSize, trainSentences, Stats.of(train), Stats.of(predict),
        python == null ? null : Stats.of(torch), python == null ? null : Stats.of(torchSorted),
        python == null ? noPython : null);
  }

  /** Seconds for one pass over {@code items}: read, predict, render each sentence as CoNLL. */
  private static double timePredict(TrainedModel<Sentence, EntityTagger.TaggerBatch> model,
      PredictionWriter<Sentence, EntityTagger.TaggerBatch> writer, InferenceOptions options,
      List<Sentence> items) {
    long[] chars = new long[1];
    long start = System.nanoTime();
    model.predict(items.iterator(), options, writer::length,
        (batchItems, batch, output) -> writer.render("conll", batchItems, batch, output),
        text -> chars[0] += text.length());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (chars[0] == 0) {
      throw new IllegalStateException("nothing was predicted");
    }
    return seconds;
  }

  /** Times each epoch from its first step's start to its last step's end. */
  private static final class StepWindow implements TrainerCallback {
    private final int stepsPerEpoch;
    private int steps;
    private long epochStart;
    final List<Double> epochSeconds = new ArrayList<>();

    StepWindow(int stepsPerEpoch) {
      this.stepsPerEpoch = stepsPerEpoch;
    }

    @Override
    public void onStepBegin(TrainerState state) {
      if (steps % stepsPerEpoch == 0) {
        epochStart = System.nanoTime();
      }
    }

    @Override
    public void onStepEnd(TrainerState state, double loss) {
      steps++;
      if (steps % stepsPerEpoch == 0) {
        epochSeconds.add((System.nanoTime() - epochStart) / 1e9);
      }
    }
  }
}
