package org.trainkit.examples.tagger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The options that shape the tagger's network, kept with its fitted state ({@code
 * network.properties}): a tagger loaded from a run, or a resumed run, rebuilds the network that
 * the checkpoint's parameters belong to, whatever options it was created with.
 */
record NetworkSettings(
    EntityTaggerOptions.Decoder decoder,
    int characterFilters,
    int wordDimension,
    int hidden,
    int layers,
    double dropout,
    boolean vectors,
    boolean fineTuneVectors) {

  static final String FILE = "network.properties";

  static NetworkSettings of(EntityTaggerOptions options, boolean vectors) {
    return new NetworkSettings(options.decoder(), options.characterFilters(), options.wordDimension(),
        options.hidden(), options.layers(), options.dropout(), vectors, options.fineTuneVectors());
  }

  /** {@code options} with this network's shape (the vectors file name stays as given). */
  EntityTaggerOptions applyTo(EntityTaggerOptions options) {
    return new EntityTaggerOptions(decoder, characterFilters, wordDimension, hidden, layers, dropout,
        options.wordDropout(), options.vectors(), fineTuneVectors);
  }

  void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("decoder", decoder.name().toLowerCase(Locale.ROOT));
    p.setProperty("characterFilters", Integer.toString(characterFilters));
    p.setProperty("wordDimension", Integer.toString(wordDimension));
    p.setProperty("hidden", Integer.toString(hidden));
    p.setProperty("layers", Integer.toString(layers));
    p.setProperty("dropout", Double.toString(dropout));
    p.setProperty("vectors", Boolean.toString(vectors));
    p.setProperty("fineTuneVectors", Boolean.toString(fineTuneVectors));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "the entity tagger's network");
    }
  }

  static NetworkSettings load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": missing (was the model saved by this version of trainkit?)");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    try {
      return new NetworkSettings(
          EntityTaggerOptions.Decoder.valueOf(required(p, file, "decoder").toUpperCase(Locale.ROOT)),
          Integer.parseInt(required(p, file, "characterFilters")),
          Integer.parseInt(required(p, file, "wordDimension")),
          Integer.parseInt(required(p, file, "hidden")),
          // runs saved before stacked layers existed had one
          Integer.parseInt(p.getProperty("layers", "1").strip()),
          Double.parseDouble(required(p, file, "dropout")),
          Boolean.parseBoolean(required(p, file, "vectors")),
          Boolean.parseBoolean(required(p, file, "fineTuneVectors")));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, Path file, String key) throws IOException {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IOException(file + ": no '" + key + "'");
    }
    return value.strip();
  }
}
