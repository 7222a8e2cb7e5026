package org.trainkit.processor.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.trainkit.processor.descriptor.OptionsDescriptor;
import org.trainkit.processor.descriptor.OptionsDescriptor.Kind;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TypeDisplay;

/**
 * The rules of a class's own options ({@code @Trainable(options = ...)}: a record of supported
 * types with a {@code defaults()} method) and of its defaults for the loop's keys ({@code
 * @Trainable(defaults = ...)}: known keys, values of their type, checked against the {@code
 * TrainerConfig} on the user's classpath and worded as the runtime words a bad config key).
 */
final class OptionRules {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  /** The {@code TrainerConfig} component that holds the options; not a loop key. */
  private static final String OPTIONS_COMPONENT = "options";

  private final TrainableClass trainable;
  private final TypeChecks types;
  private final Accessibility access;
  private final ValidationReport report;

  OptionRules(TrainableClass trainable, TypeChecks types, ValidationReport report) {
    this.trainable = trainable;
    this.types = types;
    this.access = new Accessibility(types.elements, trainable.names().packageName());
    this.report = report;
  }

  /** The checked options record; empty when there is none or it is broken (then reported). */
  Optional<OptionsDescriptor> options() {
    if (trainable.options().isEmpty()) {
      return Optional.empty();
    }
    TypeMirror type = trainable.options().get();
    AnnotationValue value = trainable.optionsValue().orElseThrow();
    TypeElement record =
        type.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) type).asElement() : null;
    if (record == null
        || record.getKind() != ElementKind.RECORD
        || !record.getTypeParameters().isEmpty()
        || !access.canName(record)) {
      report.error(
          Message.OPTIONS_NOT_RECORD,
          trainable.type(),
          trainable.annotation(),
          value,
          TypeDisplay.of(types.types.erasure(type)));
      return Optional.empty();
    }
    boolean valid = true;
    List<OptionsDescriptor.Option> options = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<Kind> kind = kind(component.asType());
      if (kind.isEmpty()) {
        // javac places no diagnostic on a record component nor its implicit accessor: the
        // record's header, which declares the component, carries it
        report.error(
            Message.OPTION_TYPE,
            record,
            component.getSimpleName(),
            TypeDisplay.of(component.asType()));
        valid = false;
      } else {
        options.add(
            new OptionsDescriptor.Option(
                component.getSimpleName().toString(), kind.get(), component.asType()));
      }
    }
    if (!hasDefaultsMethod(record)) {
      report.error(
          Message.OPTIONS_DEFAULTS,
          trainable.type(),
          trainable.annotation(),
          value,
          record.getSimpleName());
      valid = false;
    }
    return valid ? Optional.of(new OptionsDescriptor(type, options)) : Optional.empty();
  }

  /** The defaults for the loop's keys, in the order written; every broken entry is reported. */
  Map<String, String> loopDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    if (trainable.defaults().isEmpty()) {
      return defaults;
    }
    Map<String, TypeMirror> keys = loopKeys();
    for (AnnotationValue entry : trainable.defaults()) {
      String text = String.valueOf(entry.getValue());
      int equals = text.indexOf('=');
      if (equals <= 0) {
        error(entry, Message.DEFAULT_FORMAT, text);
        continue;
      }
      String key = text.substring(0, equals).strip();
      String value = text.substring(equals + 1).strip();
      TypeMirror keyType = keys.get(key);
      if (keyType == null) {
        error(entry, Message.DEFAULT_KEY, key, suggestion(key, keys));
      } else if (defaults.containsKey(key)) {
        error(entry, Message.DEFAULT_DUPLICATE, key);
      } else {
        Optional<String> expected = mismatch(keyType, value);
        if (expected.isPresent()) {
          error(entry, Message.DEFAULT_VALUE, key, value, expected.get());
        } else {
          defaults.put(key, value);
        }
      }
    }
    return defaults;
  }

  private void error(AnnotationValue entry, Message message, Object... arguments) {
    report.error(message, trainable.type(), trainable.annotation(), entry, arguments);
  }

  /** The loop's keys and their types: the components of the {@code TrainerConfig} record. */
  private Map<String, TypeMirror> loopKeys() {
    Map<String, TypeMirror> keys = new LinkedHashMap<>();
    for (RecordComponentElement component :
        KnownType.TRAINER_CONFIG.element(types.elements).getRecordComponents()) {
      String name = component.getSimpleName().toString();
      if (!name.equals(OPTIONS_COMPONENT)) {
        keys.put(name, component.asType());
      }
    }
    return keys;
  }

  private static String suggestion(String key, Map<String, TypeMirror> keys) {
    return Suggestions.nearest(key, keys.keySet())
        .map(nearest -> "did you mean '" + nearest + "'?")
        .orElse(
            "allowed keys: "
                + String.join(", ", keys.keySet())
                + " (the class's own options take their defaults from its options record)");
  }

  /** What {@code value} must be for a key of {@code type}; empty when it is one. */
  private Optional<String> mismatch(TypeMirror type, String value) {
    switch (type.getKind()) {
      case INT:
        return fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? Optional.empty() : Optional.of("an integer");
      case LONG:
        return fits(value, Long.MIN_VALUE, Long.MAX_VALUE) ? Optional.empty() : Optional.of("an integer");
      case DOUBLE:
        return isNumber(value) ? Optional.empty() : Optional.of("a number");
      case BOOLEAN:
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
            ? Optional.empty()
            : Optional.of("true or false");
      default:
        break;
    }
    Element element = types.types.asElement(type);
    if (element != null && element.getKind() == ElementKind.ENUM) {
      List<String> constants =
          element.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
              .map(e -> e.getSimpleName().toString().toLowerCase(Locale.ROOT))
              .toList();
      return constants.contains(value.toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of(constants.stream().collect(Collectors.joining(", ", "one of ", "")));
    }
    return Optional.empty(); // a String key takes any text
  }

  private static boolean fits(String value, long min, long max) {
    if (!INTEGER.matcher(value).matches()) {
      return false;
    }
    BigDecimal number = new BigDecimal(value);
    return number.compareTo(BigDecimal.valueOf(min)) >= 0
        && number.compareTo(BigDecimal.valueOf(max)) <= 0;
  }

  private static boolean isNumber(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** How the runtime reads a component of {@code type}; empty when it cannot. */
  private Optional<Kind> kind(TypeMirror type) {
    switch (type.getKind()) {
      case INT:
        return Optional.of(Kind.INT);
      case LONG:
        return Optional.of(Kind.LONG);
      case DOUBLE:
        return Optional.of(Kind.DOUBLE);
      case BOOLEAN:
        return Optional.of(Kind.BOOLEAN);
      case DECLARED:
        break;
      default:
        return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.lang.String")) {
      return Optional.of(Kind.STRING);
    }
    if (name.equals("java.nio.file.Path")) {
      return Optional.of(Kind.PATH);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return access.canName(element) ? Optional.of(Kind.ENUM) : Optional.empty();
    }
    Optional<TypeMirror> listElement = types.listElement(type);
    if (listElement.isPresent()
        && types.same(listElement.get(), types.elements.getTypeElement("java.lang.String").asType())) {
      return Optional.of(Kind.STRING_LIST);
    }
    return Optional.empty();
  }

  /** {@code static FooOptions defaults()}, callable from the generated package. */
  private boolean hasDefaultsMethod(TypeElement record) {
    for (ExecutableElement method : ElementFilter.methodsIn(record.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals("defaults")
          && method.getModifiers().contains(Modifier.STATIC)
          && method.getParameters().isEmpty()
          && method.getTypeParameters().isEmpty()
          && types.same(method.getReturnType(), record.asType())
          && access.canUse(method)) {
        return true;
      }
    }
    return false;
  }
}
