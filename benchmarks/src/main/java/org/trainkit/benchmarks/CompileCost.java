package org.trainkit.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Section 4: javac time for {@code n} generated {@code @Trainable} classes, compiled in this
 * JVM through {@link javax.tools.JavaCompiler} (a warm javac, as in a build daemon or Maven's
 * in-process compiler) with a fresh file manager each time — with {@code -proc:none}; with
 * trainkit's processor and Dagger's loaded from the processor path (as {@code examples/pom.xml}
 * has them; each in a fresh class loader, and timed from inside); and with {@code -proc:none} on
 * the classes plus everything the processors generated — in rotating order.
 */
final class CompileCost {

  /**
   * The section's result: javac without and with the processors, and of the latter the time
   * spent inside trainkit's processor and inside Dagger's; and javac on the classes plus the
   * files the processors generate, without processors (what compiling the generated code
   * costs).
   */
  record Result(int classes, Stats withoutMillis, Stats withMillis, Stats generatedOnlyMillis,
      Stats trainkitMillis, Stats daggerMillis, int generatedFiles) {
    double addedMillis() {
      return withMillis.median() - withoutMillis.median();
    }
  }

  /** One compilation: wall time, and the time inside each processor. */
  private record Compilation(double millis, double trainkitMillis, double daggerMillis) {}

  private final Path work;
  private final Path lib;
  private final Path processorLib;
  private final Path benchmarksJar;
  private final PrintStream log;
  private final Quiet quiet;

  CompileCost(Path work, Path benchmarksJar, PrintStream log, Quiet quiet) {
    this.quiet = quiet;
    this.work = work;
    this.benchmarksJar = benchmarksJar;
    this.lib = benchmarksJar.resolveSibling("lib");
    this.processorLib = benchmarksJar.resolveSibling("processor-lib");
    this.log = log;
  }

  Result run(int classes, int warmups, int reps) throws Exception {
    Path root = work.resolve("compile");
    Runs.delete(root);
    List<Path> files = writeSources(root.resolve("src"), classes);
    String classPath = classPath();
    String processorPath = processorPath();
    // what the processors generate, kept to time javac on it without them
    Path generatedCopy = root.resolve("generated-copy");
    Compilation first = compile(files, classPath, processorPath, root.resolve("first"));
    int generated = copyJava(root.resolve("first").resolve("generated"), generatedCopy);
    Runs.delete(root.resolve("first"));
    List<Path> withGenerated = new ArrayList<>(files);
    try (Stream<Path> s = Files.walk(generatedCopy)) {
      s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(withGenerated::add);
    }
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    List<Double> trainkit = new ArrayList<>();
    List<Double> dagger = new ArrayList<>();
    log.printf(Locale.ROOT, "  first compilation with the processors: %,.0f ms%n", first.millis());
    for (int round = 0; round < warmups + reps; round++) {
      boolean warm = round < warmups;
      Compilation[] results = new Compilation[3];
      for (int k = 0; k < 3; k++) {
        int which = (k + round) % 3; // rotate the order
        Path out = root.resolve("out-" + round + "-" + which);
        List<Path> sources = which == 2 ? withGenerated : files;
        String path = which == 1 ? processorPath : null;
        List<Compilation> attempts = new ArrayList<>();
        Quiet.Timed t = warm
            ? new Quiet.Timed(add(attempts, compile(sources, classPath, path, out)).millis(), 0, 1)
            : quiet.measure(() -> add(attempts, compile(sources, classPath, path, out)).millis());
        results[which] = attempts.stream().filter(c -> c.millis() == t.value()).findFirst().orElseThrow();
        Runs.delete(out);
      }
      if (!warm) {
        without.add(results[0].millis());
        with.add(results[1].millis());
        plain.add(results[2].millis());
        trainkit.add(results[1].trainkitMillis());
        dagger.add(results[1].daggerMillis());
      }
      log.printf(Locale.ROOT,
          "  %s %d: without %,.0f ms; with trainkit's processor + Dagger's %,.0f ms (inside trainkit's %,.0f, inside Dagger's %,.0f); "
              + "the classes + the %d generated files without processors %,.0f ms%n",
          warm ? "warm-up" : "round", warm ? round + 1 : round - warmups + 1, results[0].millis(),
          results[1].millis(), results[1].trainkitMillis(), results[1].daggerMillis(), generated,
          results[2].millis());
    }
    return new Result(classes, Stats.of(without), Stats.of(with), Stats.of(plain), Stats.of(trainkit),
        Stats.of(dagger), generated);
  }

  private static Compilation add(List<Compilation> list, Compilation c) {
    list.add(c);
    return c;
  }

