package org.trainkit.examples.bert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.trainkit.nlp.bert.BertCheckpoint;
import org.trainkit.runtime.checkpoint.TrainedRun;

/**
 * A BERT run's model as a Hugging Face directory ({@code config.json} with {@code
 * id2label}/{@code label2id}, {@code model.safetensors}, the tokenizer files). The best checkpoint
 * already holds it — it is the component's state, written with the checkpoint — so exporting is
 * copying that directory out of the verified checkpoint, whole or not at all.
 */
public final class RunExport {

  /** The export's default place in a run directory. */
  public static final String DIRECTORY = "export";

  private RunExport() {}

  /**
   * Writes the export of {@code run} (its best checkpoint, or last when it has no best) into
   * {@code target}, replacing what is there.
   *
   * @return the checkpoint exported
   * @throws IOException when the run has no complete checkpoint, or writing fails
   */
  public static Path write(Path run, Path target) throws IOException {
    Path checkpoint = TrainedRun.checkpoint(run); // checked against its manifest
    Path source = checkpoint.resolve(TrainedRun.COMPONENT);
    BertCheckpoint.open(source); // a run of a BERT component holds a whole Hugging Face directory
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path temp = parent.resolve("." + absolute.getFileName() + ".tmp-" + unique);
    Path old = parent.resolve("." + absolute.getFileName() + ".old-" + unique);
    boolean done = false;
    try {
      Files.createDirectory(temp);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.sorted().toList()) {
          Files.copy(file, temp.resolve(file.getFileName()));
        }
      }
      if (Files.exists(absolute)) {
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      done = true;
    } finally {
      deleteTree(done ? old : temp);
    }
    return checkpoint;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.delete(p);
      }
    }
  }
}
