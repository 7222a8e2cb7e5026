package org.trainkit.runtime.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import jakarta.inject.Qualifier;

/**
 * Marks the one instance of a {@code @Trainable} class that a generated {@code
 * FooTrainerComponent} trains: its {@code @TrainedInstance Foo foo()} is the object inside its
 * {@code trainer()}, however the class itself is bound (created by the generated module, by an
 * {@code @Inject} constructor, or by a user's module).
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface TrainedInstance {}
