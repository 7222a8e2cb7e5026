package org.trainkit.runtime.config;

/**
 * A configuration value is wrong, or a configuration file cannot be read: the message names the
 * place (file and line, where there is one), the field, the value and what is allowed, e.g.
 * {@code run.yaml, line 3: learningRate: -0.1 is not allowed; must be > 0}.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the offending field, or {@code null} when the problem is not about one field
   * @param message the whole message, shown to the user as it is
   */
  public ConfigException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * @param field the offending field, or {@code null} when the problem is not about one field
   * @param message the whole message, shown to the user as it is
   * @param cause the underlying error: an I/O or parse failure, or the same error without its
   *     place
   */
  public ConfigException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /**
   * The offending field, as a YAML key and builder property (e.g. {@code learningRate}); {@code
   * null} when the problem is not about one field, such as a file that cannot be read or parsed.
   */
  public String field() {
    return field;
  }
}
