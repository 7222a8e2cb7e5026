package org.trainkit.nlp.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.nlp.tokenize.AlignedTokenizer;
import org.trainkit.nlp.tokenize.SubtokenLabels;
import org.trainkit.nlp.tokenize.TokenWindow;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.train.Trainer;

/**
 * The tiny pretrained token classifier, wrapped in {@link PretrainedModel} and trained by the
 * runtime's {@link Trainer} through a hand-written component (first-piece labels, the rest out
 * of the loss), learns a generated drug/disease NER task: entity F1 on unseen test sentences
 * goes from chance to at least 0.9.
 */
class BertFineTuneTest {

  private static final List<String> DRUGS = List.of("aspirin", "insulin", "heparin", "morphine");
  private static final List<List<String>> DISEASES = List.of(List.of("fever"), List.of("pain"),
      List.of("lung", "cancer"), List.of("heart", "disease"), List.of("acute", "renal", "failure"),
      List.of("hypertension"), List.of("hypoglycemia"), List.of("cardiomyopathy"));

  @TempDir Path run;

  record Sentence(List<String> words, List<String> tags) {}

  record Example(TokenWindow window, int[] pieceLabels, List<String> tags) {}

  record TagBatch(NDArray ids, NDArray types, NDArray mask, NDArray labels,
      List<Example> examples) {}

  /** A component as an operation of the examples module would write it. */
  static final class TinyBertTagger implements TrainableComponent<Sentence, Example, TagBatch> {
    private final BertCheckpoint checkpoint = BertCheckpoint.open(Fixtures.tokenModel());
    private final List<String> labels = checkpoint.config().labels();
    private final AlignedTokenizer tokenizer = AlignedTokenizer.open(checkpoint.directory(), 32);
    final PretrainedModel model =
        new PretrainedModel(new BertTokenClassifier(checkpoint.config()), checkpoint);

    @Override
    public Block model() {
      return model;
    }

    @Override
    public Example preprocess(Sentence s) {
      List<TokenWindow> windows = tokenizer.windows(s.words());
      assertEquals(1, windows.size(), "the generated sentences fit one window");
      int[] wordLabels = s.tags().stream().mapToInt(labels::indexOf).toArray();
      return new Example(windows.get(0),
          SubtokenLabels.pieceLabels(windows.get(0), wordLabels, false), s.tags());
    }

    @Override
    public TagBatch collate(List<Example> examples, NDManager manager) {
      int length = examples.stream().mapToInt(e -> e.window().size()).max().orElseThrow();
      long[][] ids = new long[examples.size()][length];
      long[][] mask = new long[examples.size()][length];
      int[][] labels = new int[examples.size()][length];
      for (int b = 0; b < examples.size(); b++) {
        Example e = examples.get(b);
        Arrays.fill(labels[b], SubtokenLabels.IGNORED);
        for (int i = 0; i < e.window().size(); i++) {
          ids[b][i] = e.window().ids()[i];
          mask[b][i] = 1;
          labels[b][i] = e.pieceLabels()[i];
        }
      }
      return new TagBatch(manager.create(ids), manager.zeros(new Shape(examples.size(), length),
          DataType.INT64), manager.create(mask), manager.create(labels), examples);
    }

    @Override
    public ForwardResult forward(TagBatch batch, ForwardContext context) {
      NDArray logits =
          context.forward(new NDList(batch.ids(), batch.types(), batch.mask())).head();
      NDArray kept = batch.labels().gte(0);
      NDArray gold = batch.labels().maximum(0).oneHot(labels.size());
      NDArray picked = logits.logSoftmax(-1).mul(gold).sum(new int[] {-1});
      NDArray weight = kept.toType(DataType.FLOAT32, false);
      NDArray loss = picked.mul(weight).sum().div(weight.sum()).neg();
      return ForwardResult.of(logits, loss);
    }

