package org.trainkit.processor.validation;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The one rule for what generated code may use: an element is usable from the generated package
 * when it is public, or not private and in that package. A type is usable when it and every type
 * it is nested in are.
 */
final class Accessibility {

  private final Elements elements;
  private final String generatedPackage;

  Accessibility(Elements elements, String generatedPackage) {
    this.elements = elements;
    this.generatedPackage = generatedPackage;
  }

  /** True when generated code can use {@code element} itself (a constructor, say). */
  boolean canUse(Element element) {
    Set<Modifier> modifiers = element.getModifiers();
    boolean samePackage =
        elements.getPackageOf(element).getQualifiedName().contentEquals(generatedPackage);
    return modifiers.contains(Modifier.PUBLIC)
        || (samePackage && !modifiers.contains(Modifier.PRIVATE));
  }

  /** True when generated code can name {@code type}: it and its enclosing types are usable. */
  boolean canName(TypeElement type) {
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (!canUse(e)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code type} and every type it is nested in are public. */
  static boolean isPublic(TypeElement type) {
    return allEnclosing(type, Modifier.PUBLIC, true);
  }

  /** True when {@code type} or a type it is nested in is private. */
  static boolean isPrivateOrInPrivate(TypeElement type) {
    return !allEnclosing(type, Modifier.PRIVATE, false);
  }

  /** True when every type from {@code type} outwards has {@code modifier} ({@code has}) or lacks it. */
  private static boolean allEnclosing(TypeElement type, Modifier modifier, boolean has) {
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(modifier) != has) {
        return false;
      }
    }
    return true;
  }
}
