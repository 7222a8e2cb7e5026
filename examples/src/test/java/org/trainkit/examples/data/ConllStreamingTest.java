package org.trainkit.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.examples.data.CorpusGenerator.Split;

/**
 * A CoNLL file several times larger than the heap is read to the end: {@link ConllReader}
 * streams. The file (about 150 MB) is read in a forked JVM limited to a 32 MB heap.
 */
class ConllStreamingTest {

  private static final int SENTENCES = 1_400_000; // about 154 MB of generated CoNLL
  private static final long HEAP = 32L << 20;

  @TempDir Path dir;

  @Test
  void fileFourTimesTheHeapIsReadToTheEndInASmallJvm() throws Exception {
    Path file = dir.resolve("big.conll");
    CorpusGenerator.writeConll(file, SENTENCES, 2024, Split.TRAIN);
    long size = Files.size(file);
    assertTrue(size > 4 * HEAP, "file is only " + size + " bytes");

    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = dir.resolve("fork.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx32m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CountConllSentences.class.getName(),
                    file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = readLog(log);
    assertTrue(finished, "forked reader did not finish in 3 minutes: " + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.startsWith("sentences=" + SENTENCES + " "), output);
    // The fork did run with the small heap (the JVM may round it a little).
    long maxHeap = Long.parseLong(output.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
    assertTrue(maxHeap <= HEAP + (4L << 20), "max heap " + maxHeap);
  }

  private static String readLog(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).trim() : "";
  }
}
