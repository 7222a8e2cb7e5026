package org.trainkit.examples.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.nlp.bert.BertConfig;
import org.trainkit.nlp.bert.HuggingFaceExport;
import org.trainkit.nlp.bert.HuggingFaceModel;
import org.trainkit.nlp.bert.PretrainedModelException;
import org.trainkit.nlp.tokenize.AlignedTokenizer;
import org.trainkit.runtime.config.ConfigException;

/**
 * The files of the BERT components: the pretrained directory a new run starts from, and the
 * fitted state every checkpoint keeps. That state is itself a Hugging Face directory ({@code
 * config.json} with this run's {@code id2label}, {@code model.safetensors}, the tokenizer files),
 * so a run needs nothing outside it, and {@code checkpoints/best/component/} is the export,
 * written atomically with the checkpoint.
 */
final class BertFiles {

  private BertFiles() {}

  /**
   * The pretrained directory of a new run, checked whole — config, tokenizer, and every weight's
   * dtype, size and shape, by loading it once into a throwaway model — so that a bad directory
   * is one message before anything is written. Returns null when the option is unset or names
   * nothing: a run being resumed or evaluated needs no pretrained directory, and a new run asks
   * for it in {@link #requirePretrained}.
   */
  static BertCheckpoint checkIfPresent(Path option, int maxLength,
      Function<BertConfig, HuggingFaceModel> architecture) {
    if (option == null || option.toString().isEmpty() || !Files.exists(option)) {
      return null;
    }
    BertCheckpoint checkpoint = BertCheckpoint.open(option);
    checkMaxLength(checkpoint.config(), maxLength);
    AlignedTokenizer.open(option, maxLength).close();
    BertConfig config = checkpoint.config();
    // a throwaway model with the checkpoint's own labels, so that its head's shape is checked
    HuggingFaceModel model = architecture.apply(
        config.labels().isEmpty() ? config.withLabels(List.of("O")) : config);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Shape shape = new Shape(1, 2);
      model.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      checkpoint.loadInto(model);
    }
    return checkpoint;
  }

  /** The pretrained directory a new run needs; a clear message when it was not given. */
  static BertCheckpoint requirePretrained(BertCheckpoint checked, Path option, int maxLength) {
    if (checked != null) {
      return checked;
    }
    if (option == null || option.toString().isEmpty()) {
      throw new ConfigException("options.pretrained", "options.pretrained is not set: a new run"
          + " starts from a pretrained model; pass --pretrained DIR (a Hugging Face model"
          + " directory: config.json, model.safetensors, tokenizer.json or vocab.txt)");
    }
    BertCheckpoint checkpoint = BertCheckpoint.open(option); // names what is missing
    checkMaxLength(checkpoint.config(), maxLength);
    return checkpoint;
  }

  /**
   * The pretrained directory a component predicts with untrained: it must have a classification
   * head's labels ({@code id2label}); {@code head} names the kind, {@code command} the component.
   */
  static BertCheckpoint requireFineTuned(BertCheckpoint checked, Path option, int maxLength,
      String head, String command) {
    BertCheckpoint checkpoint = requirePretrained(checked, option, maxLength);
    if (checkpoint.config().labels().isEmpty()) {
      throw new PretrainedModelException(checkpoint.directory().resolve(BertCheckpoint.CONFIG),
          "has no id2label: this checkpoint has no " + head + " head to predict with; fine-tune"
              + " it first (" + command + " train --pretrained DIR ...)");
    }
    return checkpoint;
  }

  static void checkMaxLength(BertConfig config, int maxLength) {
    if (maxLength < 3 || maxLength > config.maxPositionEmbeddings()) {
      throw new ConfigException("options.maxLength", "options.maxLength: " + maxLength
          + " is not allowed; must be in [3, " + config.maxPositionEmbeddings()
          + "] (the model's max_position_embeddings)");
    }
  }

  /** Writes the fitted state: the model as a Hugging Face directory, with its tokenizer. */
  static void save(Path directory, HuggingFaceModel model,
      SortedMap<String, byte[]> tokenizerFiles) throws IOException {
    HuggingFaceExport.write(directory, model, tokenizerFiles);
  }

  /** The tokenizer files of a directory, held so that the directory may go away. */
  static SortedMap<String, byte[]> tokenizerFiles(Path directory) {
    try {
      return HuggingFaceExport.tokenizerFiles(directory);
    } catch (IOException e) {
      throw new PretrainedModelException(directory, "cannot read the tokenizer files: "
          + e.getMessage(), e);
    }
  }

  /** The architecture (with the run's labels) a fitted state holds. */
  static BertConfig config(Path directory) {
    return BertConfig.read(directory.resolve(BertCheckpoint.CONFIG));
  }
}
