package org.trainkit.processor.validation;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.trainkit.processor.descriptor.Creation;
import org.trainkit.processor.descriptor.OptionsDescriptor;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.descriptor.WriterDescriptor;
import org.trainkit.processor.model.ModuleReference;
import org.trainkit.processor.model.TrainableClass;

/**
 * Checks a {@link TrainableClass} against the training contract, reporting every broken rule at
 * once, and makes the {@link TrainableDescriptor} that generation reads only when none is broken
 * (AutoFactory's {@code createIfValid}). The rules are grouped by what they are about: the class
 * and its annotation's values ({@link ClassRules}), what every annotated member must be ({@link
 * MemberRules}), each member's signature with the types flowing between them ({@link
 * FlowRules}), and the class's own options and loop defaults ({@link OptionRules}).
 */
public final class TrainableValidator {

  private final Elements elements;
  private final Types types;

  public TrainableValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The descriptor of {@code trainable}; empty when {@code report} got at least one error. */
  public Optional<TrainableDescriptor> createIfValid(
      TrainableClass trainable, ValidationReport report) {
    TypeChecks checks = new TypeChecks(elements, types);
    ClassRules classRules = new ClassRules(trainable, checks, report);
    if (!classRules.validateClass()) {
      return Optional.empty();
    }
    MemberRules memberRules = new MemberRules(checks, report);
    memberRules.validate(trainable);
    FlowRules.Flow flow = new FlowRules(trainable, checks, memberRules, report).validate();
    classRules.validateModules();
    Optional<Creation> instance = classRules.instanceCreation();
    OptionRules optionRules = new OptionRules(trainable, checks, report);
    Optional<OptionsDescriptor> options = optionRules.options();
    Map<String, String> loopDefaults = optionRules.loopDefaults();
    Optional<ClassRules.ReaderDecision> reader = flow.raw().flatMap(classRules::reader);
    Optional<WriterDescriptor> writer = Optional.empty();
    if (flow.raw().isPresent() && flow.batch().isPresent()) {
      WriterRules writerRules = new WriterRules(trainable, checks, report);
      writerRules.validateUsesTrainedModel(flow.raw().get(), flow.batch().get());
      writer = writerRules.writer(flow.raw().get(), flow.batch().get());
    }
    if (!report.isClean()) {
      return Optional.empty();
    }
    // A clean report means every single-use member is there once and every flow type was found.
    return Optional.of(
        new TrainableDescriptor(
            trainable.type(),
            trainable.names(),
            trainable.name(),
            Accessibility.isPublic(trainable.type()),
            flow.raw().orElseThrow(),
            flow.example().orElseThrow(),
            flow.batch().orElseThrow(),
            trainable.models().get(0),
            trainable.preprocessors().get(0),
            trainable.collators().stream().findFirst(),
            trainable.forwards().get(0),
            trainable.metrics(),
            trainable.epochEndHooks(),
            trainable.optimizers().stream().findFirst(),
            trainable.dataDependent().isPresent(),
            trainable.predictionRenderer().isPresent(),
            trainable.usesTrainedModel().isPresent(),
            trainable.predictsPretrained().isPresent(),
            writer,
            trainable.modules().stream().map(ModuleReference::type).toList(),
            instance.orElseThrow(),
            reader.orElseThrow().type(),
            reader.orElseThrow().creation(),
            options,
            loopDefaults));
  }
}
