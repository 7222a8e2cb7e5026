package org.trainkit.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A stand-in for another processor whose output a {@code @Trainable} class uses: it generates
 * one type only in its second round (the first only generates a filler class, so that there is
 * a second round). Until the third round, that type is an error type.
 */
final class LateTypeProcessor extends AbstractProcessor {

  /** The processing rounds, counted from 1, in which the type did not exist. */
  final List<Integer> roundsTypeWasMissing = new ArrayList<>();

  private final String qualifiedName;
  private final String source;
  private int round;

  LateTypeProcessor(String qualifiedName, String source) {
    this.qualifiedName = qualifiedName;
    this.source = source;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
    round++;
    if (processingEnv.getElementUtils().getTypeElement(qualifiedName) == null) {
      roundsTypeWasMissing.add(round);
    }
    if (round == 1) {
      write("test.Filler", "package test;\n\nclass Filler {}\n");
    } else if (round == 2) {
      write(qualifiedName, source);
    }
    return false;
  }

  private void write(String name, String source) {
    try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
      writer.write(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
