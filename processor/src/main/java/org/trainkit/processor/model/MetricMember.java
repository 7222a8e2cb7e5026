package org.trainkit.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * A {@code @Metric} method.
 *
 * @param member the method and its annotation
 * @param name the metric's name: {@code @Metric(name = ...)}, else the method's name
 * @param nameValue the explicit {@code name} value, where errors about the name point
 * @param kind what the method computes, told by its parameter count
 */
public record MetricMember(
    AnnotatedMember member, String name, Optional<AnnotationValue> nameValue, Kind kind) {

  /** How the adapter turns the method into a {@code MetricsComputer}. */
  public enum Kind {
    /** {@code double name(B batch, NDList output)}, averaged over examples. */
    AVERAGED,
    /** A method without parameters returning a {@code MetricsComputer<B>}. */
    COMPUTER
  }
}
