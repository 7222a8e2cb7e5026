package org.trainkit.processor.model;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * An unqualified {@code @Provides} or {@code @Binds} method of a user module (or of a module it
 * includes), and the type it binds.
 *
 * @param module the module declaring the method
 * @param method the binding method
 * @param type the bound type: the method's return type
 */
public record ModuleBinding(TypeElement module, ExecutableElement method, TypeMirror type) {

  /** How messages name the binding: {@code ReaderModule.reader()}. */
  public String describe() {
    return module.getSimpleName() + "." + method.getSimpleName() + "()";
  }
}
