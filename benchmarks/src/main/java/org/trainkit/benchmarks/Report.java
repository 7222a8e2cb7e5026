package org.trainkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trainkit.benchmarks.BenchMain.Results;

/** The results as a Markdown table, ratio lines, and JSON. */
final class Report {

  private Report() {}

  static final Map<String, String> HEADERS = Map.of(
      "a", "(a) trainkit, 0 workers",
      "a1", "(a1) trainkit, 1 worker (default)",
      "b", "(b) hand-written DJL",
      "c", "(c) DJL EasyTrain",
      "d", "(d) PyTorch, Python",
      "e", "(e) Lightning, Python");

  static final List<String> ORDER = List.of("a", "a1", "b", "c", "d", "e");

  /**
   * The ratios reported, numerator/denominator: trainkit against each other loop, then the two
   * framework overheads side by side (trainkit over the hand-written DJL loop, a/b; Lightning
   * over the plain PyTorch loop, e/d) and the engines (hand-written DJL over plain PyTorch, b/d).
   */
  static final List<String[]> PAIRS = List.of(
      new String[] {"a", "b"}, new String[] {"a", "c"}, new String[] {"a", "d"},
      new String[] {"a1", "b"}, new String[] {"a1", "c"}, new String[] {"a1", "d"},
      new String[] {"e", "d"}, new String[] {"b", "d"}, new String[] {"a", "e"});

  /** A ratio of a's median to another contender's, with the per-round paired ratios. */
  record Ratio(String workload, String numerator, String denominator, double ofMedians, Stats paired,
      Double target, boolean quick) {
    /**
     * Judged on the median of the per-round ratios: the machine's speed drifts over tens of
     * seconds, and two timings of one round are seconds apart.
     */
    String verdict() {
      return target == null ? "" : Report.verdict(paired.median() >= target, quick);
    }
  }

  /** {@code met} or {@code MISSED}; a quick run's numbers are not judged. */
  static String verdict(boolean met, boolean quick) {
    return quick ? "not judged (quick run)" : met ? "met" : "MISSED";
  }

  static List<Ratio> ratios(Results r) {
    List<Ratio> ratios = new ArrayList<>();
    for (String workload : workloads(r)) {
      Map<String, Throughput.Row> rows = rows(r, workload);
      for (String[] pair : PAIRS) {
        String num = pair[0];
        String den = pair[1];
        {
          Throughput.Row a = rows.get(num);
          Throughput.Row b = rows.get(den);
          if (a == null || b == null) {
            continue;
          }
          List<Double> paired = new ArrayList<>();
          List<Double> av = a.samplesPerSecond().values();
          List<Double> bv = b.samplesPerSecond().values();
          for (int i = 0; i < Math.min(av.size(), bv.size()); i++) {
            paired.add(av.get(i) / bv.get(i));
          }
          Double target = target(num, den, workload);
          ratios.add(new Ratio(workload, num, den,
              a.samplesPerSecond().median() / b.samplesPerSecond().median(), Stats.of(paired), target,
              r.settings.quick()));
        }
      }
    }
    return ratios;
  }

  /**
   * The target of a ratio, or null: trainkit against DJL's loops (a/b ≥ 0.98 at batch 32, a/c ≥
   * 1) and against current PyTorch (issue 16: a/d ≥ 1.0 on the tagger and the batch-256 MLP,
   * ≥ 0.95 on the batch-32 MLP).
   */
  static Double target(String num, String den, String workload) {
    if (!num.equals("a")) {
      return null;
    }
    return switch (den) {
      case "b" -> workload.endsWith("-b32") ? 0.98 : null;
      case "c" -> 1.0;
      case "d" -> workload.equals("mlp-b32") ? 0.95 : 1.0;
      default -> null;
    };
  }

