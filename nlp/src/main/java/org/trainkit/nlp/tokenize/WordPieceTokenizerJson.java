package org.trainkit.nlp.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trainkit.nlp.bert.PretrainedModelException;

/**
 * Builds the {@code tokenizer.json} that Hugging Face's {@code BertTokenizerFast} makes from a
 * {@code vocab.txt} (one piece per line, the line number is its id) and the settings of
 * {@code tokenizer_config.json} ({@code do_lower_case}, default true; {@code strip_accents};
 * {@code tokenize_chinese_chars}; the special tokens): normalizer {@code BertNormalizer},
 * pre-tokenizer {@code BertPreTokenizer}, model {@code WordPiece} ({@code ##}, at most 100
 * characters a word), post-processor {@code [CLS] $A [SEP]} / {@code [CLS] $A [SEP] $B [SEP]}.
 * DJL's tokenizer reads only {@code tokenizer.json}, so older checkpoints that ship only
 * {@code vocab.txt} go through this.
 */
public final class WordPieceTokenizerJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WordPieceTokenizerJson() {}

  /** The tokenizer.json text for {@code vocab.txt} and an optional tokenizer_config.json. */
  public static String build(Path vocabulary, Path tokenizerConfig) {
    Map<String, Integer> vocab = readVocabulary(vocabulary);
    JsonNode settings = readSettings(tokenizerConfig);
    String unk = text(settings, "unk_token", "[UNK]");
    String cls = text(settings, "cls_token", "[CLS]");
    String sep = text(settings, "sep_token", "[SEP]");
    String pad = text(settings, "pad_token", "[PAD]");
    String mask = text(settings, "mask_token", "[MASK]");
    for (String special : List.of(unk, cls, sep, pad, mask)) {
      if (!vocab.containsKey(special)) {
        throw new PretrainedModelException(vocabulary, "has no line " + special
            + ", a special token BERT needs");
      }
    }

    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    vocab.entrySet().stream()
        .filter(e -> List.of(pad, unk, cls, sep, mask).contains(e.getKey()))
        .forEach(e -> added.addObject()
            .put("id", e.getValue()).put("content", e.getKey()).put("single_word", false)
            .put("lstrip", false).put("rstrip", false).put("normalized", false)
            .put("special", true));

    ObjectNode normalizer = root.putObject("normalizer");
    normalizer.put("type", "BertNormalizer");
    normalizer.put("clean_text", true);
    normalizer.put("handle_chinese_chars", bool(settings, "tokenize_chinese_chars", true));
    JsonNode stripAccents = settings.get("strip_accents");
    if (stripAccents == null || stripAccents.isNull()) {
      normalizer.putNull("strip_accents");
    } else {
      normalizer.put("strip_accents", stripAccents.asBoolean());
    }
    normalizer.put("lowercase", bool(settings, "do_lower_case", true));
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");

    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    special(single, cls, 0);
    sequence(single, "A", 0);
    special(single, sep, 0);
    ArrayNode pair = post.putArray("pair");
    special(pair, cls, 0);
    sequence(pair, "A", 0);
    special(pair, sep, 0);
    sequence(pair, "B", 1);
    special(pair, sep, 1);
    ObjectNode specials = post.putObject("special_tokens");
    for (String token : List.of(cls, sep)) {
      ObjectNode entry = specials.putObject(token);
      entry.put("id", token);
      entry.putArray("ids").add(vocab.get(token));
      entry.putArray("tokens").add(token);
    }

    root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "WordPiece");
    model.put("unk_token", unk);
    model.put("continuing_subword_prefix", "##");
    model.put("max_input_chars_per_word", 100);
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static void special(ArrayNode template, String token, int typeId) {
    template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
  }

  private static void sequence(ArrayNode template, String id, int typeId) {
    template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
  }

  private static Map<String, Integer> readVocabulary(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PretrainedModelException(file, "missing");
    } catch (IOException e) {
      throw new PretrainedModelException(file, "cannot be read as UTF-8 text: " + e.getMessage(),
          e);
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String line : lines) {
      // As transformers' load_vocab: the line without its line break is the piece; a repeated
      // piece keeps its last id.
      vocab.put(line, vocab.size());
    }
    if (vocab.isEmpty()) {
      throw new PretrainedModelException(file, "is empty; expected one piece per line");
    }
    return vocab;
  }

  private static JsonNode readSettings(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new PretrainedModelException(file, "expected a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new PretrainedModelException(file, "not readable JSON: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode settings, String field, String absent) {
    JsonNode node = settings.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    // Newer files write special tokens as {"content": "[UNK]", ...}.
    return node.isObject() ? node.path("content").asText(absent) : node.asText();
  }

  private static boolean bool(JsonNode settings, String field, boolean absent) {
    JsonNode node = settings.get(field);
    return node == null || node.isNull() ? absent : node.asBoolean();
  }
}
