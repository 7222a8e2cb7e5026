package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called after every training iteration (an epoch, or an evaluation interval in step mode):
 * {@code void name(EpochSummary summary)}. Any number per {@link Trainable} class, called in
 * declaration order. It may ask the trainer to stop.
 *
 * <pre>{@code
 * @OnEpochEnd
 * void stopWhenPerfect(EpochSummary summary) {
 *   if (summary.value("accuracy") >= 1.0) {
 *     summary.requestStop();
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnEpochEnd {}
