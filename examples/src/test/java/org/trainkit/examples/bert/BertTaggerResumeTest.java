package org.trainkit.examples.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.ConllReader;
import org.trainkit.examples.data.CorpusGenerator;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.Sentence;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.OptimizerType;
import org.trainkit.runtime.config.TrainerConfig.ScheduleType;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.train.Trainer;

/**
 * Fine-tuning with the BERT defaults (AdamW without decay on biases and LayerNorm, linear
 * warm-up and decay, clipping, dropout) crashed after a checkpoint and resumed ends bitwise where
 * a run that was never interrupted ends: parameters, optimizer and schedule state, the exported
 * weights and the history. The resumed half needs no pretrained directory.
 */
class BertTaggerResumeTest {

  @TempDir Path dir;

  private static TrainerConfig config() {
    return TrainerConfig.builder()
        .trainingType(TrainingType.STEP).iterations(12).evalFrequency(4).saveFrequency(4)
        .batchSize(8).optimizer(OptimizerType.ADAMW).learningRate(3e-3).weightDecay(0.01)
        .lrSchedule(ScheduleType.LINEAR).warmupSteps(3).gradientClipNorm(1.0)
        .monitor("entity_f1").loaderWorkers(2).device("cpu").progressBar(false).build();
  }

  private static Trainer<Sentence, ?, ?> trainer(Path pretrained, List<TrainerCallback> callbacks) {
    BertTagger tagger = new BertTagger(
        new BertTaggerOptions(pretrained, TagScheme.IOBES, true, 24));
    tagger.logTo(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    return new Trainer<>(tagger.makeTrainable(), config(), callbacks);
  }

  @Test
  void crashedAndResumedRunEndsBitwiseWhereAStraightRunEnds() throws Exception {
    Path pretrained = TinyBert.tokenModel(dir.resolve("pretrained"));
    Path trainFile = dir.resolve("train.conll");
    Path devFile = dir.resolve("dev.conll");
    CorpusGenerator.writeConll(trainFile, 60, 1, Split.TRAIN);
    CorpusGenerator.writeConll(devFile, 16, 2, Split.DEV);
    List<Sentence> train = read(trainFile);
    List<Sentence> dev = read(devFile);
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    try (Trainer<Sentence, ?, ?> t = trainer(pretrained, List.of())) {
      t.train(train, dev, List.of(), straight, false);
    }
    TrainerCallback crash = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (state.globalStep() >= 8) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    try (Trainer<Sentence, ?, ?> t = trainer(pretrained, List.of(crash))) {
      assertThrows(IllegalStateException.class,
          () -> t.train(train, dev, List.of(), resumed, false));
    }
    BertTaggerTest.deleteTree(pretrained); // the run holds what it needs
    try (Trainer<Sentence, ?, ?> t = trainer(pretrained, List.of())) {
      t.train(train, dev, List.of(), resumed, true);
    }
    for (String file : List.of("parameters.bin", "optimizer.bin", "schedule.bin",
        "component/model.safetensors", "component/config.json")) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints/last").resolve(file)),
          Files.readAllBytes(resumed.resolve("checkpoints/last").resolve(file)), file);
    }
    History a = HistoryJson.read(straight.resolve("history.json"));
    History b = HistoryJson.read(resumed.resolve("history.json"));
    assertEquals(a.withoutTimings(), b.withoutTimings());
    assertEquals(3, a.iterations().size());
  }

  private static List<Sentence> read(Path file) throws Exception {
    try (Stream<Sentence> s = new ConllReader().read(file)) {
      return s.toList();
    }
  }
}
