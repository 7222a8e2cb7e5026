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
 * The PyTorch contender's Python process ({@code benchmarks/python/torch_contender.py}), kept
 * for the whole throughput section and driven a command at a time, so that its timings
 * interleave with the Java contenders'. It runs with {@code OPENBLAS_NUM_THREADS=1} and
 * {@code torch.set_num_threads(threads)} (see DESIGN.md: two OpenBLAS threads on top of
 * torch's oversubscribe the cores).
 */
public final class PythonWorker implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final String banner;
  private final Path log;

  private PythonWorker(Process process, Path log) throws IOException {
    this.process = process;
    this.log = log;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    String first = out.readLine();
    if (first == null || !first.startsWith("ready ")) {
      throw new IOException("the Python contender did not start" + (first == null ? "" : ": " + first)
          + stderrTail());
    }
    this.banner = first.substring("ready ".length());
  }

  /** Starts the worker, or says why it cannot. */
  public static PythonWorker start(String python, Path script, int threads, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(python, script.toString());
    builder.environment().put("OPENBLAS_NUM_THREADS", "1");
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    builder.environment().put("TRAINKIT_BENCH_THREADS", Integer.toString(threads));
    builder.redirectError(log.toFile());
    return new PythonWorker(builder.start(), log);
  }

  /** The worker's process id (its CPU time is the benchmark's, not outside load). */
  public long pid() {
    return process.pid();
  }

  /** {@code torch=… threads=… blas=…}, as the worker reported it. */
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

  /** Contender (d) for one workload, on this worker. */
  public Contender contender() {
    return new Contender() {
      @Override
      public String id() {
        return "d";
      }

      @Override
      public String label() {
        return "PyTorch from Python (torch.nn + torch.optim.Adam, " + banner + ")";
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
