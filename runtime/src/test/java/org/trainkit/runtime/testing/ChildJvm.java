package org.trainkit.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from this one with the same java binary and class path, running {@link
 * PointsTrainerMain}; its standard output arrives line by line, its standard error is kept.
 */
public final class ChildJvm implements AutoCloseable {

  private static final String END = "\u0000end";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();

  private ChildJvm(Process process) {
    this.process = process;
    Thread stdout = new Thread(() -> pump(new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), out, true));
    Thread stderr = new Thread(() -> pump(new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err, false));
    stdout.setDaemon(true);
    stderr.setDaemon(true);
    stdout.start();
    stderr.start();
  }

  /**
   * Starts {@code PointsTrainerMain args} in a new JVM, with markers on and the given pause
   * inside each checkpoint's component-state write. {@code wrapper} (may be empty) goes before
   * the java command, e.g. a program that resets a signal's disposition.
   */
  public static ChildJvm start(List<String> wrapper, long saveSleepMillis, List<String> args)
      throws IOException {
    return start(wrapper, List.of("-Dtrainkit.test.saveSleepMillis=" + saveSleepMillis), args);
  }

  /** Starts {@code PointsTrainerMain args} in a new JVM with markers on and these JVM options. */
  public static ChildJvm start(List<String> wrapper, List<String> jvmOptions, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dtrainkit.test.markers=true");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(PointsTrainerMain.class.getName());
    command.addAll(args);
    return new ChildJvm(new ProcessBuilder(command).start());
  }

  /** The test class path: surefire's real one when the JVM was started through a booter jar. */
  static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private void pump(BufferedReader reader, StringBuffer into, boolean queue) {
    try (reader) {
      String line;
      while ((line = reader.readLine()) != null) {
        into.append(line).append('\n');
        if (queue) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // the process died; what was read is kept
    } finally {
      if (queue) {
        lines.add(END);
      }
    }
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  /**
   * Waits for the {@code count}-th output line (from now) starting with {@code prefix}.
   *
   * @return false when the process ended (or the time ran out) first
   */
  public boolean awaitLine(String prefix, int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int seen = 0;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      String line = lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        if (line != null) {
          lines.add(END);
        }
        return false;
      }
      if (line.startsWith(prefix) && ++seen == count) {
        return true;
      }
    }
  }

  /** Kills with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux) and waits. */
  public void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Waits for the process to end and returns its exit code; -1 after the timeout (killed then). */
  public int waitFor(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      killNine();
      return -1;
    }
    return process.exitValue();
  }

  public String stdout() {
    return out.toString();
  }

  public String stderr() {
    return err.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      killNine();
    }
  }
}
