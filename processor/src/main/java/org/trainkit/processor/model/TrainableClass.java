package org.trainkit.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Trainable} class as declared: its annotation's values and every annotated member,
 * grouped by annotation in declaration order, read by {@link TrainableClassReader} without
 * judging any of it. Validation checks it; once it passes, every single-use list has exactly one
 * member and the accessors for the flow types ({@link #rawType()}, {@link #exampleType()},
 * {@link #batchType()}) are present and consistent, and generation relies on that.
 *
 * <p>{@link #dataDependent()} and {@link #predictionRenderer()} are the class's {@code
 * DataDependent<R>} and {@code PredictionRenderer<B>} supertypes, when it implements them: the
 * adapter then forwards their methods.
 *
 * <p>It holds elements and type mirrors, so it is valid for the round it was read in only.
 */
public record TrainableClass(
    TypeElement type,
    AnnotationMirror annotation,
    GeneratedNames names,
    String name,
    Optional<AnnotationValue> nameValue,
    Optional<TypeMirror> reader,
    Optional<AnnotationValue> readerValue,
    Construction readerConstruction,
    List<ModuleReference> modules,
    List<ModuleBinding> moduleBindings,
    Construction construction,
    boolean moduleProvidesInstance,
    boolean effectivelyPublic,
    List<AnnotatedMember> models,
    List<AnnotatedMember> preprocessors,
    List<AnnotatedMember> collators,
    List<AnnotatedMember> forwards,
    List<MetricMember> metrics,
    List<AnnotatedMember> epochEndHooks,
    List<AnnotatedMember> optimizers,
    Optional<DeclaredType> dataDependent,
    Optional<DeclaredType> predictionRenderer,
    Optional<TypeMirror> rawType,
    Optional<TypeMirror> exampleType,
    Optional<TypeMirror> batchType) {

  public TrainableClass {
    modules = List.copyOf(modules);
    moduleBindings = List.copyOf(moduleBindings);
    models = List.copyOf(models);
    preprocessors = List.copyOf(preprocessors);
    collators = List.copyOf(collators);
    forwards = List.copyOf(forwards);
    metrics = List.copyOf(metrics);
    epochEndHooks = List.copyOf(epochEndHooks);
    optimizers = List.copyOf(optimizers);
  }

  /** The {@code @Model} field or method of a validated class. */
  public AnnotatedMember model() {
    return models.get(0);
  }

  /** The {@code @Preprocess} method of a validated class. */
  public AnnotatedMember preprocess() {
    return preprocessors.get(0);
  }

  /** The {@code @Collate} method; empty when examples are {@code NDList}s stacked by default. */
  public Optional<AnnotatedMember> collate() {
    return collators.stream().findFirst();
  }

  /** The {@code @Forward} method of a validated class. */
  public AnnotatedMember forward() {
    return forwards.get(0);
  }

  /** The {@code @Optimizer} method, if any. */
  public Optional<AnnotatedMember> optimizer() {
    return optimizers.stream().findFirst();
  }

  /**
   * True when the generated module creates the instance itself ({@code new Foo()}): it has a
   * no-arg constructor but no {@code @Inject} one, and no user module provides it.
   */
  public boolean moduleCreatesInstance() {
    return construction == Construction.NO_ARG_CONSTRUCTOR && !moduleProvidesInstance;
  }
}
