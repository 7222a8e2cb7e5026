package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;

/**
 * Reading a one-element array back as a number, with as few native calls as DJL allows. DJL's
 * {@code getFloat()} first indexes the array (a native op and a new handle), and {@code
 * toFloatArray()} asks the layout, contiguity and a direct buffer (four native calls); copying
 * the bytes out ({@code toByteBuffer(false)}) is one call, and their count tells the size, so
 * the shape need not be asked either. On a 1 ms step each call counts.
 */
public final class Scalars {

  private Scalars() {}

  /**
   * The only element of {@code array} (of any floating or integer type) as a float.
   *
   * @throws IllegalArgumentException when the array has more or fewer than one element
   */
  public static float read(NDArray array) {
    DataType type = array.getDataType();
    if (type == DataType.FLOAT32) {
      return single(array.toByteBuffer(false), 4).getFloat(0);
    }
    if (type == DataType.FLOAT64) {
      return (float) single(array.toByteBuffer(false), 8).getDouble(0);
    }
    if (array.size() != 1) {
      throw notOne();
    }
    ByteBuffer converted;
    try (NDArray asFloat = array.toType(DataType.FLOAT32, true)) {
      converted = asFloat.toByteBuffer(false);
    }
    return converted.getFloat(0);
  }

  private static ByteBuffer single(ByteBuffer bytes, int width) {
    if (bytes.remaining() != width) {
      throw notOne();
    }
    return bytes;
  }

  private static IllegalArgumentException notOne() {
    return new IllegalArgumentException("not a single element");
  }
}
