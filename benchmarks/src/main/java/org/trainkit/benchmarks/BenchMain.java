package org.trainkit.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.trainkit.benchmarks.loop.PythonWorker;
import org.trainkit.benchmarks.mlp.BenchMlp;
import org.trainkit.benchmarks.mlp.MlpWorkload;
import org.trainkit.benchmarks.tagger.TaggerData;
import org.trainkit.benchmarks.tagger.TaggerWorkload;

/**
 * The benchmark harness {@code benchmarks/run} starts: runs the five sections, prints their
 * table and ratios, and writes {@code results.json} and {@code results.md}.
 *
 * <pre>
 * java -jar benchmarks/target/trainkit-benchmarks.jar [--quick] [--sections throughput,memory,prefetch,compile,startup]
 *     [--python /usr/bin/python3 | --no-python "why"] [--threads 2] [--out benchmarks/target]
 * </pre>
 */
public final class BenchMain {

  static final long SEED = 42;
  /** What runs without {@code --sections}. */
  static final List<String> SECTIONS =
      List.of("throughput", "counts", "overhead", "memory", "prefetch", "compile", "startup", "predict");
  /**
   * Sections run only when named: {@code scale} writes a 2 GB file and takes several minutes
   * more; {@code quality} trains both examples on the real corpora (up to 15 minutes each on 2
   * cores).
   */
  static final List<String> ON_REQUEST = List.of("scale", "quality");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    String python = "/usr/bin/python3";
    String noPython = null;
    String pythonSource = null;
    int threads = 2;
    Path out = Path.of("benchmarks/target");
    Set<String> onlyWorkloads = null;
    Set<String> onlyContenders = null;
    int[] rounds = null;
    int stepsDivisor = 1;
    long scaleMb = 0; // the scale section's corpus size; 0: its default
    Path corpora = Path.of("benchmarks/corpora");
    List<String> qualityTasks = null;
    List<String> qualitySets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--sections" -> sections = new LinkedHashSet<>(List.of(args[++i].split(",")));
        case "--python" -> python = args[++i];
        case "--no-python" -> noPython = args[++i];
        case "--python-source" -> pythonSource = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--workloads" -> onlyWorkloads = Set.of(args[++i].split(","));
        case "--contenders" -> onlyContenders = Set.of(args[++i].split(","));
        case "--rounds" -> rounds = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--steps-divisor" -> stepsDivisor = Integer.parseInt(args[++i]);
        case "--scale-mb" -> scaleMb = Long.parseLong(args[++i]);
        case "--corpora" -> corpora = Path.of(args[++i]);
        case "--quality-tasks" -> qualityTasks = List.of(args[++i].split(","));
        case "--quality-set" -> qualitySets.add(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i]
              + "; use [--quick] [--sections " + String.join(",", SECTIONS) + "] [--python PATH [--python-source WHERE] | --no-python WHY] [--threads N] [--out DIR]"
              + " [--workloads mlp-b32,mlp-b256,tagger-b32,tagger-crf-b32] [--contenders a,a1,b,c,d,e]"
              + " [--rounds WARMUPS,COUNTED] [--steps-divisor N] [--scale-mb MB] [--corpora DIR] [--quality-tasks tagger,classifier] [--quality-set key=value]...");
          System.exit(2);
        }
      }
    }
    for (String s : sections) {
      if (!SECTIONS.contains(s) && !ON_REQUEST.contains(s)) {
        System.err.println("unknown section " + s + "; sections are " + String.join(", ", SECTIONS)
            + " and, when named, " + String.join(", ", ON_REQUEST));
        System.exit(2);
      }
    }
    // before DJL's engine loads: the same intra-op thread count as the Python contender
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

    Settings settings = quick ? Settings.quickRun() : Settings.fullRun();
    if (rounds != null) {
      settings = settings.withRounds(rounds[0], rounds[1]);
    }
    if (stepsDivisor > 1) {
      settings = settings.withFewerSteps(stepsDivisor);
    }
    // a quick run never waits for the machine to calm down; a full one spends at most two
    // minutes on retries and waits in all
    Quiet quiet = quick ? new Quiet(1, 0, 0) : new Quiet(3, 5_000, 120_000);
    PrintStream log = System.out;
    Path work = out.resolve("bench-work");
    Files.createDirectories(work);
    Results results = new Results(settings, threads, Instant.now(), loadAverage());
    log.printf(Locale.ROOT, "trainkit benchmarks, %s run: %s; %d cores, load average %s%n",
        quick ? "quick (smoke: the numbers mean nothing)" : "full", String.join(", ", sections),
        Runtime.getRuntime().availableProcessors(), loadAverage());

    List<org.trainkit.benchmarks.loop.Workload<?>> workloads = new ArrayList<>();
    List<PythonWorker> pythons = new ArrayList<>();
    if (sections.contains("throughput") || sections.contains("counts") || sections.contains("overhead")) {
      workloads.addAll(workloads(settings, work, onlyWorkloads));
    }
    if (sections.contains("throughput") || sections.contains("counts")) {
      if (noPython != null) {
        results.pythonNote = "PyTorch contender skipped: " + noPython;
        results.lightningNote = "Lightning contender skipped: " + noPython;
      } else {
        results.pythonSource = pythonSource;
        if (onlyContenders == null || onlyContenders.contains("d") || sections.contains("counts")) {
          PythonWorker d = startPython(python, threads, work, false, results);
          if (d != null) {
            pythons.add(d);
          }
        } else {
          results.pythonNote = "PyTorch contender not among --contenders";
        }
        if (onlyContenders == null || onlyContenders.contains("e")) {
          PythonWorker e = startPython(python, threads, work, true, results);
          if (e != null) {
            pythons.add(e);
          }
        } else {
          results.lightningNote = "Lightning contender not among --contenders";
        }
      }
      pythons.forEach(w -> quiet.track(w.pid()));
      if (pythonSource != null && pythonSource.startsWith("FALLBACK")) {
        log.println("\n*** " + pythonSource + " ***");
      }
    }
    try {
      if (sections.contains("throughput")) {
        log.println("\n1. Throughput. " + results.pythonNote + "; " + results.lightningNote);
        log.println("   (a rep during which the rest of the machine used more than " + Quiet.THRESHOLD
            + " cores is run again, up to " + quiet.maxAttempts() + " tries; [n tries, outside x] marks one)");
        Throughput throughput = new Throughput(SEED, work, log, quiet, onlyContenders,
            quick ? 0 : Throughput.MAX_EXTRA_ROUNDS);
        for (var w : workloads) {
          int steps = settings.steps(w.key());
          log.printf(Locale.ROOT, "%s (%d steps a repetition)%n", w.title(), steps);
          results.throughput.addAll(throughput.run(w, steps, settings.warmups(), settings.reps(), pythons));
        }
      }
      if (sections.contains("counts")) {
        log.printf(Locale.ROOT, "%n1b. Native work a training step: aten ops counted by libtorch's profiler, %d steps after %d%n",
            settings.countSteps(), settings.countWarmup());
        PythonWorker plain = pythons.stream().filter(w -> w.id().equals("d")).findFirst().orElse(null);
        Counts counts = new Counts(SEED, work, log, new Throughput(SEED, work, log, quiet, null, 0));
        for (var w : workloads) {
          results.counts.addAll(counts.run(w, settings.countWarmup(), settings.countSteps(), plain));
        }
      }
    } finally {
      for (PythonWorker w : pythons) {
        w.close();
      }
    }
    if (sections.contains("overhead")) {
      log.printf(Locale.ROOT, "%n1c. Fixed per-step costs, each timed alone in this JVM (median of %d timings of %,d calls)%n",
          settings.overheadReps(), settings.overheadCalls());
      Overhead overhead = new Overhead(SEED, log);
      for (var w : workloads) {
        results.overhead.addAll(overhead.run(w, settings.overheadCalls(), settings.overheadReps()));
      }
    }
    Forks forks = new Forks(threads);
    if (sections.contains("memory")) {
      log.printf(Locale.ROOT, "%n2. Memory: one trainkit run of the MLP, batch 32, %,d steps (dev set evaluated and checkpoint written every %,d)%n",
          settings.memorySteps(), settings.memoryEarly());
      results.memory = new Memory(forks, log).run(settings.memorySteps(), settings.memoryEarly(), 32, SEED,
          work.resolve("memory-run"));
    }
    if (sections.contains("prefetch")) {
      var sentences = TaggerData.sentences(work.resolve("data"), 512, SEED);
      Prefetch prefetch = new Prefetch(SEED, work, log, quiet);
      log.printf(Locale.ROOT, "%n3. Prefetch: the tagger, batch %d, a @Preprocess that sleeps 2 ms per item%n", settings.prefetchBatch());
      results.prefetch.add(prefetch.run(sentences, settings.prefetchBatch(), SlowWork.sleep(2), settings.prefetchSteps(),
          1, Math.min(7, settings.reps())));
      if (settings.prefetchSpin()) {
        log.printf(Locale.ROOT, "   the same, with a @Preprocess that spins (keeps a core busy) 2 ms per item%n");
        results.prefetch.add(prefetch.run(sentences, settings.prefetchBatch(), SlowWork.spin(2), settings.prefetchSteps(),
            1, Math.min(7, settings.reps())));
      }
    }
    if (sections.contains("compile")) {
      log.printf(Locale.ROOT, "%n4. Compile cost: %d @Trainable classes, in-process javac%n", settings.compileClasses());
      Path jar = Path.of(BenchMlp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      results.compile = new CompileCost(work, jar, log, quiet).run(settings.compileClasses(), 1, settings.compileReps());
    }
    if (sections.contains("startup")) {
      log.printf(Locale.ROOT, "%n5. Start-up: JVM start to the first training step of BenchMlpTrainerMain%n");
      results.startup = new Startup(forks, work, log, quiet).run(2048, 1, settings.startupReps(), SEED);
    }
    if (sections.contains("scale")) {
      long bytes = scaleMb > 0 ? scaleMb * 1_000_000L : settings.quick() ? 2_000_000L : 2_100_000_000L;
      // --steps-divisor shortens the run for a smoke test; RSS growth is measured from step 50
      int steps = Math.max(60, (settings.quick() ? 60 : 300) / stepsDivisor);
      int ratioSteps = Math.max(30, (settings.quick() ? 30 : 200) / stepsDivisor);
      log.printf(Locale.ROOT, "%n6. Scale: the tagger on a generated %,d MB CoNLL file under -Xmx%dm, %d steps; list vs index on a small file%n",
          bytes / 1_000_000, Scale.HEAP_MB, steps);
      results.scale = new Scale(forks, log).run(work, bytes, steps, settings.quick() ? 2_000 : 5_000,
          ratioSteps, SEED);
    }
    if (sections.contains("predict")) {
      log.printf(Locale.ROOT, "%n7. Predict: the tagger's inference throughput next to its training throughput and PyTorch inference%n");
      PythonWorker worker = noPython == null ? startPython(python, threads, work, false, results) : null;
      try {
        results.predict = new Predict(work, log, SEED).run(settings.quick() ? 1024 : 4096, settings.quick() ? 256 : 1024,
            settings.quick() ? 1 : 7, worker, noPython != null ? noPython : results.pythonNote);
      } finally {
        if (worker != null) {
          worker.close();
        }
      }
    }
    if (sections.contains("quality")) {
      List<Quality.Row> rows = new Quality(corpora, work, log).run(qualityTasks, qualitySets);
      String table = Quality.markdown(rows, Runtime.getRuntime().availableProcessors(), loadAverage());
      log.println();
      log.println(table);
      Files.createDirectories(out);
      Files.writeString(out.resolve("quality.md"), table);
      log.println("wrote " + out.resolve("quality.md"));
      if (sections.size() == 1) {
        return;
      }
    }
    results.end = Instant.now();
    results.loadAfter = loadAverage();

    log.println();
    String markdown = Report.markdown(results);
    log.println(markdown);
    log.println(Report.ratioLines(results));
    Files.createDirectories(out);
    Files.writeString(out.resolve("results.md"), markdown + "\n" + Report.ratioLines(results));
    Files.writeString(out.resolve("results.json"), Report.json(results));
    log.println("wrote " + out.resolve("results.md") + " and " + out.resolve("results.json"));
    Runs.delete(work.resolve("runs"));
  }

  /** The throughput workloads (those in {@code only}, or all when it is null). */
  static List<org.trainkit.benchmarks.loop.Workload<?>> workloads(Settings settings, Path work, Set<String> only)
      throws IOException {
    List<org.trainkit.benchmarks.loop.Workload<?>> all = List.of(
        new MlpWorkload(32, settings.mlpPoints() / 32, SEED),
        new MlpWorkload(256, settings.mlpPoints() / 256, SEED),
        new TaggerWorkload(32, settings.taggerSentences() / 32, SEED, work.resolve("data")),
        new TaggerWorkload(32, settings.taggerSentences() / 32, SEED, work.resolve("data"), true));
    return all.stream().filter(w -> only == null || only.contains(w.key())).toList();
  }

  /** Starts a Python worker, or records why it did not start and returns null. */
  private static PythonWorker startPython(String python, int threads, Path work, boolean lightning, Results results) {
    try {
      PythonWorker worker = PythonWorker.start(python, pythonScript(), threads,
          work.resolve(lightning ? "python-lightning.log" : "python.log"), lightning);
      if (lightning) {
        results.lightningNote = "Lightning: " + worker.banner().replaceAll(".* lightning=", "") + " on the same torch";
      } else {
        results.pythonNote = "PyTorch " + worker.banner();
      }
      return worker;
    } catch (IOException | java.net.URISyntaxException e) {
      String why = e.getMessage().replace('\n', ' ');
      if (lightning) {
        results.lightningNote = "Lightning contender skipped: " + why;
      } else {
        results.pythonNote = "PyTorch contender skipped: " + why;
      }
      return null;
    }
  }

  /** {@code benchmarks/python/torch_contender.py}, found next to the jar's {@code target/}. */
  static Path pythonScript() throws java.net.URISyntaxException {
    Path jar = Path.of(BenchMlp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path beside = jar.getParent().getParent().resolve("python").resolve("torch_contender.py");
    return Files.exists(beside) ? beside : Path.of("benchmarks/python/torch_contender.py");
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Everything measured, for the report. */
  static final class Results {
    final Settings settings;
    final int threads;
    final Instant start;
    final String loadBefore;
    Instant end;
    String loadAfter;
    String pythonNote = "PyTorch contender not run (throughput section not selected)";
    String lightningNote = "Lightning contender not run (throughput section not selected)";
    /** Where the Python with torch came from (pip venv, as given, or the Debian FALLBACK). */
    String pythonSource;
    final List<Throughput.Row> throughput = new ArrayList<>();
    final List<Counts.Row> counts = new ArrayList<>();
    final List<Overhead.Row> overhead = new ArrayList<>();
    Memory.Result memory;
    Scale.Result scale;
    final List<Prefetch.Result> prefetch = new ArrayList<>();
    CompileCost.Result compile;
    Startup.Result startup;
    Predict.Result predict;
    final Map<String, String> environment = new LinkedHashMap<>();

    Results(Settings settings, int threads, Instant start, String loadBefore) {
      this.settings = settings;
      this.threads = threads;
      this.start = start;
      this.loadBefore = loadBefore;
    }
  }
}
