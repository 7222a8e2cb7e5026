package org.trainkit.benchmarks.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameter shapes of a block, for checking that the Python model is the same size. */
public final class Parameters {

  private Parameters() {}

  /** Initializes {@code block} for {@code inputShapes} and returns its parameter shapes by name. */
  public static Map<String, Shape> shapes(Block block, Shape... inputShapes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, inputShapes);
      Map<String, Shape> shapes = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        shapes.put(p.getKey(), p.getValue().getArray().getShape());
      }
      return shapes;
    }
  }

  /** Total number of values. */
  public static long count(Map<String, Shape> shapes) {
    return shapes.values().stream().mapToLong(Shape::size).sum();
  }

  /** The shape of the one parameter whose name ends with {@code suffix}. */
  public static Shape named(Map<String, Shape> shapes, String suffix) {
    List<Shape> found = shapes.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one parameter named *" + suffix + " in " + shapes.keySet());
    }
    return found.get(0);
  }
}
