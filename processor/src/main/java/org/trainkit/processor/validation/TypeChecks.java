package org.trainkit.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.trainkit.processor.model.KnownType;

/**
 * The type questions the rules ask, answered in the current round's compilation. Made afresh for
 * every class: elements and type mirrors are never kept across rounds.
 */
final class TypeChecks {

  final Elements elements;
  final Types types;

  TypeChecks(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The known type without type arguments, e.g. {@code ForwardResult}. */
  DeclaredType declared(KnownType known) {
    return types.getDeclaredType(known.element(elements));
  }

  /** {@code known<argument>}, e.g. {@code DatasetReader<String>}. */
  DeclaredType declared(KnownType known, TypeMirror argument) {
    return types.getDeclaredType(known.element(elements), argument);
  }

  /** {@code known<first, second>}, e.g. {@code PredictionWriter<Sentence, TaggerBatch>}. */
  DeclaredType declared(KnownType known, TypeMirror first, TypeMirror second) {
    return types.getDeclaredType(known.element(elements), first, second);
  }

  boolean same(TypeMirror a, TypeMirror b) {
    return types.isSameType(a, b);
  }

  boolean isSame(TypeMirror type, KnownType known) {
    return types.isSameType(type, declared(known));
  }

  /** {@code X} when {@code type} is {@code List<X>}. */
  Optional<TypeMirror> listElement(TypeMirror type) {
    TypeMirror rawList = types.erasure(elements.getTypeElement("java.util.List").asType());
    if (type.getKind() != TypeKind.DECLARED || !types.isSameType(types.erasure(type), rawList)) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
  }

  /** {@code X} when {@code type} is {@code known<X>}. */
  static Optional<TypeMirror> typeArgument(TypeMirror type, KnownType known) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    return known.names((TypeElement) declared.asElement())
            && declared.getTypeArguments().size() == 1
        ? Optional.of(declared.getTypeArguments().get(0))
        : Optional.empty();
  }

  boolean isChecked(TypeMirror thrown) {
    TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error);
  }

  static boolean isReference(TypeMirror type) {
    TypeKind kind = type.getKind();
    return kind == TypeKind.DECLARED || kind == TypeKind.ARRAY;
  }

  /** What to use instead of a primitive or {@code void}: its box, or {@code NDList}. */
  String boxedName(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return types.boxedClass((PrimitiveType) type).getSimpleName().toString();
    }
    return "NDList";
  }
}
