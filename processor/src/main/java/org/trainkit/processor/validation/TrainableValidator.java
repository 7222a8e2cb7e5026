package org.trainkit.processor.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import org.trainkit.processor.model.AnnotatedMember;
import org.trainkit.processor.model.AnnotationValues;
import org.trainkit.processor.model.Construction;
import org.trainkit.processor.model.KnownTypes;
import org.trainkit.processor.model.MetricMember;
import org.trainkit.processor.model.ModuleBinding;
import org.trainkit.processor.model.ModuleReference;
import org.trainkit.processor.model.RuntimeTypes;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * Checks a {@link TrainableClass} against the training contract and reports every broken rule
 * at once. Rules that depend on another member (the types flowing from {@code @Preprocess} to
 * {@code @Collate} to {@code @Forward} and {@code @Metric}) are checked only when that member is
 * itself well formed, so that one mistake gives one error, not a cascade.
 */
public final class TrainableValidator {

  /** Run and metric names: they become file names and command-line values. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private static final Set<String> RESERVED_METRIC_NAMES = Set.of("loss", "train_loss", "dev_loss");

  private final RuntimeTypes runtime;
  private final Types types;

  public TrainableValidator(RuntimeTypes runtime) {
    this.runtime = runtime;
    this.types = runtime.types();
  }

  public ValidationReport validate(TrainableClass trainable) {
    ValidationReport report = new ValidationReport();
    new Run(trainable, report).validate();
    return report;
  }

  /** One validation of one class: the well-formed flow types are found along the way. */
  private final class Run {
    private final TrainableClass trainable;
    private final ValidationReport report;

    Run(TrainableClass trainable, ValidationReport report) {
      this.trainable = trainable;
      this.report = report;
    }

    void validate() {
      if (!validateClass()) {
        return;
      }
      validateCounts();
      allMembers().forEach(this::validateModifiers);
      trainable.models().forEach(this::validateModel);

      Optional<TypeMirror> raw = Optional.empty();
      Optional<TypeMirror> example = Optional.empty();
      if (trainable.preprocessors().size() == 1) {
        AnnotatedMember preprocess = trainable.preprocess();
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

      validateModules();
      validateConstruction();
      raw.ifPresent(this::validateReader);
    }

    // The class itself.

    /** Returns false when the class is so far off (not a class at all) that nothing else applies. */
    private boolean validateClass() {
      TypeElement type = trainable.type();
      String name = type.getSimpleName().toString();
      if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
        report.error(Message.CLASS_KIND, type, trainable.annotation(), name, kindName(type));
        return false;
      }
      if (type.getModifiers().contains(Modifier.ABSTRACT)) {
        report.error(Message.CLASS_ABSTRACT, type, name);
      }
      if (privateOrInPrivate(type)) {
        report.error(Message.CLASS_PRIVATE, type, name);
      }
      boolean inner =
          type.getNestingKind() == NestingKind.LOCAL
              || type.getNestingKind() == NestingKind.ANONYMOUS
              || (type.getNestingKind() == NestingKind.MEMBER
                  && !type.getModifiers().contains(Modifier.STATIC));
      if (inner) {
        report.error(Message.CLASS_INNER, type, name);
      }
      if (!type.getTypeParameters().isEmpty()) {
        report.error(Message.CLASS_GENERIC, type, name);
      }
      trainable
          .nameValue()
          .filter(value -> !NAME.matcher(value.getValue().toString()).matches())
          .ifPresent(
              value ->
                  report.error(
                      Message.CLASS_NAME,
                      type,
                      trainable.annotation(),
                      value,
                      value.getValue(),
                      suggestedName(value.getValue().toString(), name)));
      return true;
    }

    private void validateConstruction() {
      TypeElement type = trainable.type();
      if (type.getModifiers().contains(Modifier.ABSTRACT)
          || trainable.construction() != Construction.NONE
          || trainable.moduleProvidesInstance()) {
        return;
      }
      report.error(
          Message.CLASS_CONSTRUCTOR,
          type,
          type.getSimpleName(),
          trainable.names().module());
    }

    private void validateModules() {
      for (ModuleReference module : trainable.modules()) {
        boolean isModule =
            module.type().getKind() == TypeKind.DECLARED
                && AnnotationValues.has(
                    ((DeclaredType) module.type()).asElement(), KnownTypes.DAGGER_MODULE);
        if (!isModule) {
          report.error(
              Message.MODULE_NOT_MODULE,
              trainable.type(),
              trainable.annotation(),
              module.value(),
              TypeDisplay.of(module.type()));
        }
      }
    }

