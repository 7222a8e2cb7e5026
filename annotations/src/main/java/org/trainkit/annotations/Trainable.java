package org.trainkit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class trainable: the trainkit processor checks it against the training contract and
 * generates, in the same package, {@code FooTrainable} (a {@code TrainableComponent<R, E, B>}
 * calling the class's annotated members directly), {@code FooTrainerModule} and {@code
 * FooTrainerComponent} (Dagger wiring that gives a ready {@code Trainer}) and {@code
 * FooTrainerMain} (the {@code train} / {@code evaluate} command line).
 *
 * <pre>{@code
 * @Trainable(name = "tagger", reader = ConllReader.class)
 * public class Tagger {
 *   @Model final Block model = new SequentialBlock().add(Linear.builder().setUnits(9).build());
 *
 *   @Preprocess TaggedExample preprocess(Sentence sentence) { ... }
 *
 *   @Collate NDList collate(List<TaggedExample> examples, NDManager manager) { ... }
 *
 *   @Forward ForwardResult forward(NDList batch, ForwardContext context) { ... }
 * }
 * }</pre>
 *
 * <p>The class must be concrete, not private, and top-level or {@code static} nested, with no
 * type parameters. The generated module creates it through a non-private no-argument
 * constructor; a class that needs dependencies gives an {@code @Inject} constructor instead, or
 * is provided by one of the {@link #modules() modules}. Only members declared in the class
 * itself are read.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Trainable {

  /**
   * The run's name, shown by the command line and used for its run directory: letters, digits,
   * {@code .}, {@code _} and {@code -}. Empty (the default) means the class's simple name.
   */
  String name() default "";

  /**
   * The {@code DatasetReader<R>} that reads the raw items of data files, where {@code R} is the
   * {@code @Preprocess} parameter type. It must be a concrete class with a non-private
   * no-argument or an {@code @Inject} constructor. {@code void.class} (the default) means a
   * module listed in {@link #modules()} provides the {@code DatasetReader<R>} instead.
   */
  Class<?> reader() default void.class;

  /**
   * Extra Dagger modules for the generated component: they may provide the class itself, its
   * {@code DatasetReader<R>}, and {@code TrainerCallback}s into the {@code Set<TrainerCallback>}
   * multibinding ({@code @Provides @IntoSet}).
   */
  Class<?>[] modules() default {};

  /**
   * The class's own options: a record whose components are the options, each of type {@code
   * String}, {@code java.nio.file.Path}, {@code int}, {@code long}, {@code double}, {@code
   * boolean}, an enum or {@code List<String>}, with a {@code static FooOptions defaults()} method
   * giving their default values. The class takes the record in its constructor ({@code
   * Foo(FooOptions options)}, or an {@code @Inject} one). Users set them in YAML under {@code
   * options:} or with {@code --set options.name=value}; a run's {@code config.yaml} keeps them.
   * {@code void.class} (the default) means no options.
   */
  Class<?> options() default void.class;

  /**
   * The class's defaults for the training loop's keys, as {@code "key=value"}, e.g. {@code
   * {"monitor=entity_f1", "optimizer=adamw", "warmupSteps=100"}}: a run starts from these, then
   * its configuration file and command line override them. Keys and value types are checked at
   * compile time.
   */
  String[] defaults() default {};

  /**
   * How the {@code predict} command writes this class's predictions: a {@code
   * PredictionWriter<R, B>}, where {@code R} is the {@code @Preprocess} parameter type and {@code
   * B} the batch type. It must be a concrete class without type parameters, with an accessible
   * constructor taking the trained instance (the class itself) or no parameters. {@code
   * void.class} (the default) means the predictions are written as TSV, one {@code
   * PredictionRenderer} row per item.
   */
  Class<?> writer() default void.class;
}
