package org.trainkit.runtime.data;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping at once rather than when the garbage collector finds its buffer: the
 * index pass maps a file block by block, and blocks left mapped until a collection would show in
 * the process's RSS as if the run held the corpus. Uses {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported) when it is there; else leaves the mapping to the collector.
 */
final class Unmap {

  private static final MethodHandle INVOKE_CLEANER = find();

  private Unmap() {}

  private static MethodHandle find() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Unmaps {@code buffer}, which must not be used after. */
  static void now(MappedByteBuffer buffer) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
    } catch (Throwable e) {
      // not unmapped now: the collector will
    }
  }
}
