package org.trainkit.processor.descriptor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import org.trainkit.processor.model.AnnotatedMember;
import org.trainkit.processor.model.GeneratedNames;
import org.trainkit.processor.model.MetricMember;

/**
 * A {@code @Trainable} class that passed validation, as generation needs it: the flow types,
 * one of each single member, and every decision already taken. Only the validator creates one
 * ({@code TrainableValidator.createIfValid}), so a writer can trust every value without checks of
 * its own.
 *
 * <p>It holds elements and type mirrors, so it is valid for the round it was made in only.
 *
 * @param type the annotated class
 * @param names the names of what is generated for it
 * @param runName the run's name, {@code @Trainable(name = ...)} or the class's simple name
 * @param isPublic whether the class is public and nested only in public classes: the generated
 *     types are public then, else package-private
 * @param rawType {@code R}, the {@code @Preprocess} parameter type
 * @param exampleType {@code E}, the {@code @Preprocess} return type
 * @param batchType {@code B}, the {@code @Collate} return type, or {@code NDList} without one
 * @param model the {@code @Model} field or method
 * @param preprocess the {@code @Preprocess} method
 * @param collate the {@code @Collate} method; empty when {@code NDList} examples are stacked
 * @param forward the {@code @Forward} method
 * @param metrics the {@code @Metric} methods, in declaration order
 * @param epochEndHooks the {@code @OnEpochEnd} methods, in declaration order
 * @param optimizer the {@code @Optimizer} method, if any
 * @param dataDependent whether the class implements {@code DataDependent<R>}
 * @param predictionRenderer whether the class implements {@code PredictionRenderer<B>}
 * @param usesTrainedModel whether the class implements {@code UsesTrainedModel<R, B>}
 * @param predictsPretrained whether the class implements {@code PredictsPretrained}
 * @param writer the class named by {@code @Trainable(writer = ...)}, if any
 * @param userModules the modules listed in {@code @Trainable(modules = ...)}, in order
 * @param instanceCreation how the trainable class is created
 * @param reader the class named by {@code @Trainable(reader = ...)}; empty when a user module
 *     provides the reader
 * @param readerCreation how the named reader is created; {@link Creation#USER_MODULE} when empty
 * @param options the class's options record ({@code @Trainable(options = ...)}), if any
 * @param loopDefaults the class's defaults for the loop's keys ({@code @Trainable(defaults =
 *     ...)}), key to value text, in the order written, each key known and each value of its type
 */
public record TrainableDescriptor(
    TypeElement type,
    GeneratedNames names,
    String runName,
    boolean isPublic,
    TypeMirror rawType,
    TypeMirror exampleType,
    TypeMirror batchType,
    AnnotatedMember model,
    AnnotatedMember preprocess,
    Optional<AnnotatedMember> collate,
    AnnotatedMember forward,
    List<MetricMember> metrics,
    List<AnnotatedMember> epochEndHooks,
    Optional<AnnotatedMember> optimizer,
    boolean dataDependent,
    boolean predictionRenderer,
    boolean usesTrainedModel,
    boolean predictsPretrained,
    Optional<WriterDescriptor> writer,
    List<TypeMirror> userModules,
    Creation instanceCreation,
    Optional<TypeMirror> reader,
    Creation readerCreation,
    Optional<OptionsDescriptor> options,
    Map<String, String> loopDefaults) {

  public TrainableDescriptor {
    metrics = List.copyOf(metrics);
    epochEndHooks = List.copyOf(epochEndHooks);
    userModules = List.copyOf(userModules);
    loopDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(loopDefaults));
    if (reader.isPresent() == (readerCreation == Creation.USER_MODULE)) {
      throw new IllegalArgumentException("a named reader is created by the module, else provided");
    }
  }
}
