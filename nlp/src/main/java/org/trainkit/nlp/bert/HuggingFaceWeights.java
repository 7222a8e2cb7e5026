package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets an initialized {@link HuggingFaceModel}'s parameters from a {@code model.safetensors}
 * file by Hugging Face name. File names are accepted with or without the {@code bert.} prefix and
 * with the old {@code gamma}/{@code beta} LayerNorm names; {@code position_ids} and the
 * pretraining heads ({@code cls.*}) are skipped. A tensor whose shape differs from the model's
 * is refused before anything is set.
 *
 * <p>The head: its rows are the checkpoint's labels ({@code id2label} of its config). When that
 * label set equals the model's (in any order) the rows are reordered to the model's order;
 * otherwise the head stays new and the report says why.
 */
public final class HuggingFaceWeights {

  private HuggingFaceWeights() {}

  /**
   * @param checkpointLabels the checkpoint's {@code id2label} in id order (empty if it has none)
   */
  public static LoadReport load(Path weightsFile, HuggingFaceModel model,
      List<String> checkpointLabels) {
    try (Safetensors file = Safetensors.open(weightsFile)) {
      return new Plan(file, model, checkpointLabels).apply();
    }
  }

  /** The name of {@code fileName} in the model's map, or null when the model has none. */
  static String modelName(String fileName, Map<String, Parameter> targets) {
    String name = fileName;
    if (name.endsWith(".gamma")) {
      name = name.substring(0, name.length() - ".gamma".length()) + ".weight";
    } else if (name.endsWith(".beta")) {
      name = name.substring(0, name.length() - ".beta".length()) + ".bias";
    }
    if (targets.containsKey(name)) {
      return name;
    }
    if (targets.containsKey("bert." + name)) {
      return "bert." + name;
    }
    return null;
  }

  static boolean ignored(String fileName) {
    return fileName.endsWith("position_ids") || fileName.startsWith("cls.");
  }

  /** Decides every tensor's fate, checks every shape, and only then sets anything. */
  private static final class Plan {
    private final Safetensors file;
    private final Map<String, Parameter> targets;
    private final String headPrefix;
    private final List<String> modelLabels;
    private final List<String> checkpointLabels;
    private final Map<String, String> sources = new LinkedHashMap<>(); // model name → file name
    private final List<String> unused = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private final String head;
    private final int[] headRows; // model row i ← file row headRows[i]; null: no head loaded

    Plan(Safetensors file, HuggingFaceModel model, List<String> checkpointLabels) {
      this.file = file;
      this.targets = model.huggingFaceParameters();
      this.headPrefix = model.headPrefix();
      this.modelLabels = model.config().labels();
      this.checkpointLabels = checkpointLabels;
      List<String> headTensors = new ArrayList<>();
      for (String fileName : file.tensors().keySet()) {
        String name = modelName(fileName, targets);
        if (ignored(fileName)) {
          ignored.add(fileName);
        } else if (name == null) {
          unused.add(fileName);
        } else if (name.startsWith(headPrefix)) {
          headTensors.add(fileName);
        } else {
          checkShape(fileName, name);
          sources.put(name, fileName);
        }
      }
      if (headTensors.isEmpty()) {
        head = "new (the checkpoint has no " + headPrefix + "* tensors)";
        headRows = null;
      } else if (!sameSet(checkpointLabels, modelLabels)) {
        head = "new (the checkpoint's labels " + checkpointLabels + " are not this model's "
            + modelLabels + ")";
        headRows = null;
        unused.addAll(headTensors);
      } else {
        headRows = modelLabels.stream().mapToInt(checkpointLabels::indexOf).toArray();
        head = modelLabels.equals(checkpointLabels)
            ? "kept from the checkpoint"
            : "kept from the checkpoint, rows reordered from " + checkpointLabels + " to "
                + modelLabels;
        for (String fileName : headTensors) {
          String name = modelName(fileName, targets);
          checkShape(fileName, name);
          sources.put(name, fileName);
        }
      }
    }

    private static boolean sameSet(List<String> a, List<String> b) {
      return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }

    private void checkShape(String fileName, String name) {
      Shape expected = targets.get(name).getArray().getShape();
      long[] found = file.tensors().get(fileName).shape();
      if (!Arrays.equals(expected.getShape(), found)) {
        throw new PretrainedModelException(file.file(), "tensor " + fileName + " has shape "
            + Arrays.toString(found) + " but config.json makes it "
            + Arrays.toString(expected.getShape()));
      }
    }

    LoadReport apply() {
      for (Map.Entry<String, String> e : sources.entrySet()) {
        float[] data = file.readFloats(e.getValue());
        if (e.getKey().startsWith(headPrefix) && headRows != null) {
          data = reorderRows(data, headRows);
        }
        NDArray array = targets.get(e.getKey()).getArray();
        array.set(FloatBuffer.wrap(data));
      }
      List<String> fresh = new ArrayList<>();
      for (String name : targets.keySet()) {
        if (!sources.containsKey(name)) {
          fresh.add(name);
        }
      }
      return new LoadReport(new ArrayList<>(sources.keySet()), fresh, unused, ignored, head);
    }

    /** Rows of a (labels, …) or (labels) tensor in a new order. */
    private static float[] reorderRows(float[] data, int[] rows) {
      int width = data.length / rows.length;
      float[] out = new float[data.length];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(data, rows[i] * width, out, i * width, width);
      }
      return out;
    }
  }
}