  private static int copyJava(Path from, Path to) throws IOException {
    int[] count = {0};
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
        count[0]++;
      }
    }
    return count[0];
  }

  /**
   * One javac run. With a processor path, the processors are loaded from it in a new class
   * loader (as javac's {@code -processorpath} does) and wrapped to time them.
   */
  private Compilation compile(List<Path> files, String classPath, String processorPath, Path out)
      throws IOException {
    Runs.delete(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path classesDir = out.resolve("classes");
    Path generatedDir = out.resolve("generated");
    Files.createDirectories(classesDir);
    Files.createDirectories(generatedDir);
    List<String> options = new ArrayList<>(List.of(
        "--release", "17", "-g", "-encoding", "UTF-8",
        "-classpath", classPath,
        "-d", classesDir.toString(),
        "-s", generatedDir.toString()));
    if (processorPath == null) {
      options.add("-proc:none");
    }
    StringWriter diagnostics = new StringWriter();
    long begin = System.nanoTime();
    boolean ok;
    List<TimedProcessor> processors = new ArrayList<>();
    URLClassLoader loader = null;
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
      JavaCompiler.CompilationTask task = javac.getTask(diagnostics, fileManager, null, options, null, units);
      if (processorPath != null) {
        loader = new URLClassLoader(urls(processorPath), ClassLoader.getPlatformClassLoader());
        for (Processor p : ServiceLoader.load(Processor.class, loader)) {
          processors.add(new TimedProcessor(p));
        }
        task.setProcessors(processors);
      }
      ok = task.call();
    } finally {
      if (loader != null) {
        loader.close();
      }
    }
    double ms = (System.nanoTime() - begin) / 1e6;
    if (!ok) {
      throw new IOException("javac failed:\n" + diagnostics);
    }
    double trainkit = 0;
    double dagger = 0;
    for (TimedProcessor p : processors) {
      if (p.name().startsWith("org.trainkit.")) {
        trainkit += p.millis();
      } else {
        dagger += p.millis();
      }
    }
    return new Compilation(ms, trainkit, dagger);
  }

  private static URL[] urls(String path) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return urls.toArray(new URL[0]);
  }

  private String classPath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(benchmarksJar.toString());
    entries.addAll(jars(lib, name -> true));
    return String.join(File.pathSeparator, entries);
  }

  /** trainkit's processor and Dagger's with their dependencies, as Maven resolves them. */
  private String processorPath() throws IOException {
    List<String> entries = new ArrayList<>(jars(processorLib, name -> true));
    entries.addAll(jars(lib, name -> name.startsWith("trainkit-annotations") || name.startsWith("dagger-") || name.startsWith("javax.inject")
        || name.startsWith("jakarta.inject") || name.startsWith("jspecify")));
    return String.join(File.pathSeparator, entries);
  }

  private static List<String> jars(Path dir, java.util.function.Predicate<String> accept) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is missing; build with mvn package first");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar") && accept.test(p.getFileName().toString()))
          .sorted().map(Path::toString).toList();
    }
  }

  private static int countJava(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return (int) s.filter(p -> p.toString().endsWith(".java")).count();
    }
  }

  /** {@code n} distinct {@code @Trainable} classes of the usual shape. */
  static List<Path> writeSources(Path root, int n) throws IOException {
    Path dir = root.resolve("bench/gen");
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String name = String.format(Locale.ROOT, "Gen%02d", i);
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source(name, i), StandardCharsets.UTF_8);
      files.add(file);
    }
    return files;
  }

  private static String source(String name, int i) {
    return """
        package bench.gen;

        import ai.djl.ndarray.NDArray;
        import ai.djl.ndarray.NDList;
        import ai.djl.ndarray.NDManager;
        import ai.djl.ndarray.types.DataType;
        import ai.djl.ndarray.types.Shape;
        import ai.djl.nn.Activation;
        import ai.djl.nn.Block;
        import ai.djl.nn.SequentialBlock;
        import ai.djl.nn.core.Linear;
        import ai.djl.training.loss.Loss;
        import java.util.List;
        import org.trainkit.annotations.Collate;
        import org.trainkit.annotations.Forward;
        import org.trainkit.annotations.Metric;
        import org.trainkit.annotations.Model;
        import org.trainkit.annotations.Preprocess;
        import org.trainkit.annotations.Trainable;
        import org.trainkit.benchmarks.mlp.Point;
        import org.trainkit.benchmarks.mlp.PointReader;
        import org.trainkit.runtime.ForwardContext;
        import org.trainkit.runtime.ForwardResult;

        /** Generated for the compile-cost benchmark. */
        @Trainable(name = "gen-%2$d", reader = PointReader.class)
        public class %1$s {

          /** Features and labels. */
          public record Batch%2$d(NDArray x, NDArray y) {}

          private static final Loss LOSS = Loss.softmaxCrossEntropyLoss();

          @Model
          public Block model() {
            return new SequentialBlock()
                .add(Linear.builder().setUnits(%3$d).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
          }

          @Preprocess
          public Point preprocess(Point point) {
            return point;
          }

          @Collate
          public Batch%2$d collate(List<Point> points, NDManager manager) {
            int dims = points.get(0).x().length;
            float[] x = new float[points.size() * dims];
            float[] y = new float[points.size()];
            for (int i = 0; i < points.size(); i++) {
              System.arraycopy(points.get(i).x(), 0, x, i * dims, dims);
              y[i] = points.get(i).label();
            }
            return new Batch%2$d(manager.create(x, new Shape(points.size(), dims)), manager.create(y));
          }

          @Forward
          public ForwardResult forward(Batch%2$d batch, ForwardContext context) {
            NDList output = context.forward(new NDList(batch.x()));
            return ForwardResult.of(output, LOSS.evaluate(new NDList(batch.y()), output));
          }

          @Metric(name = "accuracy")
          public double accuracy(Batch%2$d batch, NDList output) {
            NDArray predicted = output.singletonOrThrow().argMax(1).toType(DataType.FLOAT32, false);
            return predicted.eq(batch.y()).toType(DataType.FLOAT32, false).mean().getFloat();
          }
        }
        """.formatted(name, i, 16 * i);
  }
}
