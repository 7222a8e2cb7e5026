package org.trainkit.nlp.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The architecture of a BERT checkpoint as Hugging Face's {@code config.json} describes it. Only
 * what this encoder implements is accepted ({@code model_type} "bert", {@code hidden_act}
 * "gelu", absolute positions); anything else is refused with a message naming the file, the
 * field, its value and what is supported. The file's other fields are kept, so an export writes
 * them back unchanged.
 *
 * @param labels the head's labels in id order ({@code id2label}); empty when the file has none
 */
public record BertConfig(
    int vocabSize,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int intermediateSize,
    int maxPositionEmbeddings,
    int typeVocabSize,
    float layerNormEps,
    float hiddenDropoutProb,
    float attentionProbsDropoutProb,
    float classifierDropoutProb,
    List<String> labels,
    ObjectNode raw) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BertConfig {
    labels = List.copyOf(labels);
    raw = raw.deepCopy();
  }

  /** Reads and checks {@code config.json}. */
  public static BertConfig read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new PretrainedModelException(file, "missing: a Hugging Face model directory needs its"
          + " config.json (as save_pretrained writes it)");
    } catch (IOException e) {
      throw new PretrainedModelException(file, "not readable JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new PretrainedModelException(file, "expected a JSON object");
    }
    return new Reader(file, object).config();
  }

  /** The number of values per attention head. */
  public int headSize() {
    return hiddenSize / numAttentionHeads;
  }

  /** The same architecture with another label set (the head this run trains). */
  public BertConfig withLabels(List<String> newLabels) {
    return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads,
        intermediateSize, maxPositionEmbeddings, typeVocabSize, layerNormEps, hiddenDropoutProb,
        attentionProbsDropoutProb, classifierDropoutProb, newLabels, raw);
  }

  /**
   * The {@code config.json} text for this configuration: the original fields, with
   * {@code id2label}/{@code label2id} set to {@link #labels()} and {@code architectures} to the
   * given Hugging Face class name (e.g. {@code BertForTokenClassification}).
   */
  public String toJson(String architecture) {
    ObjectNode out = raw.deepCopy();
    out.putArray("architectures").add(architecture);
    ObjectNode id2label = out.putObject("id2label");
    ObjectNode label2id = out.putObject("label2id");
    for (int i = 0; i < labels.size(); i++) {
      id2label.put(Integer.toString(i), labels.get(i));
      label2id.put(labels.get(i), i);
    }
    out.remove("num_labels");
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Reads one file's fields, each failure naming the file and the field. */
  private static final class Reader {
    private final Path file;
    private final ObjectNode root;

    Reader(Path file, ObjectNode root) {
      this.file = file;
      this.root = root;
    }

    BertConfig config() {
      String modelType = text("model_type", null);
      if (!"bert".equals(modelType)) {
        throw new PretrainedModelException(file, "model_type is "
            + (modelType == null ? "missing" : "\"" + modelType + "\"")
            + "; supported: \"bert\" (BERT-family checkpoints such as BERT, BioBERT,"
            + " PubMedBERT, SciBERT, Bio_ClinicalBERT)");
      }
      String act = text("hidden_act", "gelu");
      if (!"gelu".equals(act)) {
        throw new PretrainedModelException(file,
            "hidden_act is \"" + act + "\"; supported: \"gelu\" (exact GELU)");
      }
      String positions = text("position_embedding_type", "absolute");
      if (!"absolute".equals(positions)) {
        throw new PretrainedModelException(file, "position_embedding_type is \"" + positions
            + "\"; supported: \"absolute\"");
      }
      int hidden = positive("hidden_size");
      int heads = positive("num_attention_heads");
      if (hidden % heads != 0) {
        throw new PretrainedModelException(file, "hidden_size " + hidden
            + " is not a multiple of num_attention_heads " + heads);
      }
      float hiddenDropout = probability("hidden_dropout_prob", 0.1f);
      JsonNode classifierDropout = root.get("classifier_dropout");
      float classifierProb = classifierDropout == null || classifierDropout.isNull()
          ? hiddenDropout
          : probability("classifier_dropout", hiddenDropout);
      return new BertConfig(positive("vocab_size"), hidden, positive("num_hidden_layers"), heads,
          positive("intermediate_size"), positive("max_position_embeddings"),
          positive("type_vocab_size"), epsilon(), hiddenDropout,
          probability("attention_probs_dropout_prob", 0.1f), classifierProb, labels(), root);
    }

    private String text(String field, String absent) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        return absent;
      }
      if (!node.isTextual()) {
        throw new PretrainedModelException(file, field + " must be a string, found " + node);
      }
      return node.asText();
    }

    private int positive(String field) {
      JsonNode node = root.get(field);
      if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
        throw new PretrainedModelException(file, field + " must be a positive integer, found "
            + (node == null ? "nothing" : node.toString()));
      }
      return node.asInt();
    }

    private float probability(String field, float absent) {
      JsonNode node = root.get(field);
      if (node == null) {
        return absent;
      }
      if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() >= 1) {
        throw new PretrainedModelException(file, field + " must be a number in [0, 1), found "
            + node);
      }
      return (float) node.asDouble();
    }

    private float epsilon() {
      JsonNode node = root.get("layer_norm_eps");
      if (node == null) {
        return 1e-12f;
      }
      if (!node.isNumber() || node.asDouble() <= 0) {
        throw new PretrainedModelException(file, "layer_norm_eps must be a positive number, found "
            + node);
      }
      return (float) node.asDouble();
    }

    private List<String> labels() {
      JsonNode node = root.get("id2label");
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isObject()) {
        throw new PretrainedModelException(file, "id2label must be an object {\"0\": label, ...}");
      }
      Map<Integer, String> byId = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        int id;
        try {
          id = Integer.parseInt(e.getKey());
        } catch (NumberFormatException ex) {
          throw new PretrainedModelException(file, "id2label key \"" + e.getKey()
              + "\" is not an integer id");
        }
        byId.put(id, e.getValue().asText());
      }
      List<String> labels = new ArrayList<>(byId.values());
      int expected = 0;
      for (int id : byId.keySet()) {
        if (id != expected++) {
          throw new PretrainedModelException(file, "id2label ids must be 0.." + (byId.size() - 1)
              + ", found " + byId.keySet());
        }
      }
      if (labels.size() != new HashSet<>(labels).size()) {
        throw new PretrainedModelException(file, "id2label repeats a label: " + labels);
      }
      return labels;
    }
  }
}
