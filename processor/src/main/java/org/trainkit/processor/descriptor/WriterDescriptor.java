package org.trainkit.processor.descriptor;

import javax.lang.model.type.TypeMirror;

/**
 * The {@code PredictionWriter<R, B>} named by {@code @Trainable(writer = ...)}.
 *
 * @param type the writer class
 * @param takesInstance whether it is created with the trained instance, {@code new W(foo)}; else
 *     without arguments, {@code new W()}
 */
public record WriterDescriptor(TypeMirror type, boolean takesInstance) {}
