package org.trainkit.runtime.provenance;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of the software a run uses: trainkit's and what it was built against (written
 * into {@code version.properties} by the build), and what actually runs (DJL, libtorch, Java).
 */
public final class Versions {

  private static final String BUILT = "/org/trainkit/runtime/version.properties";

  private Versions() {}

  /** trainkit's version. */
  public static String trainkit() {
    return built().getProperty("trainkit");
  }

  /** The PyTorch version trainkit was built against (the pytorch-native jar's), without loading it. */
  public static String builtPyTorch() {
    return built().getProperty("pytorch");
  }

  /** The DJL version trainkit was built against, without loading the engine. */
  public static String builtDjl() {
    return built().getProperty("djl");
  }

  /** The DJL version that runs. */
  public static String djl() {
    return Engine.getDjlVersion();
  }

  /** The version of the engine's native library (libtorch) that runs; loads the engine. */
  public static String libtorch() {
    return Engine.getEngine("PyTorch").getVersion();
  }

  public static String java() {
    return Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")";
  }

  private static Properties built() {
    Properties versions = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream(BUILT)) {
      if (in == null) {
        throw new IllegalStateException(BUILT + " is missing from trainkit-runtime");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }
}
