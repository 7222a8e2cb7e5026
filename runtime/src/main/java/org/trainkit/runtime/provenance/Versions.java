package org.trainkit.runtime.provenance;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions of the software a run used. */
final class Versions {

  private Versions() {}

  /** trainkit's version, as Maven filled it into {@code version.properties}. */
  static String trainkit() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String djl() {
    return Engine.getDjlVersion();
  }

  /** The version of the engine's native library (libtorch). */
  static String libtorch() {
    return Engine.getEngine("PyTorch").getVersion();
  }

  static String java() {
    return Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")";
  }
}
