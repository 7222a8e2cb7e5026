package org.trainkit.processor.model;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A field or method of a {@code @Trainable} class with one of trainkit's member annotations.
 *
 * @param element the field or method
 * @param annotation the trainkit annotation on it
 */
public record AnnotatedMember(Element element, AnnotationMirror annotation) {

  public boolean isMethod() {
    return element.getKind() == ElementKind.METHOD;
  }

  /** The method; only for {@link #isMethod() methods}. */
  public ExecutableElement method() {
    return (ExecutableElement) element;
  }

  /** The method's parameters; only for {@link #isMethod() methods}. */
  public List<? extends VariableElement> parameters() {
    return method().getParameters();
  }

  /** The field's type, or the method's return type. */
  public TypeMirror type() {
    return isMethod() ? method().getReturnType() : element.asType();
  }

  public String name() {
    return element.getSimpleName().toString();
  }

  /** The simple name of the annotation, as a user writes it: {@code Forward}. */
  public String annotationName() {
    return annotation.getAnnotationType().asElement().getSimpleName().toString();
  }

  /** How messages name the member: {@code field model} or {@code forward(NDList, ForwardContext)}. */
  public String describe() {
    if (!isMethod()) {
      return "field " + name();
    }
    return name()
        + parameters().stream()
            .map(p -> TypeDisplay.of(p.asType()))
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
