package org.trainkit.processor.descriptor;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * The options record of a {@code @Trainable} class, checked: its type and its components, each
 * of a type the runtime reads and writes ({@code OptionType}).
 *
 * @param type the record
 * @param options its components, in declaration order
 */
public record OptionsDescriptor(TypeMirror type, List<Option> options) {

  public OptionsDescriptor {
    options = List.copyOf(options);
  }

  /**
   * One option.
   *
   * @param name the record component's name: the key under {@code options:}
   * @param kind its type, as the runtime's {@code OptionType} names it
   * @param type the component's type (the enum, for {@link Kind#ENUM})
   */
  public record Option(String name, Kind kind, TypeMirror type) {}

  /** The types an option may have; each but {@link #ENUM} is a constant of {@code OptionType}. */
  public enum Kind {
    STRING,
    PATH,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    STRING_LIST,
    /** {@code OptionType.enumOf(E.values())}. */
    ENUM
  }
}