  static String ratioLines(Results r) {
    StringBuilder out = new StringBuilder();
    for (Ratio x : ratios(r)) {
      out.append(String.format(Locale.ROOT,
          "ratio %s/%s %-10s paired by round: median %.3f (%.3f–%.3f); of the medians %.3f%s%n",
          x.numerator(), x.denominator(), x.workload(), x.paired().median(),
          x.paired().min(), x.paired().max(), x.ofMedians(),
          x.target() == null ? "" : String.format(Locale.ROOT, "  target ≥ %.2f: %s", x.target(), x.verdict())));
    }
    if (r.scale != null) {
      out.append(String.format(Locale.ROOT, "scale: indexing %.0f MB/s (target >= 200), fit %.1f s, first step %.1f s after JVM start, RSS step 50 -> %d %+.1f %% (target < 5), list vs index speed ratio %.3f (target >= 0.95), no OutOfMemoryError%n",
          r.scale.warmIndexMbPerSecond(), r.scale.fitSeconds(), r.scale.firstStepSeconds(), r.scale.steps(),
          r.scale.rssGrowthPercent(), r.scale.speedRatio()));
    }
    if (r.memory != null) {
      double growth = r.memory.rssGrowthPercent();
      out.append(String.format(Locale.ROOT, "memory RSS growth step %,d → %,d: %+.1f %% (%+.1f MiB)  target < 5 %%: %s%n",
          r.memory.early(), r.memory.late(), growth,
          (r.memory.at(r.memory.late()).rssKb() - r.memory.at(r.memory.early()).rssKb()) / 1024.0, verdict(growth < 5, r.settings.quick())));
    }
    if (r.predict != null) {
      out.append(r.predict.ratioLines(r.settings.quick()));
    }
    for (Prefetch.Result p : r.prefetch) {
      Double two = p.hidden().get("2 workers");
      out.append(String.format(Locale.ROOT, "prefetch (%s) hidden with 2 workers: %.0f %% (best possible %.0f %%)  target ≥ 80 %%: %s%n",
          p.work(), two, p.ideal().get("2 workers"), verdict(two >= 80, r.settings.quick())));
    }
    if (r.compile != null) {
      double per20 = r.compile.addedMillis() * 20.0 / r.compile.classes();
      out.append(String.format(Locale.ROOT,
          "compile added javac time for %d classes: %,.0f ms (in trainkit's processor %,.0f ms, in Dagger's %,.0f ms)%s  target < 1000 ms for 20: %s%n",
          r.compile.classes(), r.compile.addedMillis(), r.compile.trainkitMillis().median(), r.compile.daggerMillis().median(),
          "",
          verdict(per20 < 1000, r.settings.quick())));
    }
    return out.toString();
  }

  private static void ratioTable(StringBuilder md, Results r, List<Ratio> ratios, List<String> columns) {
    md.append("| workload |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---|");
    columns.forEach(c -> md.append("---:|"));
    md.append('\n');
    for (String w : workloads(r)) {
      md.append("| ").append(w).append(" |");
      for (String column : columns) {
        Ratio x = ratios.stream().filter(q -> q.workload().equals(w)
            && (q.numerator() + "/" + q.denominator()).equals(column)).findFirst().orElse(null);
        md.append(' ').append(x == null ? "—" : String.format(Locale.ROOT, "%.2f (%.2f–%.2f) [%.2f]%s",
            x.paired().median(), x.paired().min(), x.paired().max(), x.ofMedians(),
            x.target() == null ? "" : String.format(Locale.ROOT, " (target ≥ %.2f: %s)", x.target(), x.verdict())))
            .append(" |");
      }
      md.append('\n');
    }
  }

  private static List<String> workloads(Results r) {
    List<String> keys = new ArrayList<>();
    r.throughput.forEach(row -> {
      if (!keys.contains(row.workload())) {
        keys.add(row.workload());
      }
    });
    return keys;
  }

  private static Map<String, Throughput.Row> rows(Results r, String workload) {
    Map<String, Throughput.Row> rows = new LinkedHashMap<>();
    r.throughput.stream().filter(x -> x.workload().equals(workload)).forEach(x -> rows.put(x.contender(), x));
    return rows;
  }

  private static String range(Stats s, String format) {
    return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", s.median(), s.min(), s.max());
  }

