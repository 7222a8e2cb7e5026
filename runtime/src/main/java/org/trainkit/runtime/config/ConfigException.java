package org.trainkit.runtime.config;

/** A configuration value is wrong: the message names the field, the value and what is allowed. */
public final class ConfigException extends RuntimeException {

  private final String field;

  public ConfigException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending field (a YAML key or builder property). */
  public String field() {
    return field;
  }
}
