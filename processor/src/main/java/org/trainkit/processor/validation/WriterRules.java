package org.trainkit.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.trainkit.processor.descriptor.WriterDescriptor;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * The rules about using what was trained: a {@code UsesTrainedModel<R, B>} supertype has the
 * class's raw item and batch types, and the {@code PredictionWriter<R, B>} named by {@code
 * @Trainable(writer = ...)} has them too and can be created by the generated adapter.
 */
final class WriterRules {

  private final TrainableClass trainable;
  private final TypeChecks types;
  private final ValidationReport report;
  private final Accessibility access;

  WriterRules(TrainableClass trainable, TypeChecks types, ValidationReport report) {
    this.trainable = trainable;
    this.types = types;
    this.report = report;
    this.access = new Accessibility(types.elements, trainable.names().packageName());
  }

  void validateUsesTrainedModel(TypeMirror raw, TypeMirror batch) {
    if (trainable.usesTrainedModel().isEmpty()) {
      return;
    }
    DeclaredType supertype = trainable.usesTrainedModel().get();
    List<? extends TypeMirror> arguments = supertype.getTypeArguments();
    if (arguments.size() == 2 && types.same(arguments.get(0), raw) && types.same(arguments.get(1), batch)) {
      return;
    }
    report.error(Message.USES_TRAINED_MODEL_TYPE, trainable.type(),
        trainable.type().getSimpleName(), TypeDisplay.of(supertype), TypeDisplay.of(raw),
        TypeDisplay.of(batch));
  }

  /** The named writer and how it is created; empty when none is named or it is wrong (reported). */
  Optional<WriterDescriptor> writer(TypeMirror raw, TypeMirror batch) {
    if (trainable.writer().isEmpty()) {
      return Optional.empty();
    }
    TypeMirror writer = trainable.writer().get();
    String writerName = TypeDisplay.of(types.types.erasure(writer));
    var value = trainable.writerValue().orElseThrow();
    Optional<Boolean> takesInstance = creation(writer);
    if (takesInstance.isEmpty()) {
      report.error(Message.WRITER_CONSTRUCTOR, trainable.type(), trainable.annotation(), value,
          writerName, trainable.type().getSimpleName());
      return Optional.empty();
    }
    if (!types.types.isSubtype(writer, types.declared(KnownType.PREDICTION_WRITER, raw, batch))) {
      report.error(Message.WRITER_TYPE, trainable.type(), trainable.annotation(), value,
          writerName, TypeDisplay.of(raw), TypeDisplay.of(batch));
      return Optional.empty();
    }
    return Optional.of(new WriterDescriptor(writer, takesInstance.get()));
  }

  /**
   * For a concrete, non-generic class the adapter can name: true when it is created with the
   * trained instance (preferred), false when without arguments; empty when it cannot be created.
   */
  private Optional<Boolean> creation(TypeMirror writer) {
    if (writer.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) writer).asElement();
    if (element.getKind() != ElementKind.CLASS
        || element.getModifiers().contains(Modifier.ABSTRACT)
        || !element.getTypeParameters().isEmpty()
        || !access.canName(element)) {
      return Optional.empty();
    }
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(element.getEnclosedElements());
    TypeMirror instance = trainable.type().asType();
    boolean withInstance = constructors.stream().anyMatch(c -> c.getParameters().size() == 1
        && access.canUse(c)
        && types.types.isAssignable(instance, c.getParameters().get(0).asType()));
    if (withInstance) {
      return Optional.of(true);
    }
    boolean noArg = constructors.stream().anyMatch(c -> c.getParameters().isEmpty() && access.canUse(c));
    return noArg ? Optional.of(false) : Optional.empty();
  }
}
