package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batches examples: {@code B collate(List<E> examples, NDManager manager)}, where {@code E} is
 * the {@link Preprocess} result type. Create every array with {@code manager}; it is closed
 * once the batch has been used. At most one per {@link Trainable} class, and optional only when
 * the example type is {@code NDList} (examples are then stacked position by position).
 *
 * <pre>{@code
 * @Collate
 * NDList collate(List<int[]> examples, NDManager manager) {
 *   return new NDList(Padding.pad(examples, manager));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Collate {}
