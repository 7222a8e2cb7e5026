package org.trainkit.processor.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.trainkit.processor.model.AnnotatedMember;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.MetricMember;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * Each member's signature, and the types flowing between members: {@code @Preprocess}'s result
 * is {@code @Collate}'s element type, whose result is the batch type {@code @Forward} and every
 * {@code @Metric} read. A rule that depends on another member is checked only when that member is
 * itself well formed, so that one mistake gives one error, not a cascade.
 */
final class FlowRules {

  /** The flow types found well formed: each is empty when its member is missing or broken. */
  record Flow(Optional<TypeMirror> raw, Optional<TypeMirror> example, Optional<TypeMirror> batch) {}

  /** Metric names become file names and command-line values. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private static final Set<String> RESERVED_METRIC_NAMES = Set.of("loss", "train_loss", "dev_loss");

  private final TrainableClass trainable;
  private final TypeChecks types;
  private final MemberRules members;
  private final ValidationReport report;

  FlowRules(TrainableClass trainable, TypeChecks types, MemberRules members, ValidationReport report) {
    this.trainable = trainable;
    this.types = types;
    this.members = members;
    this.report = report;
  }

  Flow validate() {
    trainable.models().forEach(this::validateModel);
    Optional<TypeMirror> raw = Optional.empty();
    Optional<TypeMirror> example = Optional.empty();
    if (trainable.preprocessors().size() == 1) {
      AnnotatedMember preprocess = trainable.preprocessors().get(0);
      raw = validatePreprocessParameter(preprocess);
      example = validatePreprocessReturn(preprocess);
    } else {
      trainable.preprocessors().forEach(this::validatePreprocessParameter);
      trainable.preprocessors().forEach(this::validatePreprocessReturn);
    }
    Optional<TypeMirror> batch = validateCollation(example);
    raw.ifPresent(r -> validateSupertype(trainable.dataDependent(), r, Message.DATA_DEPENDENT_TYPE));
    batch.ifPresent(
        b -> validateSupertype(trainable.predictionRenderer(), b, Message.PREDICTION_RENDERER_TYPE));
    for (AnnotatedMember forward : trainable.forwards()) {
      validateForward(forward, batch);
    }
    validateMetrics(batch);
    trainable.epochEndHooks().forEach(this::validateOnEpochEnd);
    trainable.optimizers().forEach(this::validateOptimizer);
    return new Flow(raw, example, batch);
  }

  /** A {@code DataDependent<X>} or {@code PredictionRenderer<X>} supertype must have X = {@code expected}. */
  private void validateSupertype(
      Optional<DeclaredType> supertype, TypeMirror expected, Message message) {
    if (supertype.isEmpty()) {
      return;
    }
    List<? extends TypeMirror> arguments = supertype.get().getTypeArguments();
    if (arguments.size() == 1 && types.same(arguments.get(0), expected)) {
      return;
    }
    String expectedName = TypeDisplay.of(expected);
    report.error(
        message,
        trainable.type(),
        trainable.type().getSimpleName(),
        TypeDisplay.of(supertype.get()),
        expectedName);
  }

  private void validateModel(AnnotatedMember model) {
    if (MemberRules.isGeneric(model)) {
      return;
    }
    if (model.isMethod() && !model.parameters().isEmpty()) {
      members.parameterCount(model, "no parameter", "Block " + model.name() + "()");
    }
    if (!types.types.isAssignable(model.type(), types.declared(KnownType.BLOCK))) {
      report.error(
          Message.MODEL_TYPE, model.element(), model.describe(), TypeDisplay.of(model.type()));
    }
  }

  /** The raw item type, when the one parameter is there and of a reference type. */
  private Optional<TypeMirror> validatePreprocessParameter(AnnotatedMember preprocess) {
    if (MemberRules.isGeneric(preprocess)) {
      return Optional.empty();
    }
    if (preprocess.parameters().size() != 1) {
      members.parameterCount(
          preprocess, "one parameter, the raw item", "E " + preprocess.name() + "(R item)");
      return Optional.empty();
    }
    VariableElement parameter = preprocess.parameters().get(0);
    TypeMirror raw = parameter.asType();
    if (!TypeChecks.isReference(raw)) {
      report.error(
          Message.PREPROCESS_PARAMETER, parameter, TypeDisplay.of(raw), types.boxedName(raw));
      return Optional.empty();
    }
    return Optional.of(raw);
  }

