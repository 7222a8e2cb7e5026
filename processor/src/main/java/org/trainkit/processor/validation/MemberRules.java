package org.trainkit.processor.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import org.trainkit.processor.model.AnnotatedMember;
import org.trainkit.processor.model.MetricMember;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * What every annotated member must be, whatever its annotation: how many of each there are,
 * not private, not static, not generic, no checked exceptions; and the wording shared by the
 * signature rules (a wrong parameter count, a parameter list).
 */
final class MemberRules {

  private final TypeChecks types;
  private final ValidationReport report;

  MemberRules(TypeChecks types, ValidationReport report) {
    this.types = types;
    this.report = report;
  }

  void validate(TrainableClass trainable) {
    validateCounts(trainable);
    allMembers(trainable).forEach(this::validateModifiers);
  }

  private void validateCounts(TrainableClass trainable) {
    TypeElement type = trainable.type();
    Object name = type.getSimpleName();
    if (trainable.models().isEmpty()) {
      report.error(Message.MISSING_MODEL, type, name);
    }
    if (trainable.preprocessors().isEmpty()) {
      report.error(Message.MISSING_PREPROCESS, type, name);
    }
    if (trainable.forwards().isEmpty()) {
      report.error(Message.MISSING_FORWARD, type, name);
    }
    for (List<AnnotatedMember> singleUse :
        List.of(
            trainable.models(),
            trainable.preprocessors(),
            trainable.collators(),
            trainable.forwards(),
            trainable.optimizers())) {
      for (AnnotatedMember extra : singleUse.subList(Math.min(1, singleUse.size()), singleUse.size())) {
        report.error(
            Message.DUPLICATE, extra.element(), extra.annotationName(), singleUse.get(0).describe());
      }
    }
  }

  private void validateModifiers(AnnotatedMember member) {
    Set<Modifier> modifiers = member.element().getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      report.error(
          Message.MEMBER_PRIVATE, member.element(), member.annotationName(), member.describe());
    }
    if (modifiers.contains(Modifier.STATIC)) {
      report.error(
          Message.MEMBER_STATIC, member.element(), member.annotationName(), member.describe());
    }
    if (!member.isMethod()) {
      return;
    }
    if (isGeneric(member)) {
      report.error(
          Message.METHOD_GENERIC, member.element(), member.annotationName(), member.describe());
    }
    for (TypeMirror thrown : member.method().getThrownTypes()) {
      if (types.isChecked(thrown)) {
        report.error(
            Message.METHOD_THROWS,
            member.element(),
            member.annotationName(),
            member.describe(),
            TypeDisplay.of(thrown));
      }
    }
  }

  /** Reports that {@code method} takes the wrong number of parameters. */
  void parameterCount(AnnotatedMember method, String expected, String declaration) {
    report.error(
        Message.PARAMETER_COUNT,
        method.element(),
        method.annotationName(),
        method.describe(),
        expected,
        method.parameters().size(),
        declaration);
  }

  /**
   * A generic method is reported once, as such ({@link #validate}); its signature is not checked
   * further, since its type variables would only cause follow-on errors.
   */
  static boolean isGeneric(AnnotatedMember member) {
    return member.isMethod() && !member.method().getTypeParameters().isEmpty();
  }

  /** {@code String line, int count}: a method's parameters as messages show them. */
  static String parameterList(AnnotatedMember method) {
    return method.parameters().stream()
        .map(p -> TypeDisplay.of(p.asType()) + " " + p.getSimpleName())
        .collect(Collectors.joining(", "));
  }

  private static Stream<AnnotatedMember> allMembers(TrainableClass trainable) {
    return Stream.of(
            trainable.models().stream(),
            trainable.preprocessors().stream(),
            trainable.collators().stream(),
            trainable.forwards().stream(),
            trainable.metrics().stream().map(MetricMember::member),
            trainable.epochEndHooks().stream(),
            trainable.optimizers().stream())
        .flatMap(s -> s);
  }
}
