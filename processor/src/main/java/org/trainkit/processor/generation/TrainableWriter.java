package org.trainkit.processor.generation;

import com.palantir.javapoet.JavaFile;
import java.util.List;
import org.trainkit.processor.descriptor.TrainableDescriptor;

/**
 * Turns a {@link TrainableDescriptor} into its four generated files. It analyses nothing and
 * reports nothing: the descriptor exists only for a valid class and holds every decision.
 */
public final class TrainableWriter {

  private TrainableWriter() {}

  /** {@code FooTrainable}, {@code FooTrainerModule}, {@code FooTrainerComponent}, {@code FooTrainerMain}. */
  public static List<JavaFile> write(TrainableDescriptor trainable) {
    GeneratedTypes names = new GeneratedTypes(trainable);
    return List.of(
        new AdapterWriter(names).write(),
        new ModuleWriter(names).write(),
        new ComponentWriter(names).write(),
        new MainWriter(names).write());
  }
}
