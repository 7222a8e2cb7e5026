package org.trainkit.runtime.config;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code device} a run asks for, parsed once from its YAML/CLI spelling: {@code auto} (a GPU
 * when DJL sees one, else the CPU), {@code cpu}, {@code gpu} (the default GPU) or {@code gpu:N}.
 *
 * @param kind what is asked for
 * @param index the GPU index of {@code gpu:N}; -1 for every other spelling
 */
public record DeviceSpec(Kind kind, int index) {

  /** The kinds of device a configuration can name. */
  public enum Kind {
    AUTO,
    CPU,
    GPU
  }

  public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, -1);
  public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, -1);

  /** {@code gpu:N} takes a device index; four digits are plenty and keep it an {@code int}. */
  private static final Pattern SPELLING = Pattern.compile("auto|cpu|gpu(?::([0-9]{1,4}))?");

  /** What a message says a device may be. */
  static final String ALLOWED = "auto, cpu, gpu or gpu:N with N a device index, e.g. gpu:0";

  public DeviceSpec {
    if (kind == null || (index >= 0 && kind != Kind.GPU) || index < -1) {
      throw new IllegalArgumentException("no such device: " + kind + " " + index);
    }
  }

  /** The device a spelling names, or empty when it names none. */
  public static Optional<DeviceSpec> parse(String spelling) {
    if (spelling == null) {
      return Optional.empty();
    }
    Matcher m = SPELLING.matcher(spelling);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(switch (spelling) {
      case "auto" -> AUTO;
      case "cpu" -> CPU;
      case "gpu" -> new DeviceSpec(Kind.GPU, -1);
      default -> new DeviceSpec(Kind.GPU, Integer.parseInt(m.group(1)));
    });
  }

  /**
   * Checks that the device exists on this machine, before anything is trained: {@code gpu} and
   * {@code gpu:N} need a GPU the engine sees ({@code auto} falls back to the CPU).
   *
   * @throws ConfigException naming field {@code device} when no such GPU is visible
   */
  public void requireAvailable() {
    if (kind != Kind.GPU) {
      return;
    }
    int gpus = Engine.getInstance().getGpuCount();
    if (gpus == 0) {
      throw new ConfigException("device", "device: " + this + " asks for a GPU, but PyTorch sees none"
          + " on this machine (a CPU build of libtorch, or no CUDA driver); use device: cpu or auto,"
          + " or build with -P gpu on a machine with an NVIDIA GPU (README, \"GPU\")");
    }
    if (index >= gpus) {
      throw new ConfigException("device", "device: " + this + " names GPU " + index + ", but PyTorch"
          + " sees " + gpus + " (gpu:0 to gpu:" + (gpus - 1) + ")");
    }
  }

  /** The DJL device: for {@code auto}, the engine's default (a GPU when it sees one). */
  public Device toDjl() {
    return switch (kind) {
      case AUTO -> Engine.getInstance().defaultDevice();
      case CPU -> Device.cpu();
      case GPU -> index < 0 ? Device.gpu() : Device.gpu(index);
    };
  }

  /** The spelling, as YAML and the command line write it. */
  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case CPU -> "cpu";
      case GPU -> index < 0 ? "gpu" : "gpu:" + index;
    };
  }
}
