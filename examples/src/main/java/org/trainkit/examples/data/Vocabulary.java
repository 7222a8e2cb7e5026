package org.trainkit.examples.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strings ↔ ids, built from training data and saved as one string per line (the line number
 * is the id), so a checkpoint can be read by eye.
 */
public final class Vocabulary {

  private final List<String> entries;
  private final Map<String, Integer> ids = new HashMap<>();

  public Vocabulary(List<String> entries) {
    this.entries = List.copyOf(entries);
    for (int i = 0; i < this.entries.size(); i++) {
      ids.put(this.entries.get(i), i);
    }
  }

  public int size() {
    return entries.size();
  }

  /** The id of {@code entry}, or {@code fallback} when it is not in the vocabulary. */
  public int id(String entry, int fallback) {
    return ids.getOrDefault(entry, fallback);
  }

  public boolean contains(String entry) {
    return ids.containsKey(entry);
  }

  public String entry(int id) {
    return entries.get(id);
  }

  public void save(Path file) throws IOException {
    Files.write(file, entries, StandardCharsets.UTF_8);
  }

  public static Vocabulary load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": missing (was the model saved by this version of trainkit?)");
    }
    return new Vocabulary(new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)));
  }
}
