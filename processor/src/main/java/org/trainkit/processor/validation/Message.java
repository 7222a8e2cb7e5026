package org.trainkit.processor.validation;

import java.util.Locale;

/**
 * Every message the processor prints, in one place. Each has a stable id, shown in brackets
 * first, then the rule that was broken, then (after the semicolon) how to fix it. Tests and
 * users may rely on the ids; the wording may improve.
 */
public enum Message {

  // The class and @Trainable's values.

  CLASS_KIND(
      "TrainableKind",
      "@Trainable applies to classes, and %s is %s; put @Trainable on a class"),
  CLASS_ABSTRACT(
      "TrainableAbstract",
      "@Trainable class %s must not be abstract: the trainer needs an instance; make it"
          + " concrete, or annotate a concrete subclass instead"),
  CLASS_PRIVATE(
      "TrainablePrivate",
      "@Trainable class %s must not be private, nor nested in a private class: the generated"
          + " classes next to it use it; make it package-private or public"),
  CLASS_INNER(
      "TrainableInnerClass",
      "@Trainable class %s must be top-level or static nested: an inner class needs an"
          + " enclosing instance; declare it static"),
  CLASS_GENERIC(
      "TrainableGenericClass",
      "@Trainable class %s must not declare type parameters: the generated adapter needs"
          + " concrete types; annotate a subclass that fixes them instead"),
  CLASS_NAME(
      "TrainableName",
      "@Trainable name \"%s\" must be letters, digits, '.', '_' or '-': it names the run"
          + " directory; choose a name such as \"%s\""),
  CLASS_CONSTRUCTOR(
      "TrainableConstructor",
      "%s cannot be created by the generated %s: it has no non-private constructor without"
          + " parameters, no @Inject constructor, and no module listed in @Trainable(modules ="
          + " ...) provides it; add one of these"),

  MODULE_NOT_MODULE(
      "TrainableModule",
      "%s is listed in @Trainable(modules = ...) but is not a Dagger @Module; annotate it with"
          + " @dagger.Module, or remove it from the list"),

  READER_TYPE(
      "TrainableReaderType",
      "@Trainable(reader = %s.class) must implement DatasetReader<%s>, where %s is the"
          + " @Preprocess parameter type; implement DatasetReader<%s>, or name another reader"),
  READER_CONSTRUCTOR(
      "TrainableReaderConstructor",
      "@Trainable(reader = %s.class) must be a concrete class without type parameters that the"
          + " generated %s can create: accessible, with an accessible constructor without"
          + " parameters or an @Inject constructor; add one, or provide DatasetReader<%s> from a"
          + " module listed in @Trainable(modules = ...) instead"),
  READER_MISSING(
      "TrainableReaderMissing",
      "%s has no DatasetReader<%s> to read its data files; name one with @Trainable(reader ="
          + " MyReader.class), or provide DatasetReader<%s> from a @Provides method of a module"
          + " listed in @Trainable(modules = ...)"),
  READER_TWICE(
      "TrainableReaderTwice",
      "DatasetReader<%s> is given twice, by @Trainable(reader = %s.class) and by %s; remove"
          + " one of them"),

  // How many of each member.

  MISSING_MODEL(
      "TrainableMissingModel",
      "@Trainable class %s has no @Model; annotate the field or the method without parameters"
          + " that yields its ai.djl.nn.Block with @Model"),
  MISSING_PREPROCESS(
      "TrainableMissingPreprocess",
      "@Trainable class %s has no @Preprocess method; add one that turns a raw item into an"
          + " example: @Preprocess E preprocess(R item)"),
  MISSING_FORWARD(
      "TrainableMissingForward",
      "@Trainable class %s has no @Forward method; add @Forward ForwardResult forward(B batch,"
          + " ForwardContext context)"),
  MISSING_COLLATE(
      "TrainableMissingCollate",
      "@Collate is required because the example type %s is not NDList; add @Collate B"
          + " collate(List<%s> examples, NDManager manager), or make @Preprocess return NDList"),
  DUPLICATE(
      "TrainableDuplicate",
      "only one @%s is allowed per @Trainable class, and %s already is one; remove one of"
          + " the two"),

  // Every annotated member.

  MEMBER_PRIVATE(
      "TrainablePrivateMember",
      "@%s %s must not be private: the generated adapter uses it; make it package-private"),
  MEMBER_STATIC(
      "TrainableStaticMember",
      "@%s %s must not be static: it belongs to the instance being trained; remove static"),
  METHOD_GENERIC(
      "TrainableGenericMethod",
      "@%s method %s must not declare type parameters; use concrete types"),
  METHOD_THROWS(
      "TrainableCheckedException",
      "@%s method %s must not throw the checked exception %s: the trainer calls it on its"
          + " own threads; handle it, or rethrow it unchecked (e.g. as UncheckedIOException)"),
  PARAMETER_COUNT(
      "TrainableParameterCount",
      "@%s method %s must take %s, not %d; declare it as %s"),

