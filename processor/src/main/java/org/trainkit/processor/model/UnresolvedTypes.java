package org.trainkit.processor.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.SimpleTypeVisitor14;
import org.trainkit.annotations.Trainable;

/**
 * Finds the types of a {@code @Trainable} class that javac cannot resolve yet. In an early round
 * these are usually types another processor has still to generate, so the class is deferred to
 * the next round rather than judged; only a type still missing when processing is over is
 * reported.
 *
 * <p>It looks where the processor will look: the signatures of annotated members and of
 * constructors, the {@code reader} and {@code modules} of {@code @Trainable}, and the methods of
 * the listed modules and of the modules they include.
 */
public final class UnresolvedTypes {

  private static final String UNRESOLVED_CLASS_VALUE = "a class named in @Trainable(reader/modules/options = ...)";

  private UnresolvedTypes() {}

  /** How the first unresolved type shows in source, if there is one. */
  public static Optional<String> in(TypeElement type) {
    Optional<String> found = Optional.empty();
    for (Element member : type.getEnclosedElements()) {
      if (member.getAnnotationMirrors().isEmpty() && !isConstructor(member)) {
        continue;
      }
      found = found.or(() -> inSignature(member));
    }
    AnnotationMirror trainable =
        AnnotationValues.find(type, Trainable.class.getCanonicalName()).orElseThrow();
    for (String attribute : List.of("reader", "modules", "options")) {
      for (AnnotationValue value :
          AnnotationValues.explicit(trainable, attribute).map(AnnotationValues::entries).orElse(List.of())) {
        Optional<TypeMirror> named = AnnotationValues.type(value);
        if (named.isEmpty()) {
          found = found.or(() -> Optional.of(UNRESOLVED_CLASS_VALUE));
        } else {
          found = found.or(() -> unresolved(named.get()));
        }
      }
    }
    return found.or(() -> inModules(trainable));
  }

  private static Optional<String> inModules(AnnotationMirror trainable) {
    Deque<AnnotationValue> pending =
        new ArrayDeque<>(
            AnnotationValues.explicit(trainable, "modules")
                .map(AnnotationValues::entries)
                .orElse(List.of()));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      Optional<TypeMirror> next = AnnotationValues.type(pending.removeFirst());
      if (next.isEmpty()) {
        return Optional.of(UNRESOLVED_CLASS_VALUE);
      }
      if (next.get().getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement module = (TypeElement) ((DeclaredType) next.get()).asElement();
      if (!seen.add(module.getQualifiedName().toString())) {
        continue;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(module.getEnclosedElements())) {
        Optional<String> found = inSignature(method);
        if (found.isPresent()) {
          return found;
        }
      }
      AnnotationValues.find(module, KnownType.DAGGER_MODULE.qualifiedName())
          .flatMap(m -> AnnotationValues.explicit(m, "includes"))
          .map(AnnotationValues::entries)
          .ifPresent(pending::addAll);
    }
    return Optional.empty();
  }

  private static boolean isConstructor(Element element) {
    return element.getKind() == ElementKind.CONSTRUCTOR;
  }

  private static Optional<String> inSignature(Element member) {
    if (member instanceof VariableElement) {
      return unresolved(member.asType());
    }
    if (!(member instanceof ExecutableElement)) {
      return Optional.empty();
    }
    ExecutableElement method = (ExecutableElement) member;
    Optional<String> found = unresolved(method.getReturnType());
    for (VariableElement parameter : method.getParameters()) {
      found = found.or(() -> unresolved(parameter.asType()));
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      found = found.or(() -> unresolved(thrown));
    }
    return found;
  }

  /** The first error type within {@code type}: itself, a type argument, a bound, a component. */
  private static Optional<String> unresolved(TypeMirror type) {
    return type.accept(
        new SimpleTypeVisitor14<Optional<String>, Void>(Optional.empty()) {
          @Override
          public Optional<String> visitError(ErrorType t, Void unused) {
            return Optional.of(t.toString());
          }

          @Override
          public Optional<String> visitDeclared(DeclaredType t, Void unused) {
            Optional<String> found = Optional.empty();
            for (TypeMirror argument : t.getTypeArguments()) {
              found = found.or(() -> argument.accept(this, null));
            }
            return found;
          }

          @Override
          public Optional<String> visitArray(ArrayType t, Void unused) {
            return t.getComponentType().accept(this, null);
          }

          @Override
          public Optional<String> visitWildcard(WildcardType t, Void unused) {
            TypeMirror bound = t.getExtendsBound() != null ? t.getExtendsBound() : t.getSuperBound();
            return bound == null ? Optional.empty() : bound.accept(this, null);
          }
        },
        null);
  }
}
