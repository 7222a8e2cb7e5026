package org.trainkit.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ScalarsTest {

  @Test
  void readsTheOnlyElementOfEveryType() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertEquals(1.5f, Scalars.read(manager.create(1.5f)));
      assertEquals(-2.25f, Scalars.read(manager.create(new float[] {-2.25f}, new Shape(1, 1))));
      assertEquals(0.1f, Scalars.read(manager.create(0.1d)));
      assertEquals(7f, Scalars.read(manager.create(7)));
      assertEquals(Float.NaN, Scalars.read(manager.create(Float.NaN)));
      assertEquals(Float.POSITIVE_INFINITY, Scalars.read(manager.create(1f).div(0f)));
      // a computed scalar, not one created from Java: its bytes come from libtorch
      NDArray mean = manager.create(new float[] {1f, 2f, 4f}).mean();
      assertEquals(7f / 3f, Scalars.read(mean));
      assertEquals(3f, Scalars.read(manager.create(new float[] {1f, 2f}).toType(DataType.FLOAT16, false).sum()));
    }
  }

  @Test
  void refusesAnArrayOfMoreOrFewerThanOneElement() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThrows(IllegalArgumentException.class, () -> Scalars.read(manager.create(new float[] {1f, 2f})));
      assertThrows(IllegalArgumentException.class, () -> Scalars.read(manager.create(new double[] {1, 2})));
      assertThrows(IllegalArgumentException.class, () -> Scalars.read(manager.create(new int[] {1, 2})));
      assertThrows(IllegalArgumentException.class, () -> Scalars.read(manager.create(new float[0])));
    }
  }
}