  // Each member's signature, and the types flowing between members.

  MODEL_TYPE(
      "TrainableModelType",
      "@Model must yield an ai.djl.nn.Block, and %s yields %s; give it a Block type (e.g."
          + " SequentialBlock)"),
  PREPROCESS_PARAMETER(
      "TrainablePreprocessParameter",
      "@Preprocess parameter (the raw item) must be of a reference type, not %s; use %s"),
  PREPROCESS_RETURN(
      "TrainablePreprocessReturn",
      "@Preprocess method must return the example, of a reference type, not %s; return the"
          + " example (e.g. %s)"),
  COLLATE_PARAMETERS(
      "TrainableCollateParameters",
      "@Collate method must take (List<E> examples, NDManager manager), not (%s); declare it"
          + " as B %s(List<E> examples, NDManager manager)"),
  COLLATE_ELEMENT(
      "TrainableCollateElementType",
      "@Collate element type %s is not the @Preprocess result type %s; take List<%s>, or make"
          + " @Preprocess return %s"),
  COLLATE_RETURN(
      "TrainableCollateReturn",
      "@Collate method must return the batch, of a reference type, not %s; return the batch"
          + " (e.g. NDList)"),
  FORWARD_PARAMETERS(
      "TrainableForwardParameters",
      "@Forward method must take (B batch, ForwardContext context), not (%s); declare it as"
          + " ForwardResult %s(B batch, ForwardContext context)"),
  FORWARD_BATCH(
      "TrainableForwardBatchType",
      "@Forward batch type %s is not the batch type %s (%s); declare the parameter as %s batch"),
  FORWARD_RETURN(
      "TrainableForwardReturn",
      "@Forward method must return ForwardResult, not %s; return ForwardResult.of(output,"
          + " loss)"),
  METRIC_SIGNATURE(
      "TrainableMetricSignature",
      "@Metric method %s must be double %s(B batch, NDList output), or take no parameter and"
          + " return MetricsComputer<B>; change its signature to one of these"),
  METRIC_BATCH(
      "TrainableMetricBatchType",
      "@Metric %s reads batches of type %s, but the batch type is %s; %s"),
  METRIC_DUPLICATE(
      "TrainableMetricDuplicate",
      "metric name \"%s\" is already used by @Metric %s; give each metric its own name with"
          + " @Metric(name = ...)"),
  METRIC_NAME(
      "TrainableMetricName",
      "metric name \"%s\" %s; choose another with @Metric(name = ...)"),
  ON_EPOCH_END(
      "TrainableOnEpochEnd",
      "@OnEpochEnd method must be void %s(EpochSummary summary), not %s %s(%s); change its"
          + " signature to that"),
  OPTIMIZER(
      "TrainableOptimizer",
      "@Optimizer method must be StatefulOptimizer %s(TrainerConfig config), not %s %s(%s);"
          + " change its signature to that"),

  DATA_DEPENDENT_TYPE(
      "TrainableDataDependentType",
      "%s implements %s, but its raw item type (the @Preprocess parameter) is %s: the trainer"
          + " fits it on those items; implement DataDependent<%s>"),
  PREDICTION_RENDERER_TYPE(
      "TrainablePredictionRendererType",
      "%s implements %s, but its batch type is %s: the trainer renders those batches;"
          + " implement PredictionRenderer<%s>"),

  // Outside one class's rules.

  NOT_TRAINABLE(
      "TrainableNotAnnotated",
      "@%s is on a member of %s, which is not annotated @Trainable, so nothing uses it; annotate"
          + " %s with @Trainable, or remove @%s"),
  RUNTIME_MISSING(
      "TrainableRuntimeMissing",
      "%s is not on the compile classpath, so nothing can be generated for %s; add the"
          + " org.trainkit:trainkit-runtime dependency"),
  UNRESOLVED_TYPE(
      "TrainableUnresolvedType",
      "nothing was generated for %s because %s could not be resolved; fix that type's name or"
          + " import, or check the processor that should generate it"),
  PROCESSOR_ERROR(
      "TrainableProcessorError",
      "trainkit's processor failed on %s; this is a bug in trainkit, please report it with"
          + " this trace:%n%s");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, e.g. {@code TrainableForwardReturn}. */
  public String id() {
    return id;
  }

  /** The full text for these arguments: {@code [id] rule; fix}. */
  public String format(Object... arguments) {
    return "[" + id + "] " + String.format(Locale.ROOT, template, arguments);
  }
}
