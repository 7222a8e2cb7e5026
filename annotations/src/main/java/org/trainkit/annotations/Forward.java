package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the model on a batch: {@code ForwardResult forward(B batch, ForwardContext context)},
 * where {@code B} is the {@link Collate} result type. Exactly one per {@link Trainable} class.
 * The same method serves training, evaluation and prediction; {@code context.mode()} tells which
 * (in prediction the batch may hold no labels: return {@code ForwardResult.prediction(output)}).
 *
 * <pre>{@code
 * @Forward
 * ForwardResult forward(NDList batch, ForwardContext context) {
 *   NDList output = context.forward(new NDList(batch.get(0)));
 *   return ForwardResult.of(output, loss.evaluate(new NDList(batch.get(1)), output));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Forward {}
