package org.trainkit.processor.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.trainkit.processor.descriptor.Creation;
import org.trainkit.processor.model.AnnotationValues;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.ModuleBinding;
import org.trainkit.processor.model.ModuleReference;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * The rules of the class and of {@code @Trainable}'s values: what the class is, its run name,
 * its modules, and how the generated module gets the instance and the reader — decided here,
 * once, for generation to follow.
 */
final class ClassRules {

  /** Run names become directory names and command-line values. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /** The decided way to get the reader: the named class and how it is created, if one is named. */
  record ReaderDecision(Optional<TypeMirror> type, Creation creation) {}

  private final TrainableClass trainable;
  private final TypeChecks types;
  private final Accessibility access;
  private final ValidationReport report;

  ClassRules(TrainableClass trainable, TypeChecks types, ValidationReport report) {
    this.trainable = trainable;
    this.types = types;
    this.access = new Accessibility(types.elements, trainable.names().packageName());
    this.report = report;
  }

  /** Returns false when the class is so far off (not a class at all) that nothing else applies. */
  boolean validateClass() {
    TypeElement type = trainable.type();
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      report.error(Message.CLASS_KIND, type, trainable.annotation(), name, kindName(type));
      return false;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(Message.CLASS_ABSTRACT, type, name);
    }
    if (Accessibility.isPrivateOrInPrivate(type)) {
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

  void validateModules() {
    for (ModuleReference module : trainable.modules()) {
      boolean isModule =
          module.type().getKind() == TypeKind.DECLARED
              && AnnotationValues.has(
                  ((DeclaredType) module.type()).asElement(),
                  KnownType.DAGGER_MODULE.qualifiedName());
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

  /**
   * How the trainable class is created; empty (and reported) when it cannot be. A class with
   * options is created with them: through {@code Foo(FooOptions)}, unless Dagger or a user's
   * module creates it.
   */
  Optional<Creation> instanceCreation() {
    TypeElement type = trainable.type();
    boolean provided =
        trainable.moduleBindings().stream().anyMatch(b -> types.same(b.type(), type.asType()));
    if (provided) {
      return Optional.of(Creation.USER_MODULE);
    }
    Optional<Creation> creation = creation(type);
    if (trainable.options().isPresent() && creation.orElse(null) != Creation.INJECT_CONSTRUCTOR) {
      TypeMirror options = trainable.options().get();
      boolean takesOptions =
          ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
              .anyMatch(
                  c ->
                      c.getParameters().size() == 1
                          && types.same(c.getParameters().get(0).asType(), options)
                          && access.canUse(c));
      if (takesOptions) {
        return Optional.of(Creation.NEW_WITH_OPTIONS);
      }
      if (!type.getModifiers().contains(Modifier.ABSTRACT)) {
        report.error(
            Message.OPTIONS_CONSTRUCTOR,
            type,
            type.getSimpleName(),
            TypeDisplay.of(types.types.erasure(options)));
      }
      return Optional.empty();
    }
    if (creation.isEmpty() && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(Message.CLASS_CONSTRUCTOR, type, type.getSimpleName(), trainable.names().module());
    }
    return creation;
  }

  /** How the reader of {@code raw} items is got; empty (and reported) when it cannot be. */
  Optional<ReaderDecision> reader(TypeMirror raw) {
    TypeMirror wanted = types.declared(KnownType.DATASET_READER, raw);
    Optional<ModuleBinding> fromModule =
        trainable.moduleBindings().stream().filter(b -> types.same(b.type(), wanted)).findFirst();
    String rawName = TypeDisplay.of(raw);
    if (trainable.reader().isEmpty()) {
      if (fromModule.isEmpty()) {
        report.error(
            Message.READER_MISSING,
            trainable.type(),
            trainable.annotation(),
            trainable.type().getSimpleName(),
            rawName);
        return Optional.empty();
      }
      return Optional.of(new ReaderDecision(Optional.empty(), Creation.USER_MODULE));
    }
    TypeMirror reader = trainable.reader().get();
    String readerName = TypeDisplay.of(types.types.erasure(reader));
    var value = trainable.readerValue().orElseThrow();
    Optional<Creation> creation = readerCreation(reader);
    if (creation.isEmpty()) {
      report.error(
          Message.READER_CONSTRUCTOR,
          trainable.type(),
          trainable.annotation(),
          value,
          readerName,
          trainable.names().module(),
          rawName);
    } else if (!types.types.isSubtype(reader, wanted)) {
      report.error(
          Message.READER_TYPE, trainable.type(), trainable.annotation(), value, readerName, rawName);
    } else if (fromModule.isPresent()) {
      report.error(
          Message.READER_TWICE,
          trainable.type(),
          trainable.annotation(),
          value,
          rawName,
          readerName,
          fromModule.get().describe());
    } else {
      return Optional.of(new ReaderDecision(Optional.of(reader), creation.get()));
    }
    return Optional.empty();
  }

  /** For a concrete, non-generic class the generated module can name: how it is created. */
  private Optional<Creation> readerCreation(TypeMirror reader) {
    if (reader.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) reader).asElement();
    boolean creatable =
        element.getKind() == ElementKind.CLASS
            && !element.getModifiers().contains(Modifier.ABSTRACT)
            && element.getTypeParameters().isEmpty()
            && access.canName(element);
    return creatable ? creation(element) : Optional.empty();
  }

  /** {@code @Inject} constructor first, else a usable constructor without parameters. */
  private Optional<Creation> creation(TypeElement type) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    boolean inject =
        constructors.stream()
            .anyMatch(
                c ->
                    AnnotationValues.has(c, KnownType.JAVAX_INJECT.qualifiedName())
                        || AnnotationValues.has(c, KnownType.JAKARTA_INJECT.qualifiedName()));
    if (inject) {
      return Optional.of(Creation.INJECT_CONSTRUCTOR);
    }
    boolean noArg =
        constructors.stream().anyMatch(c -> c.getParameters().isEmpty() && access.canUse(c));
    return noArg ? Optional.of(Creation.NEW) : Optional.empty();
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
