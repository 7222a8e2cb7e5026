package org.trainkit.runtime.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.sweep.ChildCommand.Start;
import org.trainkit.runtime.sweep.RunState.Status;

/**
 * Runs a sweep's unfinished runs, {@code parallel} at once, each as a child JVM ({@link
 * ChildCommand}) whose output goes to {@code logs/NAME.log}. Finished runs are skipped,
 * interrupted ones resumed from their checkpoint, the rest started; a run that fails is recorded
 * ({@code logs/NAME.failed}, its last error line) and the others go on. Failed runs are skipped
 * on a later pass unless {@code retryFailed}.
 */
public final class SweepRunner {

  /** Exit code of a child stopped by a signal (or by its parent's death) after a checkpoint. */
  private static final int INTERRUPTED = 130;

  private final SweepLayout layout;
  private final SweepPlan plan;
  private final ChildCommand child;
  private final int parallel;
  private final boolean retryFailed;
  private final PrintWriter out;

  public SweepRunner(SweepLayout layout, SweepPlan plan, ChildCommand child, int parallel,
      boolean retryFailed, PrintWriter out) {
    this.layout = layout;
    this.plan = plan;
    this.child = child;
    this.parallel = parallel;
    this.retryFailed = retryFailed;
    this.out = out;
  }

  /** How the pass ended: runs finished (now or before), failed, and left unfinished. */
  public record Outcome(int finished, int failed, int unfinished) {}

  /** Runs every pending run and waits for all of them. */
  public Outcome run() throws IOException, InterruptedException {
    List<PlannedRun> runs = plan.runs();
    List<PlannedRun> pending = new ArrayList<>();
    int finished = 0;
    int skippedFailed = 0;
    int resumed = 0;
    for (PlannedRun run : runs) {
      RunState state = RunState.of(layout, run);
      if (state.status() == Status.FINISHED) {
        finished++;
      } else if (state.status() == Status.FAILED && !retryFailed) {
        skippedFailed++;
      } else {
        resumed += state.status() == Status.INTERRUPTED ? 1 : 0;
        pending.add(run);
      }
    }
    say(String.format(Locale.ROOT,
        "sweep %s: %d runs: %d finished, %d failed (kept; --retry-failed runs them again), "
            + "%d to resume, %d to start; %d at a time",
        layout.root(), runs.size(), finished, skippedFailed, resumed,
        pending.size() - resumed, parallel));
    Files.createDirectories(layout.root().resolve(SweepLayout.LOGS));
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
      Thread t = new Thread(r, "trainkit-sweep-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Status>> results = new ArrayList<>();
      for (PlannedRun run : pending) {
        results.add(pool.submit(() -> runOne(run, done, pending.size())));
      }
      int failed = skippedFailed;
      int unfinished = 0;
      for (Future<Status> result : results) {
        Status status;
        try {
          status = result.get();
        } catch (ExecutionException e) {
          throw new IOException("sweep: " + e.getCause().getMessage(), e.getCause());
        }
        switch (status) {
          case FINISHED -> finished++;
          case FAILED -> failed++;
          default -> unfinished++;
        }
      }
      return new Outcome(finished, failed, unfinished);
    } finally {
      pool.shutdownNow();
    }
  }

  private Status runOne(PlannedRun run, AtomicInteger done, int total)
      throws IOException, InterruptedException {
    Path dir = layout.run(run.name());
    if (RunLockWait.locked(dir)) {
      say("waiting for pid " + RunLockWait.owner(dir) + ", still writing " + run.name());
      while (RunLockWait.locked(dir)) {
        Thread.sleep(200);
      }
    }
    Start start = RunState.resumable(dir) ? Start.RESUME
        : RunDirectory.at(dir).holdsRun() ? Start.OVERWRITE : Start.NEW;
    Files.deleteIfExists(layout.failure(run.name()));
    Files.createDirectories(dir.getParent());
    Path log = layout.log(run.name());
    say(run.name() + ": " + (start == Start.RESUME ? "resuming" : "starting"));
    long began = System.nanoTime();
    Process process = new ProcessBuilder(child.command(layout, plan, run, start))
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - began) / 1e9;
    String progress = "[" + done.incrementAndGet() + "/" + total + "] " + run.name() + ": ";
    if (code == 0 && Files.isRegularFile(RunDirectory.at(dir).summary())) {
      say(progress + String.format(Locale.ROOT, "finished in %.1f s", seconds));
      return Status.FINISHED;
    }
    if (code == INTERRUPTED) {
      say(progress + "interrupted; the next pass resumes it");
      return Status.INTERRUPTED;
    }
    String message = lastError(log, code);
    AtomicFiles.write(layout.failure(run.name()), (message + "\n").getBytes(StandardCharsets.UTF_8));
    say(progress + "FAILED: " + message);
    return Status.FAILED;
  }

  /** The run's last error line ({@code training failed: ...} or {@code error: ...}). */
  private String lastError(Path log, int code) throws IOException {
    String last = null;
    // decoded leniently: a log may hold anything a child printed
    for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("training failed:") || line.startsWith("error:")) {
        last = line;
      }
    }
    String where = "see " + layout.root().relativize(log);
    return last != null ? last + " (" + where + ")" : "exit code " + code + " (" + where + ")";
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
