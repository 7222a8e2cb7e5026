package org.trainkit.runtime.loop;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.ForwardContext;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.optim.StatefulOptimizer.ParameterGradient;

/**
 * Owns a component's block on one device: initializes its parameters from the first inputs it
 * sees (seeded, so every run starts from the same weights), runs it, and saves or loads its
 * parameters.
 */
public final class ModelRunner implements AutoCloseable {

  private final Block block;
  private final Device device;
  private final NDManager manager;
  private final long seed;
  private ParameterStore parameterStore;
  private List<Pair<String, Parameter>> trainable;
  /** Handles to the gradients, kept once every trainable parameter has one; see gradients(). */
  private List<ParameterGradient> gradients;
  private volatile boolean initialized;
  private Shape[] initializedWith;

  public ModelRunner(Block block, Device device, long seed) {
    this.block = block;
    this.device = device;
    this.manager = NDManager.newBaseManager(device);
    this.seed = seed;
    this.parameterStore = new ParameterStore(manager, false);
  }

  public Block block() {
    return block;
  }

  public Device device() {
    return device;
  }

  /** The manager that owns the parameters; batches and optimizer state live in sub-managers. */
  public NDManager manager() {
    return manager;
  }

  public boolean isInitialized() {
    // Block.isInitialized() walks the block tree and builds every parameter's name: too dear to
    // ask on every step. A block, once initialized, stays so.
    if (!initialized) {
      initialized = block.isInitialized();
    }
    return initialized;
  }

  /**
   * Runs the block, initializing its parameters first if this is the first call (once, even
   * when several threads predict with a model that no checkpoint initialized).
   */
  public NDList forward(NDList inputs, boolean training) {
    if (!initialized) {
      synchronized (this) {
        if (!isInitialized()) {
          initialize(inputs.getShapes());
        }
      }
    }
    return block.forward(parameterStore, inputs, training);
  }

  /** Initializes the parameters for inputs of the given shapes, from the run seed. */
  public void initialize(Shape... inputShapes) {
    Engine.getInstance().setRandomSeed(Seeds.initialization(seed));
    block.initialize(manager, DataType.FLOAT32, inputShapes);
    initializedWith = inputShapes.clone();
    keepParameters();
    initialized = true;
  }

  /**
   * The shapes the block was initialized with. Kept as given: what a block reports afterwards
   * ({@code describeInput}) can differ — a bare {@code Linear} reports its input flattened.
   */
  public Shape[] inputShapes() {
    if (initializedWith != null) {
      return initializedWith.clone();
    }
    return block.describeInput().values().toArray(new Shape[0]);
  }

  /** Parameters live as long as the model, not as long as the step that created them. */
  private void keepParameters() {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized()) {
        NDScope.unregister(p.getValue().getArray());
      }
    }
    trainable = null;
    forgetGradients();
    parameterStore = new ParameterStore(manager, false);
  }

  /** The parameters that require gradients, by stable name, in a fixed order. */
  public List<Pair<String, Parameter>> trainableParameters() {
    if (trainable == null) {
      List<Pair<String, Parameter>> list = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getValue().requiresGradient()) {
          list.add(p);
        }
      }
      trainable = List.copyOf(list);
    }
    return trainable;
  }

  /**
   * The trainable parameters with their gradients. Once every parameter has a gradient, the
   * handles are kept for the model's life: libtorch accumulates into a parameter's gradient in
   * place and the optimizer zeroes it in place, so the same tensor holds every step's gradient,
   * and asking for it again (a native call and a new handle per parameter) each step is waste.
   * Until then (before the first backward, or while a parameter had none) the handles are new
   * ones registered in the current {@link NDScope}, which closes them.
   */
  public List<ParameterGradient> gradients() {
    if (gradients != null) {
      return gradients;
    }
    List<ParameterGradient> list = new ArrayList<>();
    boolean everyOneHasOne = true;
    for (Pair<String, Parameter> p : trainableParameters()) {
      NDArray weight = p.getValue().getArray();
      NDArray gradient;
      if (weight instanceof PtNDArray pt) {
        gradient = JniUtils.getGradient(pt);
        if (gradient == null) { // no backward reached it yet: DJL's convention, zeros
          everyOneHasOne = false;
          gradient = weight.getGradient();
        }
      } else {
        everyOneHasOne = false;
        gradient = weight.getGradient();
      }
      list.add(new ParameterGradient(p.getKey(), weight, gradient));
    }
    if (everyOneHasOne) {
      list.forEach(g -> NDScope.unregister(g.gradient()));
      gradients = List.copyOf(list);
      return gradients;
    }
    return list;
  }

  /** Closes the kept gradient handles (not the gradients: the parameters own those). */
  private void forgetGradients() {
    if (gradients != null) {
      gradients.forEach(g -> g.gradient().close());
      gradients = null;
    }
  }

  /** The trainable parameters without gradients, for restoring optimizer state. */
  public List<ParameterGradient> weights() {
    List<ParameterGradient> list = new ArrayList<>();
    for (Pair<String, Parameter> p : trainableParameters()) {
      list.add(new ParameterGradient(p.getKey(), p.getValue().getArray(), null));
    }
    return list;
  }

  /** Every parameter's shape by name, to check that a checkpoint fits this model. */
  public Map<String, Shape> parameterShapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized()) {
        shapes.put(p.getKey(), p.getValue().getArray().getShape());
      }
    }
    return shapes;
  }

  public void saveParameters(DataOutputStream out) throws IOException {
    block.saveParameters(out);
  }

  /**
   * Replaces the parameters with those in {@code in}. The block must already be initialized, so
   * that a checkpoint of another model is caught by name and shape.
   */
  public void loadParameters(DataInputStream in, String source) throws IOException {
    Map<String, Shape> expected = parameterShapes();
    List<NDArray> old = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized()) {
        old.add(p.getValue().getArray());
      }
    }
    try {
      block.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new IOException(source + ": not parameters of this model: " + e.getMessage(), e);
    } catch (java.io.EOFException e) {
      throw new IOException(source + ": ends before this model's parameters are all read "
          + "(a checkpoint of another model, with fewer parameters?)", e);
    } catch (IOException | RuntimeException e) {
      throw new IOException(source + ": not parameters of this model (a checkpoint of another "
          + "model?): " + e, e);
    }
    if (in.read() != -1) {
      throw new IOException(source + ": holds more than this model's parameters "
          + "(a checkpoint of another model, with more parameters?)");
    }
    Map<String, Shape> loaded = parameterShapes();
    for (Map.Entry<String, Shape> e : expected.entrySet()) {
      Shape shape = loaded.get(e.getKey());
      if (!e.getValue().equals(shape)) {
        throw new IOException(
            source + ": parameter '" + e.getKey() + "' has shape " + shape
                + " but the model's is " + e.getValue() + " (a checkpoint of another model?)");
      }
    }
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    }
    old.forEach(NDArray::close);
    keepParameters();
  }

  /** A {@link ForwardContext} for one step, evaluation or prediction batch. */
  public ForwardContext context(ForwardMode mode, NDManager stepManager) {
    return new ForwardContext() {
      @Override
      public ForwardMode mode() {
        return mode;
      }

      @Override
      public NDList forward(NDList inputs) {
        return ModelRunner.this.forward(inputs, mode.isTraining());
      }

      @Override
      public NDManager manager() {
        return stepManager;
      }

      @Override
      public Device device() {
        return device;
      }
    };
  }

  @Override
  public void close() {
    forgetGradients();
    manager.close();
  }
}
