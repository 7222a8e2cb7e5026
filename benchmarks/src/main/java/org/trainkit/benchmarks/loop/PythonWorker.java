package org.trainkit.benchmarks.loop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python contender's process ({@code benchmarks/python/torch_contender.py}): plain PyTorch
 * (d) or, with {@code --lightning}, Lightning (e). Kept for the whole throughput section and
 * driven a command at a time, so that its timings interleave with the Java contenders'. It
 * runs with {@code OPENBLAS_NUM_THREADS=1}, {@code torch.set_num_threads(threads)} and one
 * inter-op thread (see DESIGN.md: two OpenBLAS threads on top of torch's oversubscribe the
 * cores).
 */
public final class PythonWorker implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final String banner;
  private final Path log;
  private final boolean lightning;

  private PythonWorker(Process process, Path log, boolean lightning) throws IOException {
    this.process = process;
    this.log = log;
    this.lightning = lightning;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    String first = out.readLine();
    if (first == null || !first.startsWith("ready ")) {
      throw new IOException("the Python contender" + (lightning ? " (Lightning)" : "") + " did not start"
          + (first == null ? "" : ": " + first) + stderrTail());
    }
    this.banner = first.substring("ready ".length());
  }

  /**
   * Starts the worker, or says why it cannot.
   *
   * @param lightning true for contender (e), Lightning; false for (d), the plain loop
   */
  public static PythonWorker start(String python, Path script, int threads, Path log, boolean lightning)
      throws IOException {
    ProcessBuilder builder = lightning
        ? new ProcessBuilder(python, script.toString(), "--lightning")
        : new ProcessBuilder(python, script.toString());
    builder.environment().put("OPENBLAS_NUM_THREADS", "1");
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    builder.environment().put("TRAINKIT_BENCH_THREADS", Integer.toString(threads));
    builder.redirectError(log.toFile());
    return new PythonWorker(builder.start(), log, lightning);
  }

  /** The worker's process id (its CPU time is the benchmark's, not outside load). */
  public long pid() {
    return process.pid();
  }

  /** {@code torch=… threads=… mkl=… blas=… lightning=…}, as the worker reported it. */
  public String banner() {
    return banner;
  }

  /** Loads a workload's data and builds its model; returns the model's parameter count. */
  public long setup(String kind, int batchSize, Path data, long seed) throws IOException {
    String reply = call("setup " + kind + " " + batchSize + " " + data.toAbsolutePath() + " " + seed);
    if (!reply.startsWith("ok params=")) {
      throw new IOException("Python setup failed: " + reply);
    }
    return Long.parseLong(reply.substring("ok params=".length()).trim());
  }

  /** Runs {@code steps} optimizer steps; returns their seconds. */
  public double steps(int steps) throws IOException {
    String reply = call("steps " + steps);
    if (!reply.startsWith("time ")) {
      throw new IOException("Python steps failed: " + reply);
    }
    return Double.parseDouble(reply.split(" ")[1]);
  }

  /**
   * Predicts every example of the set-up workload, in eval mode under {@code
   * torch.inference_mode()}, in batches of {@code batchSize} sorted by length within windows of
   * {@code window}, or with {@code window} 0 in input order; returns the seconds.
   */
  public double infer(int batchSize, int window) throws IOException {
    String reply = call("infer " + batchSize + " " + window);
    if (!reply.startsWith("time ")) {
      throw new IOException("Python infer failed: " + reply);
    }
    return Double.parseDouble(reply.split(" ")[1]);
  }

  /**
   * Runs {@code steps} optimizer steps under {@code torch.profiler} and returns the aten ops a
   * step it counted.
   */
  public AtenOps profile(int steps) throws IOException {
    String reply = call("profile " + steps);
    if (!reply.startsWith("ops ")) {
      throw new IOException("Python profile failed: " + reply);
    }
    String[] f = reply.split(" ", 6);
    java.util.Map<String, Double> names = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(f[5], new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, Double>>() {});
    return new AtenOps(Double.parseDouble(f[1]), Double.parseDouble(f[3]), names);
  }

  private String call(String command) throws IOException {
    in.println(command);
    String reply = out.readLine();
    if (reply == null) {
      throw new IOException("the Python contender exited" + stderrTail());
    }
    return reply;
  }

  private String stderrTail() {
    try {
      if (log != null && java.nio.file.Files.exists(log)) {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
      }
    } catch (IOException e) {
      // nothing to add
    }
    return "";
  }

  @Override
  public void close() throws InterruptedException {
    in.println("quit");
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** The contender's id: {@code d} (plain PyTorch) or {@code e} (Lightning). */
  public String id() {
    return lightning ? "e" : "d";
  }

  /** Contender (d) or (e) for one workload, on this worker. */
  public Contender contender() {
    return new Contender() {
      @Override
      public String id() {
        return PythonWorker.this.id();
      }

      @Override
      public String label() {
        return lightning
            ? "Lightning from Python (LightningModule + lightning.Trainer, logger, checkpointing, progress bar and summary off; " + banner + ")"
            : "PyTorch from Python (torch.nn + torch.optim.Adam, " + banner + ")";
      }

      @Override
      public double timeSteps(int steps) throws IOException {
        return steps(steps);
      }

      @Override
      public void close() {}
    };
  }

}