    private void validateReader(TypeMirror raw) {
      TypeMirror wanted = runtime.datasetReaderOf(raw);
      Optional<ModuleBinding> fromModule =
          trainable.moduleBindings().stream()
              .filter(binding -> types.isSameType(binding.type(), wanted))
              .findFirst();
      String rawName = TypeDisplay.of(raw);
      if (trainable.reader().isEmpty()) {
        if (fromModule.isEmpty()) {
          report.error(
              Message.READER_MISSING,
              trainable.type(),
              trainable.annotation(),
              trainable.type().getSimpleName(),
              rawName,
              rawName);
        }
        return;
      }
      TypeMirror reader = trainable.reader().get();
      String readerName = TypeDisplay.of(types.erasure(reader));
      var value = trainable.readerValue().orElseThrow();
      if (!creatable(reader)) {
        report.error(
            Message.READER_CONSTRUCTOR,
            trainable.type(),
            trainable.annotation(),
            value,
            readerName,
            trainable.names().module(),
            rawName);
      } else if (!types.isSubtype(reader, wanted)) {
        report.error(
            Message.READER_TYPE,
            trainable.type(),
            trainable.annotation(),
            value,
            readerName,
            rawName,
            rawName,
            rawName);
      } else if (fromModule.isPresent()) {
        report.error(
            Message.READER_TWICE,
            trainable.type(),
            trainable.annotation(),
            value,
            rawName,
            readerName,
            fromModule.get().describe());
      }
    }

    /** True for a concrete, non-generic class the generated module can create. */
    private boolean creatable(TypeMirror reader) {
      if (reader.getKind() != TypeKind.DECLARED) {
        return false;
      }
      TypeElement element = (TypeElement) ((DeclaredType) reader).asElement();
      return element.getKind() == ElementKind.CLASS
          && !element.getModifiers().contains(Modifier.ABSTRACT)
          && element.getTypeParameters().isEmpty()
          && accessibleFromGeneratedCode(element)
          && trainable.readerConstruction() != Construction.NONE;
    }

    private boolean accessibleFromGeneratedCode(TypeElement element) {
      boolean samePackage =
          runtime
              .elements()
              .getPackageOf(element)
              .getQualifiedName()
              .contentEquals(trainable.names().packageName());
      for (Element e = element; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
        Set<Modifier> modifiers = e.getModifiers();
        boolean accessible =
            modifiers.contains(Modifier.PUBLIC)
                || (samePackage && !modifiers.contains(Modifier.PRIVATE));
        if (!accessible) {
          return false;
        }
      }
      return true;
    }

    /** A {@code DataDependent<X>} or {@code PredictionRenderer<X>} supertype must have X = {@code expected}. */
    private void validateSupertype(
        Optional<DeclaredType> supertype, TypeMirror expected, Message message) {
      if (supertype.isEmpty()) {
        return;
      }
      List<? extends TypeMirror> arguments = supertype.get().getTypeArguments();
      if (arguments.size() == 1 && types.isSameType(arguments.get(0), expected)) {
        return;
      }
      String expectedName = TypeDisplay.of(expected);
      report.error(
          message,
          trainable.type(),
          trainable.type().getSimpleName(),
          TypeDisplay.of(supertype.get()),
          expectedName,
          expectedName);
    }

    // How many of each member.

