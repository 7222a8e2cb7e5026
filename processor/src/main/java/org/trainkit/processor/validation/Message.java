package org.trainkit.processor.validation;

import java.util.Locale;

/**
 * Every message the processor prints, in one place. Each has a stable id, shown in brackets
 * first, then the rule that was broken, then (after the semicolon) how to fix it. Tests and
 * users may rely on the ids; the wording may improve. Each declares how many arguments it
 * takes; an argument used twice is referred to by position ({@code %1$s}), never passed twice.
 */
public enum Message {

  // The class and @Trainable's values.

  CLASS_KIND(
      "TrainableKind",
      2,
      "@Trainable applies to classes, and %s is %s; put @Trainable on a class"),
  CLASS_ABSTRACT(
      "TrainableAbstract",
      1,
      "@Trainable class %s must not be abstract: the trainer needs an instance; make it"
          + " concrete, or annotate a concrete subclass instead"),
  CLASS_PRIVATE(
      "TrainablePrivate",
      1,
      "@Trainable class %s must not be private, nor nested in a private class: the generated"
          + " classes next to it use it; make it package-private or public"),
  CLASS_INNER(
      "TrainableInnerClass",
      1,
      "@Trainable class %s must be top-level or static nested: an inner class needs an"
          + " enclosing instance; declare it static"),
  CLASS_GENERIC(
      "TrainableGenericClass",
      1,
      "@Trainable class %s must not declare type parameters: the generated adapter needs"
          + " concrete types; annotate a subclass that fixes them instead"),
  CLASS_NAME(
      "TrainableName",
      2,
      "@Trainable name \"%s\" must be letters, digits, '.', '_' or '-': it names the run"
          + " directory; choose a name such as \"%s\""),
  CLASS_CONSTRUCTOR(
      "TrainableConstructor",
      2,
      "%s cannot be created by the generated %s: it has no non-private constructor without"
          + " parameters, no @Inject constructor, and no module listed in @Trainable(modules ="
          + " ...) provides it; add one of these"),

  MODULE_NOT_MODULE(
      "TrainableModule",
      1,
      "%s is listed in @Trainable(modules = ...) but is not a Dagger @Module; annotate it with"
          + " @dagger.Module, or remove it from the list"),

  READER_TYPE(
      "TrainableReaderType",
      2,
      "@Trainable(reader = %1$s.class) must implement DatasetReader<%2$s>, where %2$s is the"
          + " @Preprocess parameter type; implement DatasetReader<%2$s> (split() says how a file"
          + " splits into items, parse(ItemLines) reads one), or name another reader"),
  READER_CONSTRUCTOR(
      "TrainableReaderConstructor",
      3,
      "@Trainable(reader = %s.class) must be a concrete class without type parameters that the"
          + " generated %s can create: accessible, with an accessible constructor without"
          + " parameters or an @Inject constructor; add one, or provide DatasetReader<%s> from a"
          + " module listed in @Trainable(modules = ...) instead"),
  READER_MISSING(
      "TrainableReaderMissing",
      2,
      "%1$s has no DatasetReader<%2$s> to read its data files; name one with @Trainable(reader ="
          + " MyReader.class), or provide DatasetReader<%2$s> from a @Provides method of a module"
          + " listed in @Trainable(modules = ...)"),
  READER_TWICE(
      "TrainableReaderTwice",
      3,
      "DatasetReader<%s> is given twice, by @Trainable(reader = %s.class) and by %s; remove"
          + " one of them"),

  // The class's own options and its defaults for the loop's keys.

  OPTIONS_NOT_RECORD(
      "TrainableOptionsType",
      1,
      "@Trainable(options = %s.class) must be a record that the generated code can use (not"
          + " private; public when in another package); declare the options as a record, e.g."
          + " record FooOptions(int maxLength) { static FooOptions defaults() { ... } }"),
  OPTION_TYPE(
      "TrainableOptionType",
      2,
      "option %s is of type %s, which cannot be set from YAML or the command line; use String,"
          + " Path, int, long, double, boolean, an enum or List<String>"),
  OPTIONS_DEFAULTS(
      "TrainableOptionsDefaults",
      1,
      "options record %1$s has no static method %1$s defaults() that the generated code can"
          + " call; add one returning the default value of every option"),
  OPTIONS_CONSTRUCTOR(
      "TrainableOptionsConstructor",
      2,
      "%1$s declares the options %2$s but has no non-private constructor %1$s(%2$s options) and"
          + " no @Inject constructor, so it would never see them; add %1$s(%2$s options)"),
  DEFAULT_FORMAT(
      "TrainableDefaultFormat",
      1,
      "@Trainable(defaults) entry \"%s\" is not key=value; write it as e.g."
          + " \"monitor=entity_f1\""),
  DEFAULT_KEY(
      "TrainableDefaultKey",
      2,
      "@Trainable(defaults) sets unknown key '%s'; %s"),
  DEFAULT_VALUE(
      "TrainableDefaultValue",
      3,
      "@Trainable(defaults) %s: %s is not allowed; must be %s"),
  DEFAULT_DUPLICATE(
      "TrainableDefaultDuplicate",
      1,
      "@Trainable(defaults) sets '%s' twice; keep one of the two"),

