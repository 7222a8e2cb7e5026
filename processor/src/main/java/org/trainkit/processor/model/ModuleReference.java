package org.trainkit.processor.model;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/**
 * A class listed in {@code @Trainable(modules = ...)}.
 *
 * @param type the listed type
 * @param value its entry in the annotation, where errors about it point
 */
public record ModuleReference(TypeMirror type, AnnotationValue value) {}