    private void validateCounts() {
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
              Message.DUPLICATE,
              extra.element(),
              extra.annotationName(),
              singleUse.get(0).describe());
        }
      }
    }

    // What every annotated member must be.

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
      if (!member.method().getTypeParameters().isEmpty()) {
        report.error(
            Message.METHOD_GENERIC, member.element(), member.annotationName(), member.describe());
      }
      for (TypeMirror thrown : member.method().getThrownTypes()) {
        if (isChecked(thrown)) {
          report.error(
              Message.METHOD_THROWS,
              member.element(),
              member.annotationName(),
              member.describe(),
              TypeDisplay.of(thrown));
        }
      }
    }

    // Each member's signature.

    private void validateModel(AnnotatedMember model) {
      if (isGeneric(model)) {
        return;
      }
      if (model.isMethod() && !model.parameters().isEmpty()) {
        parameterCount(model, "no parameter", "Block " + model.name() + "()");
      }
      if (!types.isAssignable(model.type(), runtime.block())) {
        report.error(
            Message.MODEL_TYPE, model.element(), model.describe(), TypeDisplay.of(model.type()));
      }
    }

    /** The raw item type, when the one parameter is there and of a reference type. */
    private Optional<TypeMirror> validatePreprocessParameter(AnnotatedMember preprocess) {
      if (isGeneric(preprocess)) {
        return Optional.empty();
      }
      if (preprocess.parameters().size() != 1) {
        parameterCount(
            preprocess, "one parameter, the raw item", "E " + preprocess.name() + "(R item)");
        return Optional.empty();
      }
      VariableElement parameter = preprocess.parameters().get(0);
      TypeMirror raw = parameter.asType();
      if (!isReference(raw)) {
        report.error(
            Message.PREPROCESS_PARAMETER, parameter, TypeDisplay.of(raw), boxedName(raw));
        return Optional.empty();
      }
      return Optional.of(raw);
    }

    /** The example type, when it is a reference type. */
    private Optional<TypeMirror> validatePreprocessReturn(AnnotatedMember preprocess) {
      if (isGeneric(preprocess)) {
        return Optional.empty();
      }
      TypeMirror example = preprocess.type();
      if (!isReference(example)) {
        report.error(
            Message.PREPROCESS_RETURN,
            preprocess.element(),
            TypeDisplay.of(example),
            boxedName(example));
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
        if (example.isPresent() && !types.isSameType(example.get(), runtime.ndList())) {
          String exampleName = TypeDisplay.of(example.get());
          report.error(
              Message.MISSING_COLLATE, trainable.preprocess().element(), exampleName, exampleName);
          return Optional.empty();
        }
        return Optional.of(runtime.ndList());
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
      if (isGeneric(collate)) {
        return Optional.empty();
      }
      List<? extends VariableElement> parameters = collate.parameters();
      if (parameters.size() != 2) {
        parameterCount(
            collate,
            "two parameters",
            "B " + collate.name() + "(List<E> examples, NDManager manager)");
      } else {
        Optional<TypeMirror> element = listElement(parameters.get(0).asType());
        if (element.isEmpty()) {
          report.error(
              Message.COLLATE_PARAMETERS, parameters.get(0), parameterList(collate), collate.name());
        } else if (example.isPresent() && !types.isSameType(element.get(), example.get())) {
          String elementName = TypeDisplay.of(element.get());
          String exampleName = TypeDisplay.of(example.get());
          report.error(
              Message.COLLATE_ELEMENT,
              parameters.get(0),
              elementName,
              exampleName,
              exampleName,
              elementName);
        }
        if (!types.isSameType(parameters.get(1).asType(), runtime.ndManager())) {
          report.error(
              Message.COLLATE_PARAMETERS, parameters.get(1), parameterList(collate), collate.name());
        }
      }
      TypeMirror batch = collate.type();
      if (!isReference(batch)) {
        report.error(Message.COLLATE_RETURN, collate.element(), TypeDisplay.of(batch));
        return Optional.empty();
      }
      return Optional.of(batch);
    }

    private void validateForward(AnnotatedMember forward, Optional<TypeMirror> batch) {
      if (isGeneric(forward)) {
        return;
      }
      List<? extends VariableElement> parameters = forward.parameters();
      if (parameters.size() != 2) {
        parameterCount(
            forward,
            "two parameters",
            "ForwardResult " + forward.name() + "(B batch, ForwardContext context)");
      } else {
        TypeMirror batchParameter = parameters.get(0).asType();
        if (batch.isPresent() && !types.isSameType(batchParameter, batch.get())) {
          String batchName = TypeDisplay.of(batch.get());
          report.error(
              Message.FORWARD_BATCH,
              parameters.get(0),
              TypeDisplay.of(batchParameter),
              batchName,
              trainable.collators().isEmpty()
                  ? "NDList examples are stacked into an NDList batch"
                  : "the @Collate result",
              batchName);
        }
        if (!types.isSameType(parameters.get(1).asType(), runtime.forwardContext())) {
          report.error(
              Message.FORWARD_PARAMETERS, parameters.get(1), parameterList(forward), forward.name());
        }
      }
      if (!types.isSameType(forward.type(), runtime.forwardResult())) {
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
      if (isGeneric(metric.member())) {
        return;
      }
      AnnotatedMember member = metric.member();
      List<? extends VariableElement> parameters = member.parameters();
      boolean wellFormed =
          parameters.size() == 2
              && types.isSameType(parameters.get(1).asType(), runtime.ndList())
              && member.type().getKind() == TypeKind.DOUBLE;
      if (!wellFormed) {
        report.error(Message.METRIC_SIGNATURE, member.element(), member.describe(), member.name());
        return;
      }
      TypeMirror metricBatch = parameters.get(0).asType();
      if (batch.isPresent() && !types.isSameType(metricBatch, batch.get())) {
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
                      Message.METRIC_NAME,
                      member.element(),
                      member.annotation(),
                      value,
                      metric.name(),
                      "names nothing: a MetricsComputer names its own values"));
      if (isGeneric(member)) {
        return;
      }
      Optional<TypeMirror> computed = typeArgument(member.type(), KnownTypes.METRICS_COMPUTER);
      if (computed.isEmpty()) {
        report.error(Message.METRIC_SIGNATURE, member.element(), member.describe(), member.name());
        return;
      }
      if (batch.isPresent() && !types.isSameType(computed.get(), batch.get())) {
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
      if (isGeneric(hook)) {
        return;
      }
      boolean wellFormed =
          hook.type().getKind() == TypeKind.VOID
              && hook.parameters().size() == 1
              && types.isSameType(hook.parameters().get(0).asType(), runtime.epochSummary());
      if (!wellFormed) {
        report.error(
            Message.ON_EPOCH_END,
            hook.element(),
            hook.name(),
            TypeDisplay.of(hook.type()),
            hook.name(),
            parameterList(hook));
      }
    }

    private void validateOptimizer(AnnotatedMember optimizer) {
      if (isGeneric(optimizer)) {
        return;
      }
      boolean wellFormed =
          types.isAssignable(optimizer.type(), runtime.statefulOptimizer())
              && optimizer.parameters().size() == 1
              && types.isSameType(
                  optimizer.parameters().get(0).asType(), runtime.trainerConfig());
      if (!wellFormed) {
        report.error(
            Message.OPTIMIZER,
            optimizer.element(),
            optimizer.name(),
            TypeDisplay.of(optimizer.type()),
            optimizer.name(),
            parameterList(optimizer));
      }
    }

    // Helpers.

    private void parameterCount(AnnotatedMember method, String expected, String declaration) {
      int count = method.parameters().size();
      report.error(
          Message.PARAMETER_COUNT,
          method.element(),
          method.annotationName(),
          method.describe(),
          expected,
          count,
          declaration);
    }

    private Stream<AnnotatedMember> allMembers() {
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

    /** {@code X} when {@code type} is {@code List<X>}. */
    private Optional<TypeMirror> listElement(TypeMirror type) {
      if (type.getKind() != TypeKind.DECLARED
          || !types.isSameType(types.erasure(type), runtime.rawList())) {
        return Optional.empty();
      }
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
    }
  }

  /** {@code X} when {@code type} is {@code qualifiedName<X>}. */
  private static Optional<TypeMirror> typeArgument(TypeMirror type, String qualifiedName) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    boolean named =
        ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName);
    return named && declared.getTypeArguments().size() == 1
        ? Optional.of(declared.getTypeArguments().get(0))
        : Optional.empty();
  }

  /**
   * A generic method is reported once, as such; its signature is not checked further, since
   * its type variables would only cause follow-on errors.
   */
  private static boolean isGeneric(AnnotatedMember member) {
    return member.isMethod() && !member.method().getTypeParameters().isEmpty();
  }

  private boolean isChecked(TypeMirror thrown) {
    TypeMirror runtimeException =
        runtime.elements().getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = runtime.elements().getTypeElement("java.lang.Error").asType();
    return !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error);
  }

  private static boolean isReference(TypeMirror type) {
    TypeKind kind = type.getKind();
    return kind == TypeKind.DECLARED || kind == TypeKind.ARRAY;
  }

  /** What to use instead of a primitive or {@code void}: its box, or {@code NDList}. */
  private String boxedName(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return types.boxedClass((PrimitiveType) type).getSimpleName().toString();
    }
    return "NDList";
  }

  private static String parameterList(AnnotatedMember method) {
    return method.parameters().stream()
        .map(p -> TypeDisplay.of(p.asType()) + " " + p.getSimpleName())
        .collect(Collectors.joining(", "));
  }

  private static boolean privateOrInPrivate(TypeElement type) {
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static String kindName(TypeElement type) {
    switch (type.getKind()) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + type.getKind().name().toLowerCase(Locale.ROOT);
    }
  }

  /** A valid run name close to {@code name}, or the class's name in lower case. */
  private static String suggestedName(String name, String className) {
    String cleaned = name.trim().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return cleaned.isEmpty() ? className.toLowerCase(Locale.ROOT) : cleaned;
  }
}
