package org.trainkit.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;

/**
 * Reads annotations through their mirrors. {@code Class} values are never read through {@code
 * getAnnotation(X.class).value()}, which throws for types that are not compiled yet.
 */
public final class AnnotationValues {

  private AnnotationValues() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (qualifiedName(mirror).equals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** True when {@code element} carries an annotation of type {@code qualifiedName}. */
  public static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName).isPresent();
  }

  /** The qualified name of the annotation's type. */
  public static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** The value the source gives {@code attribute}; empty when the default applies. */
  public static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String attribute) {
    for (var entry : mirror.getElementValues().entrySet()) {
      ExecutableElement key = entry.getKey();
      if (key.getSimpleName().contentEquals(attribute)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** The entries of an array value; a single value written without braces is one entry. */
  public static List<AnnotationValue> entries(AnnotationValue value) {
    return value.accept(
        new SimpleAnnotationValueVisitor14<List<AnnotationValue>, Void>() {
          @Override
          protected List<AnnotationValue> defaultAction(Object o, Void unused) {
            return List.of(value);
          }

          @Override
          public List<AnnotationValue> visitArray(List<? extends AnnotationValue> values, Void unused) {
            return List.copyOf(values);
          }
        },
        null);
  }

  /**
   * The type of a {@code Class} value. Empty when javac could not resolve the class: it then
   * hands a placeholder rather than a type (a type another processor will generate, typically).
   */
  public static Optional<TypeMirror> type(AnnotationValue value) {
    return value.accept(
        new SimpleAnnotationValueVisitor14<Optional<TypeMirror>, Void>(Optional.empty()) {
          @Override
          public Optional<TypeMirror> visitType(TypeMirror type, Void unused) {
            return Optional.of(type);
          }
        },
        null);
  }
}