  // How many of each member.

  MISSING_MODEL(
      "TrainableMissingModel",
      1,
      "@Trainable class %s has no @Model; annotate the field or the method without parameters"
          + " that yields its ai.djl.nn.Block with @Model"),
  MISSING_PREPROCESS(
      "TrainableMissingPreprocess",
      1,
      "@Trainable class %s has no @Preprocess method; add one that turns a raw item into an"
          + " example: @Preprocess E preprocess(R item)"),
  MISSING_FORWARD(
      "TrainableMissingForward",
      1,
      "@Trainable class %s has no @Forward method; add @Forward ForwardResult forward(B batch,"
          + " ForwardContext context)"),
  MISSING_COLLATE(
      "TrainableMissingCollate",
      1,
      "@Collate is required because the example type %1$s is not NDList; add @Collate B"
          + " collate(List<%1$s> examples, NDManager manager), or make @Preprocess return NDList"),
  DUPLICATE(
      "TrainableDuplicate",
      2,
      "only one @%s is allowed per @Trainable class, and %s already is one; remove one of"
          + " the two"),

  // Every annotated member.

  MEMBER_PRIVATE(
      "TrainablePrivateMember",
      2,
      "@%s %s must not be private: the generated adapter uses it; make it package-private"),
  MEMBER_STATIC(
      "TrainableStaticMember",
      2,
      "@%s %s must not be static: it belongs to the instance being trained; remove static"),
  METHOD_GENERIC(
      "TrainableGenericMethod",
      2,
      "@%s method %s must not declare type parameters; use concrete types"),
  METHOD_THROWS(
      "TrainableCheckedException",
      3,
      "@%s method %s must not throw the checked exception %s: the trainer calls it on its"
          + " own threads; handle it, or rethrow it unchecked (e.g. as UncheckedIOException)"),
  PARAMETER_COUNT(
      "TrainableParameterCount",
      5,
      "@%s method %s must take %s, not %d; declare it as %s"),

  // Each member's signature, and the types flowing between members.

  MODEL_TYPE(
      "TrainableModelType",
      2,
      "@Model must yield an ai.djl.nn.Block, and %s yields %s; give it a Block type (e.g."
          + " SequentialBlock)"),
  PREPROCESS_PARAMETER(
      "TrainablePreprocessParameter",
      2,
      "@Preprocess parameter (the raw item) must be of a reference type, not %s; use %s"),
  PREPROCESS_RETURN(
      "TrainablePreprocessReturn",
      2,
      "@Preprocess method must return the example, of a reference type, not %s; return the"
          + " example (e.g. %s)"),
  COLLATE_PARAMETERS(
      "TrainableCollateParameters",
      2,
      "@Collate method must take (List<E> examples, NDManager manager), not (%s); declare it"
          + " as B %s(List<E> examples, NDManager manager)"),
  COLLATE_ELEMENT(
      "TrainableCollateElementType",
      2,
      "@Collate element type %1$s is not the @Preprocess result type %2$s; take List<%2$s>, or"
          + " make @Preprocess return %1$s"),
  COLLATE_RETURN(
      "TrainableCollateReturn",
      1,
      "@Collate method must return the batch, of a reference type, not %s; return the batch"
          + " (e.g. NDList)"),
  FORWARD_PARAMETERS(
      "TrainableForwardParameters",
      2,
      "@Forward method must take (B batch, ForwardContext context), not (%s); declare it as"
          + " ForwardResult %s(B batch, ForwardContext context)"),
  FORWARD_BATCH(
      "TrainableForwardBatchType",
      3,
      "@Forward batch type %1$s is not the batch type %2$s (%3$s); declare the parameter as %2$s"
          + " batch"),
  FORWARD_RETURN(
      "TrainableForwardReturn",
      1,
      "@Forward method must return ForwardResult, not %s; return ForwardResult.of(output,"
          + " loss)"),
  METRIC_SIGNATURE(
      "TrainableMetricSignature",
      2,
      "@Metric method %s must be double %s(B batch, NDList output), or take no parameter and"
          + " return MetricsComputer<B>; change its signature to one of these"),
  METRIC_BATCH(
      "TrainableMetricBatchType",
      4,
      "@Metric %s reads batches of type %s, but the batch type is %s; %s"),
  METRIC_DUPLICATE(
      "TrainableMetricDuplicate",
      2,
      "metric name \"%s\" is already used by @Metric %s; give each metric its own name with"
          + " @Metric(name = ...)"),
  METRIC_NAME(
      "TrainableMetricName",
      2,
      "metric name \"%s\" %s; choose another with @Metric(name = ...)"),
  METRIC_COMPUTER_NAMED(
      "TrainableMetricName",
      2,
      "@Metric %s returns a MetricsComputer, which names its own values in names(), so"
          + " name = \"%s\" names nothing; remove name = ... from @Metric"),
  ON_EPOCH_END(
      "TrainableOnEpochEnd",
      3,
      "@OnEpochEnd method must be void %1$s(EpochSummary summary), not %2$s %1$s(%3$s); change its"
          + " signature to that"),
  OPTIMIZER(
      "TrainableOptimizer",
      3,
      "@Optimizer method must be StatefulOptimizer %1$s(TrainerConfig config), not %2$s %1$s(%3$s);"
          + " change its signature to that"),

