package org.trainkit.runtime.config;

/** Checks every field of a {@link TrainerConfig}; each failure names the field, value and what is allowed. */
final class ConfigValidation {

  private ConfigValidation() {}

  static void validate(TrainerConfig c) {
    // TODO(config helper): every field
  }
}
