package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The same sources give the same bytes, whatever the run and whatever the order of the sources. */
class DeterminismTest {

  private static final JavaFileObject SECOND_TRAINABLE =
      Compilations.source(
          "com.example.tagging.Chunker",
          "package com.example.tagging;",
          "",
          "import ai.djl.ndarray.NDList;",
          "import ai.djl.nn.Block;",
          "import ai.djl.nn.SequentialBlock;",
          "import org.trainkit.annotations.*;",
          "import org.trainkit.runtime.ForwardContext;",
          "import org.trainkit.runtime.ForwardResult;",
          "",
          "@Trainable(reader = LineReader.class)",
          "public class Chunker {",
          "  @Model Block model() { return new SequentialBlock(); }",
          "  @Preprocess NDList preprocess(String line) { return new NDList(); }",
          "  @Forward ForwardResult forward(NDList batch, ForwardContext context) { return null; }",
          "  @Metric double b(NDList batch, NDList output) { return 0; }",
          "  @Metric double a(NDList batch, NDList output) { return 0; }",
          "}");

  @Test
  void sameSourcesTwiceGiveIdenticalBytes() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>(Compilations.tagger());
    sources.add(SECOND_TRAINABLE);

    Map<String, byte[]> first = ours(compile(sources));
    Map<String, byte[]> second = ours(compile(sources));

    assertThat(first.keySet()).hasSize(8);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((name, bytes) -> assertThat(second.get(name)).isEqualTo(bytes));
  }

  @Test
  void orderOfTheSourcesDoesNotMatter() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>(Compilations.tagger());
    sources.add(SECOND_TRAINABLE);
    List<JavaFileObject> reversed = new ArrayList<>(sources);
    Collections.reverse(reversed);

    Map<String, byte[]> forward = ours(compile(sources));
    Map<String, byte[]> backward = ours(compile(reversed));

    assertThat(backward.keySet()).isEqualTo(forward.keySet());
    forward.forEach((name, bytes) -> assertThat(backward.get(name)).isEqualTo(bytes));
  }

  private static Compilation compile(List<JavaFileObject> sources) {
    Compilation compilation = Compilations.compileWithDagger(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeeded();
    return compilation;
  }

  /** The sources trainkit generated (not Dagger's factories and components), by name, as bytes. */
  private static Map<String, byte[]> ours(Compilation compilation) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String name = file.toUri().getPath();
      if (name.contains("/Dagger")
          || !name.matches(".*(Trainable|TrainerModule|TrainerComponent|TrainerMain)\\.java")) {
        continue;
      }
      try (InputStream in = file.openInputStream()) {
        files.put(name, in.readAllBytes());
      }
    }
    return files;
  }
}
