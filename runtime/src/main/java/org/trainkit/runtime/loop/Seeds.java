package org.trainkit.runtime.loop;

/**
 * Seeds derived from the run seed. DJL cannot save libtorch's generator state, so instead of
 * saving it, every step re-seeds from (run seed, step): a resumed run draws the same dropout
 * masks as an uninterrupted one.
 */
public final class Seeds {

  private Seeds() {}

  /** The seed for initializing parameters. */
  public static int initialization(long seed) {
    return mix(seed, -1);
  }

  /** The seed for the {@code microStep}-th batch of the run (counting accumulated batches). */
  public static int step(long seed, long microStep) {
    return mix(seed, microStep);
  }

  private static int mix(long seed, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) (z & 0x7fffffff);
  }
}
