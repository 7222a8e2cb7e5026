package org.trainkit.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;

/**
 * Reading a one-element array back as a number, with as few native calls as DJL allows. DJL's
 * {@code getFloat()} first indexes the array (a native op and a new handle), and {@code
 * toFloatArray()} asks the layout, contiguity and a direct buffer (four native calls); copying
 * the bytes out ({@code toByteBuffer(false)}) is one call. On a 1 ms step each call counts.
 */
public final class Scalars {

  private Scalars() {}

  /** The only element of {@code array} (of any floating or integer type) as a float. */
  public static float read(NDArray array) {
    DataType type = array.getDataType();
    if (type == DataType.FLOAT32) {
      return array.toByteBuffer(false).getFloat(0);
    }
    if (type == DataType.FLOAT64) {
      return (float) array.toByteBuffer(false).getDouble(0);
    }
    ByteBuffer converted;
    try (NDArray asFloat = array.toType(DataType.FLOAT32, true)) {
      converted = asFloat.toByteBuffer(false);
    }
    return converted.getFloat(0);
  }
}