    @Override
    public List<MetricsComputer<TagBatch>> metrics() {
      return List.of(new MetricsComputer<>() {
        private final List<List<String>> gold = new ArrayList<>();
        private final List<List<String>> predicted = new ArrayList<>();

        @Override
        public List<String> names() {
          return EntityMetrics.NAMES;
        }

        @Override
        public void update(Batch<TagBatch> batch, NDList output) {
          long[] shape = output.head().getShape().getShape();
          long[] best = output.head().argMax(-1).toLongArray();
          for (int b = 0; b < shape[0]; b++) {
            Example e = batch.data().examples().get(b);
            int[] pieces = new int[e.window().size()];
            for (int i = 0; i < pieces.length; i++) {
              pieces[i] = (int) best[(int) (b * shape[1] + i)];
            }
            int[] words = new int[e.tags().size()];
            SubtokenLabels.wordPredictions(e.window(), pieces, words);
            gold.add(e.tags());
            predicted.add(Arrays.stream(words).mapToObj(labels::get).toList());
          }
        }

        @Override
        public Map<String, Double> compute() {
          return EntityMetrics.compute(gold, predicted).values();
        }
      });
    }
  }

  static List<Sentence> generate(int count, long seed) {
    Random random = new Random(seed);
    List<Sentence> sentences = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      String drug = DRUGS.get(random.nextInt(DRUGS.size()));
      List<String> disease = DISEASES.get(random.nextInt(DISEASES.size()));
      switch (random.nextInt(4)) {
        case 0 -> {
          add(words, tags, List.of("the", "patient", "was", "given"), "O");
          add(words, tags, List.of(drug), "DRUG");
          add(words, tags, List.of("for"), "O");
          add(words, tags, disease, "DISEASE");
        }
        case 1 -> {
          add(words, tags, disease, "DISEASE");
          add(words, tags, List.of("treated", "with"), "O");
          add(words, tags, List.of(drug), "DRUG");
          add(words, tags, List.of("daily"), "O");
        }
        case 2 -> {
          add(words, tags, List.of("no"), "O");
          add(words, tags, disease, "DISEASE");
          add(words, tags, List.of("with"), "O");
          add(words, tags, List.of(drug), "DRUG");
        }
        default -> {
          add(words, tags, List.of(drug), "DRUG");
          add(words, tags, List.of("dose", "for", "the"), "O");
          add(words, tags, disease, "DISEASE");
          add(words, tags, List.of("of", "the", "patient"), "O");
        }
      }
      sentences.add(new Sentence(words, tags));
    }
    return sentences;
  }

  private static void add(List<String> words, List<String> tags, List<String> span, String type) {
    for (int i = 0; i < span.size(); i++) {
      words.add(span.get(i));
      tags.add(type.equals("O") ? "O" : (i == 0 ? "B-" : "I-") + type);
    }
  }

  @Test
  void fineTuningLearnsEntities() {
    List<Sentence> train = generate(160, 1);
    List<Sentence> dev = generate(16, 2);
    List<Sentence> test = generate(60, 3);
    TrainerConfig config = TrainerConfig.builder()
        .iterations(4).batchSize(16).learningRate(5e-3).gradientClipNorm(1.0)
        .device("cpu").progressBar(false).loaderWorkers(0).build();
    TinyBertTagger tagger = new TinyBertTagger();
    double before;
    double after;
    try (Trainer<Sentence, Example, TagBatch> trainer = new Trainer<>(tagger, config, List.of())) {
      before = trainer.evaluate(test).get("entity_f1");
      LoadReport report = tagger.model.loadReport().orElseThrow();
      assertEquals("kept from the checkpoint", report.head(), report.describe());
      long start = System.nanoTime();
      trainer.train(train, dev, List.of(), run, false);
      System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
      Map<String, Double> scores = trainer.evaluate(test);
      after = scores.get("entity_f1");
      System.out.println("test entity F1 before " + before + ", after " + after + ": " + scores);
    }
    assertTrue(before < 0.5, "the random checkpoint should not know the task: " + before);
    assertTrue(after >= 0.9, "test entity F1 after fine-tuning: " + after);
  }
}
