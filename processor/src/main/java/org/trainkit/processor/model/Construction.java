package org.trainkit.processor.model;

/** How a class the generated module needs (the trainable class, its reader) can be created. */
public enum Construction {
  /** Dagger creates it through its {@code @Inject} constructor. */
  INJECT_CONSTRUCTOR,
  /** The generated module creates it with {@code new}: it has a non-private no-arg constructor. */
  NO_ARG_CONSTRUCTOR,
  /** Neither: something else must provide it. */
  NONE
}
