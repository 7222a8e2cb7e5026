package org.trainkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The options a {@code @Trainable} class declares for itself ({@code @Trainable(options =
 * FooOptions.class)}), held by {@link TrainerConfig#options()}: each option's name, type and
 * value, in declaration order. In YAML they are the {@code options:} mapping; on the command line
 * {@code --set options.name=value}; a run's {@code config.yaml} keeps them, so a resumed or
 * evaluated run gets them back.
 *
 * <p>The generated code builds the declared options with their defaults ({@link #builder()}) and
 * reads each one back typed ({@link #value}); nothing is found by reflection. Read without
 * knowing the component (e.g. by a report), an {@code options:} mapping is kept as written,
 * unchecked, and checked when the component reads it.
 */
public final class ComponentOptions {

  /** A component without options: an {@code options:} mapping is then an error. */
  public static final ComponentOptions NONE = new ComponentOptions(Map.of(), false);

  /** Options read without knowing the component: any name, values kept unchecked. */
  static final ComponentOptions UNCHECKED = new ComponentOptions(Map.of(), true);

  private record Entry<T>(OptionType<T> type, T value) {}

  private final Map<String, Entry<?>> entries;
  private final boolean open;

  private ComponentOptions(Map<String, Entry<?>> entries, boolean open) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.open = open;
  }

  /** Declares a component's options, each with its default value. */
  public static Builder builder() {
    return new Builder();
  }

  /** The option names, in declaration order. */
  public Set<String> names() {
    return entries.keySet();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The value of option {@code name}, read as {@code type}; {@code fallback} when this
   * configuration does not hold it (one built without the component's options, as in a test).
   *
   * @throws ConfigException if the value held is not a {@code type}
   */
  @SuppressWarnings("unchecked")
  public <T> T value(String name, OptionType<T> type, T fallback) {
    Entry<?> entry = entries.get(name);
    if (entry == null) {
      return fallback;
    }
    if (entry.type() == type) {
      return (T) entry.value();
    }
    // held unchecked (read from a file by a report), or by an equal type made elsewhere (each
    // enumOf call makes one): read as YAML would read what was written
    return type.read(key(name), write(entry));
  }

  /** The YAML key of an option on the command line and in messages: {@code options.name}. */
  static String key(String name) {
    return "options." + name;
  }

  /** True when {@code name} may be set: declared, or anything while unchecked. */
  boolean accepts(String name) {
    return open || entries.containsKey(name);
  }

  /** This with option {@code name} read from {@code node}, checked against its declared type. */
  ComponentOptions with(String name, JsonNode node) {
    return with(name, typeOf(name), node);
  }

  /** This with option {@code name} read from command-line text, as its type reads text. */
  ComponentOptions withText(String name, String text) {
    OptionType<?> type = typeOf(name);
    return with(name, type, type.parseText(text));
  }

  private <T> ComponentOptions with(String name, OptionType<T> type, JsonNode node) {
    Map<String, Entry<?>> copy = new LinkedHashMap<>(entries);
    copy.put(name, new Entry<>(type, type.read(key(name), node)));
    return new ComponentOptions(copy, open);
  }

  /** The declared type of {@code name}; unchecked for any name while the options are open. */
  private OptionType<?> typeOf(String name) {
    Entry<?> entry = entries.get(name);
    if (entry != null && entry.type() != OptionType.UNCHECKED) {
      return entry.type();
    }
    if (open) {
      return OptionType.UNCHECKED;
    }
    throw new IllegalArgumentException("no option " + name);
  }

  /** Every option as YAML writes it, in declaration order. */
  Map<String, JsonNode> toNodes() {
    Map<String, JsonNode> nodes = new LinkedHashMap<>();
    entries.forEach((name, entry) -> nodes.put(name, write(entry)));
    return nodes;
  }

  private static <T> JsonNode write(Entry<T> entry) {
    return entry.type().write(entry.value());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComponentOptions other && toNodes().equals(other.toNodes());
  }

  @Override
  public int hashCode() {
    return toNodes().hashCode();
  }

  @Override
  public String toString() {
    return toNodes().toString();
  }

  /** Builds the options a component declares. */
  public static final class Builder {
    private final Map<String, Entry<?>> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Declares option {@code name} of {@code type}, with {@code defaultValue}. */
    public <T> Builder add(String name, OptionType<T> type, T defaultValue) {
      Objects.requireNonNull(defaultValue, () -> "option " + name + " has no default value");
      if (entries.put(name, new Entry<>(type, defaultValue)) != null) {
        throw new IllegalArgumentException("option " + name + " declared twice");
      }
      return this;
    }

    public ComponentOptions build() {
      return new ComponentOptions(entries, false);
    }
  }
}
