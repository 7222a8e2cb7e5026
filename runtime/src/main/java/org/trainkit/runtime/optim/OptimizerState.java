package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * The per-parameter state arrays of one optimizer (Adam's moments, SGD's momentum buffers), keyed
 * by the parameter's stable name, plus the stream format shared by the optimizers.
 *
 * <p>State arrays outlive every training step, while the trainer closes all arrays created
 * inside a step's {@link NDScope}; so each state array is taken out of the surrounding scope as
 * soon as it exists.
 */
final class OptimizerState implements AutoCloseable {

  /** "TKOP": lets a wrong file fail with a clear message instead of garbage values. */
  private static final int MAGIC = 0x544B4F50;

  private static final int FORMAT_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(OptimizerState.class);

  private final String[] slots;
  private final Map<String, NDArray[]> arrays = new LinkedHashMap<>();
  private NDManager manager;
  private boolean ownsManager;

  /** @param slots the names of the arrays each parameter gets, e.g. {@code mean, variance} */
  OptimizerState(String... slots) {
    this.slots = slots.clone();
  }

  /** The state arrays of a parameter, created as zeros (like its weight) on first use. */
  NDArray[] get(ParameterGradient parameter) {
    NDArray[] state = arrays.get(parameter.name());
    if (state == null) {
      state = create(parameter.weight());
      arrays.put(parameter.name(), state);
    }
    return state;
  }

  private NDArray[] create(NDArray weight) {
    if (manager == null) {
      // A child of the model's manager: state lives on the weight's device and is freed with
      // the model at the latest.
      manager = weight.getManager().newSubManager(weight.getDevice());
      ownsManager = true;
    }
    NDArray[] state = new NDArray[slots.length];
    for (int i = 0; i < slots.length; i++) {
      state[i] = manager.zeros(weight.getShape(), weight.getDataType());
      NDScope.unregister(state[i]);
    }
    return state;
  }

  /** The state arrays of a parameter, or null when it has none yet (for tests). */
  NDArray[] peek(String name) {
    return arrays.get(name);
  }

  /** Number of parameters that have state. */
  int size() {
    return arrays.size();
  }

