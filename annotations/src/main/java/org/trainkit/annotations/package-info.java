/**
 * The annotations that make a plain class trainable.
 *
 * <p>Put {@link org.trainkit.annotations.Trainable @Trainable} on the class, then mark its
 * members: one {@link org.trainkit.annotations.Model @Model}, one {@link
 * org.trainkit.annotations.Preprocess @Preprocess}, one {@link org.trainkit.annotations.Forward
 * @Forward}, and where needed {@link org.trainkit.annotations.Collate @Collate}, {@link
 * org.trainkit.annotations.Metric @Metric}, {@link org.trainkit.annotations.OnEpochEnd
 * @OnEpochEnd} and {@link org.trainkit.annotations.Optimizer @Optimizer}. Data flows one way:
 *
 * <pre>
 * raw item R --@Preprocess--&gt; example E --@Collate--&gt; batch B --@Forward--&gt; ForwardResult
 * </pre>
 *
 * <p>The trainkit annotation processor checks the class at compile time (each broken rule is a
 * compile error on the offending member, with the fix) and generates, next to {@code Foo}:
 * {@code FooTrainable} (the {@code TrainableComponent} adapter), {@code FooTrainerModule} and
 * {@code FooTrainerComponent} (Dagger wiring) and {@code FooTrainerMain} (the command line).
 *
 * <p>Every annotation has {@link java.lang.annotation.RetentionPolicy#CLASS CLASS} retention: it
 * is read at compile time only; nothing reads it reflectively at run time.
 */
package org.trainkit.annotations;
