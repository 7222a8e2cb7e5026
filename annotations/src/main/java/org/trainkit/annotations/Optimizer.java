package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the optimizer: {@code StatefulOptimizer name(TrainerConfig config)}. At most one per
 * {@link Trainable} class; without it the optimizer the configuration names is used.
 *
 * <pre>{@code
 * @Optimizer
 * StatefulOptimizer optimizer(TrainerConfig config) {
 *   return StatefulOptimizer.fromConfig(config.toBuilder().weightDecay(0.01).build());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Optimizer {}
