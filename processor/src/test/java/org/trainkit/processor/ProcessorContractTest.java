package org.trainkit.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dagger.internal.codegen.ComponentProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What build tools rely on: registration, source version, claiming, originating elements. */
class ProcessorContractTest {

  private static final String PROCESSOR = TrainableProcessor.class.getName();

  @Test
  void supportsTheLatestSourceVersion() {
    assertThat(new TrainableProcessor().getSupportedSourceVersion())
        .isEqualTo(SourceVersion.latestSupported());
  }

  @Test
  void namesItsAnnotationsExplicitly() {
    assertThat(new TrainableProcessor().getSupportedAnnotationTypes())
        .containsExactly(
            "org.trainkit.annotations.Trainable",
            "org.trainkit.annotations.Model",
            "org.trainkit.annotations.Preprocess",
            "org.trainkit.annotations.Collate",
            "org.trainkit.annotations.Forward",
            "org.trainkit.annotations.Metric",
            "org.trainkit.annotations.OnEpochEnd",
            "org.trainkit.annotations.Optimizer");
  }

  @Test
  void neverClaimsAndGivesEveryFileOneOriginatingElement() {
    RecordingProcessor recording = new RecordingProcessor();
    Compilation compilation =
        javac()
            .withProcessors(recording, new ComponentProcessor())
            .compile(Compilations.tagger().toArray(new JavaFileObject[0]));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(recording.claims).isNotEmpty();
    assertThat(recording.claims).doesNotContain(true);
    assertThat(recording.originatingElements)
        .containsExactly(
            "com.example.tagging.TaggerTrainable", List.of("com.example.tagging.Tagger"),
            "com.example.tagging.TaggerTrainerModule", List.of("com.example.tagging.Tagger"),
            "com.example.tagging.TaggerTrainerComponent", List.of("com.example.tagging.Tagger"),
            "com.example.tagging.TaggerTrainerMain", List.of("com.example.tagging.Tagger"));
  }

  @Test
  void isRegisteredAsAProcessor() throws IOException {
    assertThat(resourceLines("META-INF/services/javax.annotation.processing.Processor"))
        .contains(PROCESSOR);
  }

  @Test
  void isDeclaredIsolatingForGradle() throws IOException {
    assertThat(resourceLines("META-INF/gradle/incremental.annotation.processors"))
        .contains(PROCESSOR + ",isolating");
  }

  /** Every line of every copy of {@code name} on the test classpath. */
  private static List<String> resourceLines(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(getClassLoader().getResources(name))) {
      try (InputStream in = url.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).forEach(lines::add);
      }
    }
    return lines;
  }

  private static ClassLoader getClassLoader() {
    return ProcessorContractTest.class.getClassLoader();
  }
}
