package com.example.tagging;

import java.nio.file.Path;
import java.util.List;

/** The tagger's own settings: set under {@code options:} in YAML or with {@code --set options.x=...}. */
public record TaggerOptions(int maxWordLength, Case wordCase, Path lexicon, List<String> skipWords) {

  /** How words are cased before tagging. */
  public enum Case {
    KEEP,
    LOWER
  }

  static TaggerOptions defaults() {
    return new TaggerOptions(20, Case.KEEP, Path.of("lexicon.txt"), List.of());
  }
}
