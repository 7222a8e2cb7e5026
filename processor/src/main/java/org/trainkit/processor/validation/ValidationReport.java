package org.trainkit.processor.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors found in one class, each attached to the most precise place there is: an element
 * (a class, member or parameter), its annotation, or one of the annotation's values. Nothing is
 * printed until {@link #printTo}; an error reported twice at the same place is printed once. A
 * message given the wrong number of arguments throws ({@link Message#format}), so the processor
 * reports it as its own bug rather than printing a garbled message.
 */
public final class ValidationReport {

  /**
   * One error.
   *
   * @param text the full message, id first
   * @param element where it is
   * @param annotation the annotation on {@code element} it is about, if any
   * @param value the value of {@code annotation} it is about, if any
   */
  public record Item(
      String text,
      Element element,
      Optional<AnnotationMirror> annotation,
      Optional<AnnotationValue> value) {}

  private final Set<Item> items = new LinkedHashSet<>();

  /** An error on an element. */
  public void error(Message message, Element element, Object... arguments) {
    items.add(new Item(message.format(arguments), element, Optional.empty(), Optional.empty()));
  }

  /** An error on an annotation of an element. */
  public void error(
      Message message, Element element, AnnotationMirror annotation, Object... arguments) {
    items.add(
        new Item(message.format(arguments), element, Optional.of(annotation), Optional.empty()));
  }

  /** An error on a value of an annotation of an element. */
  public void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... arguments) {
    items.add(
        new Item(
            message.format(arguments), element, Optional.of(annotation), Optional.of(value)));
  }

  /** True when no error was found. */
  public boolean isClean() {
    return items.isEmpty();
  }

  public List<Item> items() {
    return new ArrayList<>(items);
  }

  /** Prints every error, in the order found. */
  public void printTo(Messager messager) {
    for (Item item : items) {
      if (item.value().isPresent()) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            item.text(),
            item.element(),
            item.annotation().get(),
            item.value().get());
      } else if (item.annotation().isPresent()) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, item.text(), item.element(), item.annotation().get());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, item.text(), item.element());
      }
    }
  }
}
