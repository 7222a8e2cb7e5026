package org.trainkit.processor.model;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The names of everything generated for a {@code @Trainable} class, in one place, so that
 * validation messages and generated code agree. Generated types are top-level, in the class's
 * package; a nested class's enclosing names are joined with {@code _} ({@code Outer.Tagger} gives
 * {@code Outer_TaggerTrainable}).
 */
public final class GeneratedNames {

  private final String packageName;
  private final String baseName;

  private GeneratedNames(String packageName, String baseName) {
    this.packageName = packageName;
    this.baseName = baseName;
  }

  /** The names generated for {@code type}. */
  public static GeneratedNames of(TypeElement type) {
    StringBuilder base = new StringBuilder(type.getSimpleName());
    Element enclosing = type.getEnclosingElement();
    while (enclosing.getKind() != ElementKind.PACKAGE) {
      base.insert(0, enclosing.getSimpleName() + "_");
      enclosing = enclosing.getEnclosingElement();
    }
    return new GeneratedNames(((PackageElement) enclosing).getQualifiedName().toString(), base.toString());
  }

  /** The package of the class and of everything generated for it. */
  public String packageName() {
    return packageName;
  }

  /** {@code FooTrainable}: the {@code TrainableComponent} adapter. */
  public String adapter() {
    return baseName + "Trainable";
  }

  /** {@code FooTrainerModule}: the Dagger module. */
  public String module() {
    return baseName + "TrainerModule";
  }

  /** {@code FooTrainerComponent}: the Dagger component. */
  public String component() {
    return baseName + "TrainerComponent";
  }

  /** {@code DaggerFooTrainerComponent}: what Dagger generates for the component. */
  public String daggerComponent() {
    return "Dagger" + component();
  }

  /** {@code FooTrainerMain}: the command-line entry point. */
  public String main() {
    return baseName + "TrainerMain";
  }
}