  DATA_DEPENDENT_TYPE(
      "TrainableDataDependentType",
      3,
      "%1$s implements %2$s, but its raw item type (the @Preprocess parameter) is %3$s: the"
          + " trainer fits it on a Dataset of those items; implement DataDependent<%3$s>"),
  PREDICTION_RENDERER_TYPE(
      "TrainablePredictionRendererType",
      3,
      "%1$s implements %2$s, but its batch type is %3$s: the trainer renders those batches;"
          + " implement PredictionRenderer<%3$s>"),
  USES_TRAINED_MODEL_TYPE(
      "TrainableUsesTrainedModelType",
      4,
      "%1$s implements %2$s, but its raw item type is %3$s and its batch type %4$s: the trainer"
          + " hands it a model of those types; implement UsesTrainedModel<%3$s, %4$s>"),
  WRITER_TYPE(
      "TrainableWriterType",
      3,
      "@Trainable(writer = %1$s.class) must implement PredictionWriter<%2$s, %3$s>, where %2$s is"
          + " the @Preprocess parameter type and %3$s the batch type; implement"
          + " PredictionWriter<%2$s, %3$s>, or name another writer"),
  WRITER_CONSTRUCTOR(
      "TrainableWriterConstructor",
      2,
      "@Trainable(writer = %1$s.class) must be a concrete class without type parameters that the"
          + " generated adapter can create: accessible, with an accessible constructor taking a %2$s"
          + " (the trained instance) or no parameters; add one"),

  // Outside one class's rules.

  NOT_TRAINABLE(
      "TrainableNotAnnotated",
      2,
      "@%1$s is on a member of %2$s, which is not annotated @Trainable, so nothing uses it;"
          + " annotate %2$s with @Trainable, or remove @%1$s"),
  RUNTIME_MISSING(
      "TrainableRuntimeMissing",
      2,
      "%s is not on the compile classpath, so nothing can be generated for %s; add the"
          + " org.trainkit:trainkit-runtime dependency"),
  UNRESOLVED_TYPE(
      "TrainableUnresolvedType",
      2,
      "nothing was generated for %s because %s could not be resolved; fix that type's name or"
          + " import, or check the processor that should generate it"),
  PROCESSOR_ERROR(
      "TrainableProcessorError",
      2,
      "trainkit's processor failed on %s; this is a bug in trainkit, please report it with"
          + " this trace:%n%s");

  private final String id;
  private final int arity;
  private final String template;

  Message(String id, int arity, String template) {
    this.id = id;
    this.arity = arity;
    this.template = template;
  }

  /** The stable id, e.g. {@code TrainableForwardReturn}. */
  public String id() {
    return id;
  }

  /** How many arguments {@link #format} takes: the template's distinct placeholders. */
  public int arity() {
    return arity;
  }

  /** The template, with {@link java.util.Formatter} placeholders; a test checks it against the arity. */
  String template() {
    return template;
  }

  /**
   * The full text for these arguments: {@code [id] rule; fix}.
   *
   * @throws IllegalArgumentException if not given exactly {@link #arity()} arguments
   */
  public String format(Object... arguments) {
    if (arguments.length != arity) {
      throw new IllegalArgumentException(
          id + " takes " + arity + " arguments, not " + arguments.length);
    }
    return "[" + id + "] " + String.format(Locale.ROOT, template, arguments);
  }
}
