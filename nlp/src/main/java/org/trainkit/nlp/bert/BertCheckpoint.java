package org.trainkit.nlp.bert;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face model directory as {@code save_pretrained} writes it, checked to hold
 * everything a BERT run needs: {@code config.json}, {@code model.safetensors} and a tokenizer
 * ({@code tokenizer.json}, or {@code vocab.txt} from which one is built). Each missing piece is
 * one message naming the file and what is expected; a {@code pytorch_model.bin} alone is refused
 * (it is a Python pickle, which is never unpickled here).
 */
public record BertCheckpoint(Path directory, BertConfig config, Path weights) {

  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String PICKLED_WEIGHTS = "pytorch_model.bin";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String VOCABULARY = "vocab.txt";

  /** Checks {@code directory} and reads its configuration. */
  public static BertCheckpoint open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new PretrainedModelException(directory, "not a directory; expected a Hugging Face"
          + " model directory (config.json, model.safetensors, tokenizer.json or vocab.txt)");
    }
    BertConfig config = BertConfig.read(directory.resolve(CONFIG));
    Path weights = directory.resolve(WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      Path pickled = directory.resolve(PICKLED_WEIGHTS);
      if (Files.isRegularFile(pickled)) {
        throw new PretrainedModelException(pickled, "PyTorch pickle weights are not read (loading"
            + " a pickle can run code); convert it to safetensors, e.g. in Python: "
            + "AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
      }
      throw new PretrainedModelException(weights, "missing: the model's weights are expected"
          + " in model.safetensors");
    }
    if (!Files.isRegularFile(directory.resolve(TOKENIZER))
        && !Files.isRegularFile(directory.resolve(VOCABULARY))) {
      throw new PretrainedModelException(directory.resolve(TOKENIZER), "missing, and no "
          + VOCABULARY + " either: the tokenizer is expected in tokenizer.json or vocab.txt");
    }
    return new BertCheckpoint(directory, config, weights);
  }

  /**
   * Sets an initialized model's parameters from this checkpoint's weights; the model's labels
   * decide whether the checkpoint's head is kept (see {@link HuggingFaceWeights}).
   */
  public LoadReport loadInto(HuggingFaceModel model) {
    return HuggingFaceWeights.load(weights, model, config.labels());
  }
}
