package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns one raw item {@code R} (as the dataset reader yields it) into an example {@code E}.
 * Exactly one per {@link Trainable} class: a method with one parameter, returning a reference
 * type; not private, not static, no checked exceptions. It is pure CPU work and runs on the
 * loader's worker threads, several at a time, so it must not change shared state.
 *
 * <pre>{@code
 * @Preprocess
 * int[] preprocess(String sentence) {
 *   return vocabulary.indices(tokenizer.tokenize(sentence));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Preprocess {}
