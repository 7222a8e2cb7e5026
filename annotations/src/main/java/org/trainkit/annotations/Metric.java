package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A metric reported on every evaluation. Either a batch metric, {@code double name(B batch,
 * NDList output)}, averaged over the examples of the evaluated set, or a method without
 * parameters returning a fresh {@code MetricsComputer<B>}, for metrics over the whole set
 * (entity F1, for instance). Any number per {@link Trainable} class; names must be unique.
 *
 * <pre>{@code
 * @Metric(name = "accuracy")
 * double accuracy(NDList batch, NDList output) {
 *   return Accuracies.argmax(output.head(), batch.get(1));
 * }
 *
 * @Metric
 * MetricsComputer<NDList> entities() {
 *   return new EntityF1(tags);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Metric {

  /**
   * The metric's name in reports and for {@code monitor}; empty (the default) means the method's
   * name. Letters, digits, {@code .}, {@code _} and {@code -}; {@code loss}, {@code train_loss}
   * and {@code dev_loss} are taken. Only for batch metrics: a {@code MetricsComputer} names its
   * own values, so a name on such a method is an error.
   */
  String name() default "";
}
