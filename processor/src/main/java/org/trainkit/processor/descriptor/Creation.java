package org.trainkit.processor.descriptor;

/** How the generated module gets an instance of a class it needs: the trainable class, its reader. */
public enum Creation {
  /** The module creates it with {@code new}, through a constructor without parameters. */
  NEW,
  /** The module creates it with {@code new}, passing its options record: {@code new Foo(options)}. */
  NEW_WITH_OPTIONS,
  /** Dagger creates it through its {@code @Inject} constructor; the module only binds it. */
  INJECT_CONSTRUCTOR,
  /** A module listed in {@code @Trainable(modules = ...)} provides it; the generated one does not. */
  USER_MODULE
}