  /** The example type, when it is a reference type. */
  private Optional<TypeMirror> validatePreprocessReturn(AnnotatedMember preprocess) {
    if (MemberRules.isGeneric(preprocess)) {
      return Optional.empty();
    }
    TypeMirror example = preprocess.type();
    if (!TypeChecks.isReference(example)) {
      report.error(
          Message.PREPROCESS_RETURN,
          preprocess.element(),
          TypeDisplay.of(example),
          types.boxedName(example));
      return Optional.empty();
    }
    return Optional.of(example);
  }

  /**
   * Checks {@code @Collate} against the example type and returns the batch type when it is
   * well defined: the {@code @Collate} result, or {@code NDList} when examples are stacked.
   */
  private Optional<TypeMirror> validateCollation(Optional<TypeMirror> example) {
    if (trainable.collators().isEmpty()) {
      if (example.isPresent() && !types.same(example.get(), types.declared(KnownType.ND_LIST))) {
        String exampleName = TypeDisplay.of(example.get());
        report.error(
            Message.MISSING_COLLATE, trainable.preprocessors().get(0).element(), exampleName);
        return Optional.empty();
      }
      return Optional.of(types.declared(KnownType.ND_LIST));
    }
    Optional<TypeMirror> batch = Optional.empty();
    for (AnnotatedMember collate : trainable.collators()) {
      Optional<TypeMirror> result = validateCollate(collate, example);
      if (collate == trainable.collators().get(0)) {
        batch = result;
      }
    }
    return trainable.collators().size() == 1 ? batch : Optional.empty();
  }

  private Optional<TypeMirror> validateCollate(
      AnnotatedMember collate, Optional<TypeMirror> example) {
    if (MemberRules.isGeneric(collate)) {
      return Optional.empty();
    }
    List<? extends VariableElement> parameters = collate.parameters();
    if (parameters.size() != 2) {
      members.parameterCount(
          collate,
          "two parameters",
          "B " + collate.name() + "(List<E> examples, NDManager manager)");
    } else {
      Optional<TypeMirror> element = types.listElement(parameters.get(0).asType());
      if (element.isEmpty()) {
        report.error(
            Message.COLLATE_PARAMETERS, parameters.get(0), MemberRules.parameterList(collate), collate.name());
      } else if (example.isPresent() && !types.same(element.get(), example.get())) {
        String elementName = TypeDisplay.of(element.get());
        String exampleName = TypeDisplay.of(example.get());
        report.error(
            Message.COLLATE_ELEMENT,
            parameters.get(0),
            elementName,
            exampleName);
      }
      if (!types.same(parameters.get(1).asType(), types.declared(KnownType.ND_MANAGER))) {
        report.error(
            Message.COLLATE_PARAMETERS, parameters.get(1), MemberRules.parameterList(collate), collate.name());
      }
    }
    TypeMirror batch = collate.type();
    if (!TypeChecks.isReference(batch)) {
      report.error(Message.COLLATE_RETURN, collate.element(), TypeDisplay.of(batch));
      return Optional.empty();
    }
    return Optional.of(batch);
  }

  private void validateForward(AnnotatedMember forward, Optional<TypeMirror> batch) {
    if (MemberRules.isGeneric(forward)) {
      return;
    }
    List<? extends VariableElement> parameters = forward.parameters();
    if (parameters.size() != 2) {
      members.parameterCount(
          forward,
          "two parameters",
          "ForwardResult " + forward.name() + "(B batch, ForwardContext context)");
    } else {
      TypeMirror batchParameter = parameters.get(0).asType();
      if (batch.isPresent() && !types.same(batchParameter, batch.get())) {
        String batchName = TypeDisplay.of(batch.get());
        report.error(
            Message.FORWARD_BATCH,
            parameters.get(0),
            TypeDisplay.of(batchParameter),
            batchName,
            trainable.collators().isEmpty()
                ? "NDList examples are stacked into an NDList batch"
                : "the @Collate result");
      }
      if (!types.same(parameters.get(1).asType(), types.declared(KnownType.FORWARD_CONTEXT))) {
        report.error(
            Message.FORWARD_PARAMETERS, parameters.get(1), MemberRules.parameterList(forward), forward.name());
      }
    }
    if (!types.same(forward.type(), types.declared(KnownType.FORWARD_RESULT))) {
      report.error(Message.FORWARD_RETURN, forward.element(), TypeDisplay.of(forward.type()));
    }
  }

  private void validateMetrics(Optional<TypeMirror> batch) {
    Map<String, MetricMember> byName = new HashMap<>();
    for (MetricMember metric : trainable.metrics()) {
      if (metric.kind() == MetricMember.Kind.AVERAGED) {
        validateAveragedMetric(metric, batch);
        validateMetricName(metric, byName);
      } else {
        validateMetricsComputer(metric, batch);
      }
    }
  }

