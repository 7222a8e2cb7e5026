package org.trainkit.nlp.bert;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a model as a Hugging Face directory that {@code from_pretrained} loads:
 * {@code config.json} (the checkpoint's fields, {@code architectures} and
 * {@code id2label}/{@code label2id} of this model), {@code model.safetensors} (F32, Hugging Face
 * names) and the tokenizer files of the source directory. The directory appears whole or not
 * at all: it is written under a temporary name beside the target and renamed into place.
 */
public final class HuggingFaceExport {

  /** Tokenizer files copied when the source has them. */
  public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.txt",
      "tokenizer_config.json", "special_tokens_map.json");

  private HuggingFaceExport() {}

  /**
   * @param target the export directory; replaced if it exists
   * @param tokenizerSource the directory whose tokenizer files go with the model
   */
  public static void write(Path target, HuggingFaceModel model, Path tokenizerSource)
      throws IOException {
    write(target, model, tokenizerFiles(tokenizerSource));
  }

  /** The tokenizer files of {@code directory} that an export carries, by name. */
  public static SortedMap<String, byte[]> tokenizerFiles(Path directory) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (String name : TOKENIZER_FILES) {
      Path source = directory.resolve(name);
      if (Files.isRegularFile(source)) {
        files.put(name, Files.readAllBytes(source));
      }
    }
    return files;
  }

  /**
   * @param target the export directory; replaced if it exists
   * @param tokenizerFiles the tokenizer files to write beside the model, by file name
   */
  public static void write(Path target, HuggingFaceModel model,
      SortedMap<String, byte[]> tokenizerFiles) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path temp = parent.resolve("." + absolute.getFileName() + ".tmp-" + unique);
    Path old = parent.resolve("." + absolute.getFileName() + ".old-" + unique);
    boolean done = false;
    try {
      Files.createDirectory(temp);
      Files.writeString(temp.resolve(BertCheckpoint.CONFIG),
          model.config().toJson(model.architecture()), StandardCharsets.UTF_8);
      Safetensors.write(temp.resolve(BertCheckpoint.WEIGHTS), tensors(model));
      for (Map.Entry<String, byte[]> file : tokenizerFiles.entrySet()) {
        Files.write(temp.resolve(file.getKey()), file.getValue());
      }
      if (Files.exists(absolute)) {
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      done = true;
    } finally {
      deleteTree(done ? old : temp);
    }
  }

  private static SortedMap<String, Safetensors.Tensor> tensors(HuggingFaceModel model) {
    SortedMap<String, Safetensors.Tensor> tensors = new TreeMap<>();
    for (Map.Entry<String, Parameter> e : model.huggingFaceParameters().entrySet()) {
      var array = e.getValue().getArray();
      tensors.put(e.getKey(),
          new Safetensors.Tensor(array.getShape().getShape(), array.toFloatArray()));
    }
    return tensors;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
