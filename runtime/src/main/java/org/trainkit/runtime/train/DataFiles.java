package org.trainkit.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.FileFingerprint;
import org.trainkit.runtime.io.AtomicFiles;
import org.trainkit.runtime.io.Json;
import org.trainkit.runtime.io.RunDirectory;

/**
 * The run's record of the data files it reads ({@code data-files.json}): written when a run
 * starts, compared when it resumes, so that a file replaced or edited in between is named rather
 * than silently read differently (the order of a resumed epoch indexes the items by position).
 */
final class DataFiles {

  private DataFiles() {}

  /** Records the files of a new run, or checks them against the record when resuming. */
  static void check(RunDirectory run, boolean resume, Dataset<?> train, Dataset<?> dev,
      Dataset<?> test) throws IOException {
    Map<String, Optional<FileFingerprint>> files = new LinkedHashMap<>();
    files.put("train", train.source());
    files.put("dev", dev.source());
    files.put("test", test.source());
    if (resume) {
      if (Files.isRegularFile(run.dataFiles())) {
        compare(run, Json.readObject(run.dataFiles()), files);
      }
      return;
    }
    if (Files.exists(run.checkpoints())) {
      return; // not a new run: the loop refuses it, and its record stays as it was
    }
    ObjectNode record = Json.MAPPER.createObjectNode();
    files.forEach((role, source) -> source.ifPresent(f -> {
      ObjectNode node = record.putObject(role);
      node.put("path", f.path().toAbsolutePath().toString());
      node.put("size", f.size());
      node.put("modifiedMillis", f.modifiedMillis());
      node.put("sha256", f.sha256());
    }));
    Files.createDirectories(run.root());
    AtomicFiles.write(run.dataFiles(), Json.pretty(record));
  }

  private static void compare(RunDirectory run, JsonNode record,
      Map<String, Optional<FileFingerprint>> files) throws IOException {
    for (Map.Entry<String, Optional<FileFingerprint>> e : files.entrySet()) {
      JsonNode was = record.get(e.getKey());
      if (was == null || e.getValue().isEmpty()) {
        continue;
      }
      FileFingerprint now = e.getValue().get();
      String wasHash = was.path("sha256").asText();
      long wasSize = was.path("size").asLong();
      if (!wasHash.equals(now.sha256()) || wasSize != now.size()) {
        throw new IOException(String.format(Locale.ROOT,
            "the %s file %s changed since this run started (recorded in %s): size %d, SHA-256 %s"
                + " then; size %d, SHA-256 %s now. A resumed run must read the same items; restore"
                + " the file, or start a new run",
            e.getKey(), now.path(), run.dataFiles(), wasSize, abbreviated(wasHash), now.size(),
            abbreviated(now.sha256())));
      }
    }
  }

  private static String abbreviated(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