  private void validateAveragedMetric(MetricMember metric, Optional<TypeMirror> batch) {
    if (MemberRules.isGeneric(metric.member())) {
      return;
    }
    AnnotatedMember member = metric.member();
    List<? extends VariableElement> parameters = member.parameters();
    boolean wellFormed =
        parameters.size() == 2
            && types.same(parameters.get(1).asType(), types.declared(KnownType.ND_LIST))
            && member.type().getKind() == TypeKind.DOUBLE;
    if (!wellFormed) {
      report.error(Message.METRIC_SIGNATURE, member.element(), member.describe(), member.name());
      return;
    }
    TypeMirror metricBatch = parameters.get(0).asType();
    if (batch.isPresent() && !types.same(metricBatch, batch.get())) {
      String batchName = TypeDisplay.of(batch.get());
      report.error(
          Message.METRIC_BATCH,
          parameters.get(0),
          metric.name(),
          TypeDisplay.of(metricBatch),
          batchName,
          "declare the parameter as " + batchName + " batch");
    }
  }

  private void validateMetricsComputer(MetricMember metric, Optional<TypeMirror> batch) {
    AnnotatedMember member = metric.member();
    metric
        .nameValue()
        .ifPresent(
            value ->
                report.error(
                    Message.METRIC_COMPUTER_NAMED,
                    member.element(),
                    member.annotation(),
                    value,
                    member.name(),
                    metric.name()));
    if (MemberRules.isGeneric(member)) {
      return;
    }
    Optional<TypeMirror> computed = TypeChecks.typeArgument(member.type(), KnownType.METRICS_COMPUTER);
    if (computed.isEmpty()) {
      report.error(Message.METRIC_SIGNATURE, member.element(), member.describe(), member.name());
      return;
    }
    if (batch.isPresent() && !types.same(computed.get(), batch.get())) {
      String batchName = TypeDisplay.of(batch.get());
      report.error(
          Message.METRIC_BATCH,
          member.element(),
          member.name(),
          TypeDisplay.of(computed.get()),
          batchName,
          "return MetricsComputer<" + batchName + ">");
    }
  }

  private void validateMetricName(MetricMember metric, Map<String, MetricMember> byName) {
    String problem = null;
    if (RESERVED_METRIC_NAMES.contains(metric.name())) {
      problem = "is reserved for the loss";
    } else if (!NAME.matcher(metric.name()).matches()) {
      problem = "must be letters, digits, '.', '_' or '-'";
    }
    if (problem != null) {
      metricNameError(metric, Message.METRIC_NAME, metric.name(), problem);
      return;
    }
    MetricMember first = byName.putIfAbsent(metric.name(), metric);
    if (first != null) {
      metricNameError(metric, Message.METRIC_DUPLICATE, metric.name(), first.member().describe());
    }
  }

  private void metricNameError(MetricMember metric, Message message, Object... arguments) {
    AnnotatedMember member = metric.member();
    if (metric.nameValue().isPresent()) {
      report.error(
          message, member.element(), member.annotation(), metric.nameValue().get(), arguments);
    } else {
      report.error(message, member.element(), arguments);
    }
  }

  private void validateOnEpochEnd(AnnotatedMember hook) {
    if (MemberRules.isGeneric(hook)) {
      return;
    }
    boolean wellFormed =
        hook.type().getKind() == TypeKind.VOID
            && hook.parameters().size() == 1
            && types.same(hook.parameters().get(0).asType(), types.declared(KnownType.EPOCH_SUMMARY));
    if (!wellFormed) {
      report.error(
          Message.ON_EPOCH_END,
          hook.element(),
          hook.name(),
          TypeDisplay.of(hook.type()),
          MemberRules.parameterList(hook));
    }
  }

  private void validateOptimizer(AnnotatedMember optimizer) {
    if (MemberRules.isGeneric(optimizer)) {
      return;
    }
    boolean wellFormed =
        types.types.isAssignable(optimizer.type(), types.declared(KnownType.STATEFUL_OPTIMIZER))
            && optimizer.parameters().size() == 1
            && types.same(
                optimizer.parameters().get(0).asType(), types.declared(KnownType.TRAINER_CONFIG));
    if (!wellFormed) {
      report.error(
          Message.OPTIMIZER,
          optimizer.element(),
          optimizer.name(),
          TypeDisplay.of(optimizer.type()),
          MemberRules.parameterList(optimizer));
    }
  }
}
