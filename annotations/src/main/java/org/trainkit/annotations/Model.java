package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model to train: a field, or a method without parameters, whose type is a DJL {@code
 * ai.djl.nn.Block}. Exactly one per {@link Trainable} class; not private, not static. The
 * trainer reads it once, before the first step.
 *
 * <pre>{@code
 * @Model
 * final Block model = new SequentialBlock()
 *     .add(Linear.builder().setUnits(64).build())
 *     .add(Activation::relu)
 *     .add(Linear.builder().setUnits(2).build());
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Model {}
