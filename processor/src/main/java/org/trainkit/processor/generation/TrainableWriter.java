package org.trainkit.processor.generation;

import com.palantir.javapoet.JavaFile;
import java.util.List;
import org.trainkit.processor.model.TrainableClass;

/**
 * Turns a validated {@link TrainableClass} into its four generated files. It analyses nothing
 * and reports nothing: everything it needs was read and checked before.
 */
public final class TrainableWriter {

  private TrainableWriter() {}

  /** {@code FooTrainable}, {@code FooTrainerModule}, {@code FooTrainerComponent}, {@code FooTrainerMain}. */
  public static List<JavaFile> write(TrainableClass trainable) {
    GeneratedTypes names = new GeneratedTypes(trainable);
    return List.of(
        new AdapterWriter(names).write(),
        new ModuleWriter(names).write(),
        new ComponentWriter(names).write(),
        new MainWriter(names).write());
  }
}
