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
 * judging any of it. Validation checks it and, only when it passes, turns it into the
 * descriptor that generation reads; nothing here is derived or decided.
 *
 * <p>{@link #dataDependent()} and {@link #predictionRenderer()} are the class's {@code
 * DataDependent<R>} and {@code PredictionRenderer<B>} supertypes, when it implements them: the
 * adapter then forwards their methods; so for {@link #usesTrainedModel()}, its {@code
 * UsesTrainedModel<R, B>} supertype, and for {@link #predictsPretrained()}, its {@code
 * PredictsPretrained} one. {@link #writer()} is the class named by {@code
 * @Trainable(writer = ...)}.
 *
 * <p>{@link #options()} is the record named by {@code @Trainable(options = ...)}; {@link
 * #defaults()} the entries of {@code @Trainable(defaults = ...)}, each a {@code "key=value"}
 * string.
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
    List<ModuleReference> modules,
    List<ModuleBinding> moduleBindings,
    List<AnnotatedMember> models,
    List<AnnotatedMember> preprocessors,
    List<AnnotatedMember> collators,
    List<AnnotatedMember> forwards,
    List<MetricMember> metrics,
    List<AnnotatedMember> epochEndHooks,
    List<AnnotatedMember> optimizers,
    Optional<DeclaredType> dataDependent,
    Optional<DeclaredType> predictionRenderer,
    Optional<DeclaredType> usesTrainedModel,
    Optional<DeclaredType> predictsPretrained,
    Optional<TypeMirror> writer,
    Optional<AnnotationValue> writerValue,
    Optional<TypeMirror> options,
    Optional<AnnotationValue> optionsValue,
    List<AnnotationValue> defaults) {

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
    defaults = List.copyOf(defaults);
  }
}
