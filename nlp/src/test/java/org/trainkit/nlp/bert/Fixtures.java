package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixtures made by {@code nlp/src/test/python/make_fixtures.py} with real transformers. */
final class Fixtures {

  private Fixtures() {}

  static Path bertDirectory() {
    try {
      return Path.of(Fixtures.class.getResource("/bert").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path tokenModel() {
    return bertDirectory().resolve("token-model");
  }

  static Path sequenceModel() {
    return bertDirectory().resolve("sequence-model");
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded batch and eval-mode logits of a model directory. */
  record Recorded(long[][] inputIds, long[][] typeIds, long[][] mask, float[] logits,
      long[] logitsShape) {

    static Recorded of(String name) {
      JsonNode root = json(bertDirectory().resolve(name + "-logits.json"));
      float[] logits = Stream.of(root.get("logits")).flatMap(rows -> {
        Stream.Builder<JsonNode> all = Stream.builder();
        rows.forEach(row -> row.forEach(all::add));
        return all.build();
      }).collect(FloatCollector::new, FloatCollector::add, (a, b) -> {}).toArray();
      long[] shape = new long[root.get("logits_shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = root.get("logits_shape").get(i).asLong();
      }
      return new Recorded(longs(root.get("input_ids")), longs(root.get("token_type_ids")),
          longs(root.get("attention_mask")), logits, shape);
    }

    NDList inputs(NDManager manager) {
      return new NDList(manager.create(inputIds), manager.create(typeIds), manager.create(mask));
    }

    Shape inputShape() {
      return new Shape(inputIds.length, inputIds[0].length);
    }
  }

  private static long[][] longs(JsonNode rows) {
    long[][] out = new long[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      JsonNode row = rows.get(i);
      out[i] = new long[row.size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = row.get(j).asLong();
      }
    }
    return out;
  }

  private static final class FloatCollector {
    private float[] values = new float[64];
    private int size;

    void add(JsonNode node) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = node.floatValue();
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  /** Builds, initializes and loads a model from a checkpoint directory. */
  static <M extends HuggingFaceModel> M load(NDManager manager, BertCheckpoint checkpoint, M model,
      Shape inputShape) {
    model.initialize(manager, DataType.FLOAT32, inputShape, inputShape, inputShape);
    checkpoint.loadInto(model);
    return model;
  }

  /** Eval-mode forward; the logits flattened. */
  static float[] logits(NDManager manager, HuggingFaceModel model, NDList inputs) {
    NDArray out = model.forward(new ParameterStore(manager, false), inputs, false).head();
    return out.toFloatArray();
  }

  static float maxAbsDifference(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