  static String markdown(Results r) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "### trainkit benchmarks — %s run, %s%n%n",
        r.settings.quick() ? "quick (smoke test: these numbers mean nothing)" : "full", r.start));
    md.append(String.format(Locale.ROOT,
        "%d cores, Java %s, DJL 0.36.0 / libtorch 2.7.1 CPU, %d intra-op threads (1 inter-op) for every contender; "
            + "seed %d; %s; %s. Load average %s at the start, %s at the end.%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), r.threads, BenchMain.SEED,
        r.pythonNote, r.lightningNote, r.loadBefore, r.loadAfter));
    if (r.pythonSource != null) {
      md.append(r.pythonSource.startsWith("FALLBACK")
          ? "**" + r.pythonSource + ".**\n\n"
          : "Python contenders' torch: " + r.pythonSource + ".\n\n");
    }
    if (!r.throughput.isEmpty()) {
      md.append(String.format(Locale.ROOT,
          "**1. Throughput**, samples/s: median (min–max) of %d interleaved repetitions after %d warm-up round%s%n%n",
          r.settings.reps(), r.settings.warmups(), r.settings.warmups() == 1 ? "" : "s"));
      List<String> present = new ArrayList<>();
      for (String id : ORDER) {
        if (r.throughput.stream().anyMatch(x -> x.contender().equals(id))) {
          present.add(id);
        }
      }
      md.append("| workload | steps/rep |");
      present.forEach(id -> md.append(' ').append(HEADERS.get(id)).append(" |"));
      md.append("\n|---|---:|");
      present.forEach(id -> md.append("---:|"));
      md.append('\n');
      for (String w : workloads(r)) {
        Map<String, Throughput.Row> rows = rows(r, w);
        Throughput.Row any = rows.values().iterator().next();
        md.append("| ").append(any.title()).append(" | ").append(any.steps()).append(" |");
        for (String id : present) {
          Throughput.Row row = rows.get(id);
          md.append(' ').append(row == null ? "—" : range(row.samplesPerSecond(), "%,.0f")).append(" |");
        }
        md.append('\n');
      }
      double outside = Stats.of(r.throughput.stream().flatMap(x -> x.outsideCores().values().stream()).toList()).median();
      int retries = r.throughput.stream().mapToInt(Throughput.Row::retries).sum();
      md.append(String.format(Locale.ROOT,
          "%nThe rest of the machine used a median %.2f cores during the counted timings; %d timing%s had to be repeated because it used more than %.1f.%n",
          outside, retries, retries == 1 ? "" : "s", Quiet.THRESHOLD));
      md.append("\nRatios: the median (min–max) of the ratios paired round by round — what the targets are judged on — and in brackets the ratio of the medians:\n\n");
      List<Ratio> ratios = ratios(r);
      ratioTable(md, r, ratios, List.of("a/b", "a/c", "a/d", "a1/b", "a1/c", "a1/d"));
      md.append("\nThe two frameworks' overheads side by side — trainkit over the hand-written DJL loop (a/b), "
          + "Lightning over the plain PyTorch loop (e/d) — and the engines (b/d: the hand-written loops, DJL against PyTorch); "
          + "a/e is trainkit against Lightning:\n\n");
      ratioTable(md, r, ratios, List.of("a/b", "e/d", "b/d", "a/e"));
      md.append('\n');
    }
    if (!r.counts.isEmpty()) {
      countsMarkdown(md, r);
    }
    if (!r.overhead.isEmpty()) {
      overheadMarkdown(md, r);
    }
    if (r.scale != null) {
      md.append(r.scale.markdown());
    }
    if (r.memory != null) {
      Memory.Result m = r.memory;
      md.append(String.format(Locale.ROOT,
          "**2. Memory**, one trainkit run in a JVM of its own (MLP, batch %d, dev set evaluated and checkpoint written every %,d steps, 1 loader worker; heap fixed at %d MiB and pre-touched, so RSS moves with native memory only; heap used measured after a GC):%n%n",
          m.batchSize(), m.early(), Memory.HEAP_MB));
      md.append("| step | RSS (VmRSS) | live NDArrays | Java heap used |\n|---:|---:|---:|---:|\n");
      for (long step : List.of(m.early(), m.late())) {
        Memory.Sample s = m.at(step);
        md.append(String.format(Locale.ROOT, "| %,d | %,.1f MiB | %d | %,.1f MiB |%n", s.step(), s.rssKb() / 1024.0,
            s.arrays(), s.heapKb() / 1024.0));
      }
      long minArrays = m.samples().stream().filter(s -> s.step() >= m.early()).mapToLong(Memory.Sample::arrays).min().orElse(0);
      long maxArrays = m.samples().stream().filter(s -> s.step() >= m.early()).mapToLong(Memory.Sample::arrays).max().orElse(0);
      long maxRss = m.samples().stream().filter(s -> s.step() >= m.early()).mapToLong(Memory.Sample::rssKb).max().orElse(0);
      md.append(String.format(Locale.ROOT,
          "%nRSS growth from step %,d to %,d: %+.1f %% (%+.1f MiB; target < 5 %%); over all %d samples from step %,d on: live NDArrays %d–%d, RSS at most %,.1f MiB.%n%n",
          m.early(), m.late(), m.rssGrowthPercent(), (m.at(m.late()).rssKb() - m.at(m.early()).rssKb()) / 1024.0, m.samples().stream().filter(s -> s.step() >= m.early()).count(),
          m.early(), minArrays, maxArrays, maxRss / 1024.0));
    }
    if (r.predict != null) {
      md.append(r.predict.markdown());
    }
    for (Prefetch.Result p : r.prefetch) {
      md.append(String.format(Locale.ROOT,
          "**3. Prefetch**, the tagger, batch %d, @Preprocess %s per item (%.0f ms a batch); step time, median (min–max) of %d interleaved repetitions of %d steps:%n%n",
          p.batchSize(), p.work(), p.rows().get(1).stepMillis().median() > 0 ? 2.0 * p.batchSize() : 0, p.rows().get(0).stepMillis().count(), p.steps()));
      md.append("| configuration | step time | preprocess hidden | best possible |\n|---|---:|---:|---:|\n");
      for (Prefetch.Row row : p.rows()) {
        String key = row.workers() + " worker" + (row.workers() == 1 ? "" : "s");
        boolean slowRow = !row.work().equals("none");
        md.append(String.format(Locale.ROOT, "| %s | %s ms | %s | %s |%n", row.config(), range(row.stepMillis(), "%.1f"),
            slowRow && p.hidden().containsKey(key) ? String.format(Locale.ROOT, "%.0f %%", p.hidden().get(key)) : (slowRow ? "0 %" : "—"),
            slowRow && p.ideal().containsKey(key) ? String.format(Locale.ROOT, "%.0f %%", p.ideal().get(key)) : "—"));
      }
      md.append('\n');
    }
    if (r.compile != null) {
      CompileCost.Result c = r.compile;
      md.append(String.format(Locale.ROOT,
          "**4. Compile cost**, %d @Trainable classes, in-process javac (warm JVM, fresh file manager), median (min–max) of %d:%n%n",
          c.classes(), c.withMillis().count()));
      md.append("| javac | time |\n|---|---:|\n");
      md.append(String.format(Locale.ROOT, "| -proc:none | %s ms |%n", range(c.withoutMillis(), "%,.0f")));
      md.append(String.format(Locale.ROOT, "| trainkit processor + Dagger (%d files generated) | %s ms |%n",
          c.generatedFiles(), range(c.withMillis(), "%,.0f")));
      md.append(String.format(Locale.ROOT, "| added by the processors | %,.0f ms (%,.0f ms a class; target < 1,000 ms for 20 classes: %s) |%n",
          c.addedMillis(), c.addedMillis() / c.classes(), verdict(c.addedMillis() * 20.0 / c.classes() < 1000, r.settings.quick())));
      md.append(String.format(Locale.ROOT, "| of which inside trainkit's processor | %s ms |%n", range(c.trainkitMillis(), "%,.0f")));
      md.append(String.format(Locale.ROOT, "| of which inside Dagger's processor | %s ms |%n", range(c.daggerMillis(), "%,.0f")));
      md.append(String.format(Locale.ROOT, "| (-proc:none on the classes + the %d generated files: %s ms, i.e. compiling the generated code adds %,.0f ms) | |%n%n",
          c.generatedFiles(), range(c.generatedOnlyMillis(), "%,.0f"), c.generatedOnlyMillis().median() - c.withoutMillis().median()));
    }
    if (r.startup != null) {
      md.append(String.format(Locale.ROOT,
          "**5. Start-up**, JVM start to the first training step of the generated `BenchMlpTrainerMain train` (%,d points), median (min–max) of %d: %s ms%n",
          r.startup.items(), r.startup.millis().count(), range(r.startup.millis(), "%,.0f")));
    }
    return md.toString();
  }

  private static void countsMarkdown(StringBuilder md, Results r) {
    int steps = r.counts.get(0).steps();
    md.append(String.format(Locale.ROOT,
        "**1b. Native work a step**: aten ops a training step, counted by libtorch's profiler over %d steps "
            + "(DJL's JniUtils.startProfile for a and b, torch.profiler for d): all of them, nested ones included, "
            + "and in brackets the top-level ones — those JNI, Python or the autograd engine dispatched, which per-call "
            + "overhead multiplies. (a) is trainkit with 0 loader workers.%n%n", steps));
    List<String> ids = List.of("a", "b", "d");
    md.append("| workload | (a) trainkit | (b) hand-written DJL | (d) PyTorch |\n|---|---:|---:|---:|\n");
    for (String w : countWorkloads(r)) {
      md.append("| ").append(w).append(" |");
      for (String id : ids) {
        Counts.Row row = countRow(r, w, id);
        md.append(' ').append(row == null ? "—"
            : String.format(Locale.ROOT, "%.0f (%.0f)", row.ops().all(), row.ops().topLevel())).append(" |");
      }
      md.append('\n');
    }
    md.append("\nTop-level ops a step where the contenders differ most (a / b / d):\n\n");
    for (String w : countWorkloads(r)) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      ids.forEach(id -> {
        Counts.Row row = countRow(r, w, id);
        if (row != null) {
          names.addAll(row.ops().topLevelByName().keySet());
        }
      });
      List<String> sorted = new ArrayList<>(names);
      sorted.sort(java.util.Comparator.comparingDouble((String n) -> -spread(r, w, n, ids)).thenComparing(n -> n));
      md.append("- ").append(w).append(": ");
      List<String> parts = new ArrayList<>();
      for (String n : sorted.subList(0, Math.min(8, sorted.size()))) {
        List<String> counts = new ArrayList<>();
        ids.forEach(id -> counts.add(String.format(Locale.ROOT, "%.0f", opsNamed(r, w, id, n))));
        parts.add("`" + n.substring("aten::".length()) + "` " + String.join(" / ", counts));
      }
      md.append(String.join(", ", parts)).append('\n');
    }
    md.append('\n');
  }

  private static double spread(Results r, String w, String name, List<String> ids) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (String id : ids) {
      if (countRow(r, w, id) != null) {
        double v = opsNamed(r, w, id, name);
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
    }
    return max - min;
  }

  private static double opsNamed(Results r, String w, String id, String name) {
    Counts.Row row = countRow(r, w, id);
    return row == null ? Double.NaN : row.ops().topLevelByName().getOrDefault(name, 0.0);
  }

  private static Counts.Row countRow(Results r, String workload, String id) {
    return r.counts.stream().filter(x -> x.workload().equals(workload) && x.contender().equals(id)).findFirst().orElse(null);
  }

  private static List<String> countWorkloads(Results r) {
    return r.counts.stream().map(Counts.Row::workload).distinct().toList();
  }

  private static void overheadMarkdown(StringBuilder md, Results r) {
    List<String> ws = r.overhead.stream().map(Overhead.Row::workload).distinct().toList();
    List<String> pieces = r.overhead.stream().map(Overhead.Row::piece).distinct().toList();
    md.append("**1c. Fixed per-step costs**, each piece timed alone, many calls in a row on the workload's own "
        + "parameters and batches; µs a call, median (min–max):\n\n| piece | what |");
    ws.forEach(w -> md.append(' ').append(w).append(" |"));
    md.append("\n|---|---|");
    ws.forEach(w -> md.append("---:|"));
    md.append('\n');
    for (String piece : pieces) {
      Overhead.Row first = r.overhead.stream().filter(x -> x.piece().equals(piece)).findFirst().orElseThrow();
      md.append("| ").append(piece).append(" | ").append(first.what()).append(" |");
      for (String w : ws) {
        Overhead.Row row = r.overhead.stream().filter(x -> x.piece().equals(piece) && x.workload().equals(w)).findFirst().orElse(null);
        md.append(' ').append(row == null ? "—" : range(row.micros(), "%,.1f")).append(" |");
      }
      md.append('\n');
    }
    List<String> steps = new ArrayList<>();
    for (String w : ws) {
      Throughput.Row a = rows(r, w).get("a");
      if (a != null) {
        steps.add(String.format(Locale.ROOT, "%s %,.0f µs", w, 1e6 * a.batchSize() / a.samplesPerSecond().median()));
      }
    }
    if (!steps.isEmpty()) {
      md.append("\nFor scale, (a)'s whole step in the throughput section: ").append(String.join(", ", steps)).append(".\n");
    }
    md.append('\n');
  }

  static String json(Results r) throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mode", r.settings.quick() ? "quick" : "full");
    root.put("start", r.start.toString());
    root.put("end", r.end == null ? null : r.end.toString());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("java", System.getProperty("java.version"));
    root.put("torchThreads", r.threads);
    root.put("seed", BenchMain.SEED);
    root.put("python", r.pythonNote);
    root.put("pythonSource", r.pythonSource);
    root.put("pythonFallback", r.pythonSource != null && r.pythonSource.startsWith("FALLBACK"));
    root.put("lightning", r.lightningNote);
    root.put("loadAverageBefore", r.loadBefore);
    root.put("loadAverageAfter", r.loadAfter);
    root.put("settings", r.settings);
    List<Map<String, Object>> throughput = new ArrayList<>();
    for (Throughput.Row row : r.throughput) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", row.workload());
      m.put("title", row.title());
      m.put("contender", row.contender());
      m.put("label", row.label());
      m.put("batchSize", row.batchSize());
      m.put("stepsPerRepetition", row.steps());
      m.put("samplesPerSecond", stats(row.samplesPerSecond()));
      m.put("outsideLoadCores", stats(row.outsideCores()));
      m.put("retries", row.retries());
      throughput.add(m);
    }
    root.put("throughput", throughput);
    List<Map<String, Object>> ratios = new ArrayList<>();
    for (Ratio x : ratios(r)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", x.workload());
      m.put("ratio", x.numerator() + "/" + x.denominator());
      m.put("ofMedians", x.ofMedians());
      m.put("pairedByRound", stats(x.paired()));
      m.put("target", x.target());
      m.put("met", x.target() == null ? null : x.paired().median() >= x.target());
      ratios.add(m);
    }
    root.put("ratios", ratios);
    List<Map<String, Object>> counts = new ArrayList<>();
    for (Counts.Row row : r.counts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", row.workload());
      m.put("contender", row.contender());
      m.put("stepsProfiled", row.steps());
      m.put("atenOpsPerStep", row.ops().all());
      m.put("topLevelAtenOpsPerStep", row.ops().topLevel());
      m.put("topLevelByName", row.ops().topLevelByName());
      counts.add(m);
    }
    root.put("atenOpsPerStep", counts);
    List<Map<String, Object>> overhead = new ArrayList<>();
    for (Overhead.Row row : r.overhead) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workload", row.workload());
      m.put("piece", row.piece());
      m.put("what", row.what());
      m.put("microsPerCall", stats(row.micros()));
      overhead.add(m);
    }
    root.put("perStepCosts", overhead);
    if (r.memory != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batchSize", r.memory.batchSize());
      m.put("steps", r.memory.steps());
      m.put("samples", r.memory.samples());
      m.put("rssGrowthPercent", r.memory.rssGrowthPercent());
      root.put("memory", m);
    }
    List<Map<String, Object>> prefetch = new ArrayList<>();
    for (Prefetch.Result p : r.prefetch) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batchSize", p.batchSize());
      m.put("stepsPerRepetition", p.steps());
      m.put("preprocess", p.work());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Prefetch.Row row : p.rows()) {
        rows.add(Map.of("configuration", row.config(), "workers", row.workers(), "stepMillis", stats(row.stepMillis())));
      }
      m.put("rows", rows);
      m.put("hiddenPercent", p.hidden());
      m.put("bestPossiblePercent", p.ideal());
      prefetch.add(m);
    }
    root.put("prefetch", prefetch);
    if (r.predict != null) {
      root.put("predict", r.predict.json());
    }
    if (r.compile != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("classes", r.compile.classes());
      m.put("withoutProcessorMillis", stats(r.compile.withoutMillis()));
      m.put("withProcessorMillis", stats(r.compile.withMillis()));
      m.put("generatedFiles", r.compile.generatedFiles());
      m.put("generatedCodeWithoutProcessorsMillis", stats(r.compile.generatedOnlyMillis()));
      m.put("insideTrainkitProcessorMillis", stats(r.compile.trainkitMillis()));
      m.put("insideDaggerProcessorMillis", stats(r.compile.daggerMillis()));
      m.put("addedMillis", r.compile.addedMillis());
      root.put("compile", m);
    }
    if (r.startup != null) {
      root.put("startup", Map.of("items", r.startup.items(), "millisToFirstStep", stats(r.startup.millis())));
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  private static Map<String, Object> stats(Stats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", s.median());
    m.put("min", s.min());
    m.put("max", s.max());
    m.put("values", s.values());
    return m;
  }
}