  static void writeHeader(DataOutputStream out, String kind, long updates) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeUTF(kind);
    out.writeLong(updates);
  }

  /**
   * Reads what {@link #writeHeader} wrote.
   *
   * @return the number of updates
   * @throws IOException when the stream is not optimizer state, or another optimizer's
   */
  static long readHeader(DataInputStream in, String expectedKind) throws IOException {
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException("not trainkit optimizer state (wrong magic number)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IOException(
            "optimizer state has format version "
                + version
                + " but this trainkit reads version "
                + FORMAT_VERSION);
      }
      String kind = in.readUTF();
      if (!kind.equals(expectedKind)) {
        throw new IOException(
            "optimizer state was written by "
                + kind
                + " but the configured optimizer is "
                + expectedKind);
      }
      long updates = in.readLong();
      if (updates < 0) {
        throw new IOException("optimizer state has a negative update count: " + updates);
      }
      return updates;
    } catch (EOFException e) {
      throw truncated(e);
    }
  }

  /** Writes the hyper-parameters that shape the state, by name. */
  static void writeHyperParameters(DataOutputStream out, String[] names, float[] values)
      throws IOException {
    out.writeInt(names.length);
    for (int i = 0; i < names.length; i++) {
      out.writeUTF(names[i]);
      out.writeFloat(values[i]);
    }
  }

  /**
   * Reads what {@link #writeHyperParameters} wrote. The configured values stay in force (a
   * continued run may change them on purpose); a difference is logged.
   */
  static void readHyperParameters(DataInputStream in, String kind, String[] names, float[] values)
      throws IOException {
    try {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        float saved = in.readFloat();
        for (int j = 0; j < names.length; j++) {
          if (names[j].equals(name) && Float.compare(values[j], saved) != 0) {
            LOG.warn(
                "{} state was saved with {}={}; continuing with the configured {}",
                kind,
                name,
                saved,
                values[j]);
          }
        }
      }
    } catch (EOFException e) {
      throw truncated(e);
    }
  }

  /** Writes each parameter's name and its state arrays. */
  void save(DataOutputStream out) throws IOException {
    out.writeInt(slots.length);
    for (String slot : slots) {
      out.writeUTF(slot);
    }
    out.writeInt(arrays.size());
    for (Map.Entry<String, NDArray[]> entry : arrays.entrySet()) {
      out.writeUTF(entry.getKey());
      for (NDArray array : entry.getValue()) {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /**
   * Replaces the state with what {@link #save} wrote, after checking it against the model's
   * parameters; on failure the current state is kept.
   */
  void load(DataInputStream in, List<ParameterGradient> parameters, NDManager target)
      throws IOException {
    Map<String, NDArray> weights = new HashMap<>();
    for (ParameterGradient p : parameters) {
      if (weights.put(p.name(), p.weight()) != null) {
        throw new IllegalArgumentException("parameter name '" + p.name() + "' appears twice");
      }
    }
    Map<String, NDArray[]> loaded = new LinkedHashMap<>();
    boolean ok = false;
    try {
      String[] savedSlots = new String[in.readInt()];
      for (int i = 0; i < savedSlots.length; i++) {
        savedSlots[i] = in.readUTF();
      }
      if (!Arrays.equals(savedSlots, slots)) {
        throw new IOException(
            "optimizer state holds "
                + Arrays.toString(savedSlots)
                + " per parameter but this optimizer keeps "
                + Arrays.toString(slots));
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        NDArray weight = weights.get(name);
        if (weight == null) {
          throw new IOException(
              "optimizer state holds parameter '" + name + "' which the model does not have");
        }
        NDArray[] state = new NDArray[slots.length];
        loaded.put(name, state);
        for (int s = 0; s < slots.length; s++) {
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          state[s] = decode(target, bytes, weight);
          if (!state[s].getShape().equals(weight.getShape())) {
            throw new IOException(
                "optimizer state holds parameter '"
                    + name
                    + "' with shape "
                    + state[s].getShape()
                    + " but the model's is "
                    + weight.getShape());
          }
          if (state[s].getDataType() != weight.getDataType()) {
            throw new IOException(
                "optimizer state holds parameter '"
                    + name
                    + "' as "
                    + state[s].getDataType()
                    + " but the model's is "
                    + weight.getDataType());
          }
        }
      }
      // No state at all is fine (saved before the first step); partial state is not.
      if (!loaded.isEmpty()) {
        for (ParameterGradient p : parameters) {
          if (!loaded.containsKey(p.name())) {
            throw new IOException(
                "the model's parameter '" + p.name() + "' has no state in the optimizer state");
          }
        }
      }
      ok = true;
    } catch (EOFException e) {
      throw truncated(e);
    } catch (RuntimeException e) {
      // Corrupt array bytes make DJL's decoder throw unchecked exceptions.
      throw new IOException("optimizer state is unreadable: " + e.getMessage(), e);
    } finally {
      if (!ok) {
        loaded.values().forEach(OptimizerState::closeAll);
      }
    }
    close();
    arrays.putAll(loaded);
    manager = target;
    ownsManager = false;
  }

  private static NDArray decode(NDManager target, byte[] bytes, NDArray weight) {
    NDArray array = target.decode(bytes);
    NDScope.unregister(array);
    if (!array.getDevice().equals(weight.getDevice())) {
      NDArray moved = array.toDevice(weight.getDevice(), true);
      NDScope.unregister(moved);
      array.close();
      array = moved;
    }
    return array;
  }

  private static IOException truncated(EOFException e) {
    return new IOException("optimizer state is truncated", e);
  }

  private static void closeAll(NDArray[] state) {
    for (NDArray array : state) {
      if (array != null) {
        array.close();
      }
    }
  }

  /** Frees every state array (and the manager this state created itself). */
  @Override
  public void close() {
    arrays.values().forEach(OptimizerState::closeAll);
    arrays.clear();
    if (ownsManager && manager != null) {
      manager.close();
    }
    manager = null;
    ownsManager = false;
  }
}
