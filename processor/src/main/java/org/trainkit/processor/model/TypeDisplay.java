package org.trainkit.processor.model;

import java.util.stream.Collectors;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * Types as messages show them: simple names with their type arguments, {@code Map<String,
 * int[]>} rather than {@code java.util.Map<java.lang.String,int[]>}.
 */
public final class TypeDisplay extends SimpleTypeVisitor14<String, Void> {

  private static final TypeDisplay INSTANCE = new TypeDisplay();

  private TypeDisplay() {}

  public static String of(TypeMirror type) {
    return type.accept(INSTANCE, null);
  }

  @Override
  protected String defaultAction(TypeMirror type, Void unused) {
    return type.toString();
  }

  @Override
  public String visitDeclared(DeclaredType type, Void unused) {
    String name = type.asElement().getSimpleName().toString();
    if (type.getTypeArguments().isEmpty()) {
      return name;
    }
    return name
        + type.getTypeArguments().stream()
            .map(TypeDisplay::of)
            .collect(Collectors.joining(", ", "<", ">"));
  }

  @Override
  public String visitArray(ArrayType type, Void unused) {
    return of(type.getComponentType()) + "[]";
  }

  @Override
  public String visitWildcard(WildcardType type, Void unused) {
    if (type.getExtendsBound() != null) {
      return "? extends " + of(type.getExtendsBound());
    }
    if (type.getSuperBound() != null) {
      return "? super " + of(type.getSuperBound());
    }
    return "?";
  }
}
