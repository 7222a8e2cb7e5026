package org.trainkit.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each step of a checkpoint save leaves when a crash stops it there, and how the store
 * recovers: the states between the renames of {@link CheckpointStore#saveLast} and {@link
 * CheckpointStore#saveBest}, set up by hand.
 */
class CheckpointStoreCrashRecoveryTest {

  @TempDir Path run;

  private CheckpointStore store() {
    return new CheckpointStore(run);
  }

  private void save(String marker) throws IOException {
    store().saveLast(dir -> Files.writeString(dir.resolve("step.txt"), marker));
  }

  private String step(Path checkpoint) throws IOException {
    CheckpointStore.verify(checkpoint);
    return Files.readString(checkpoint.resolve("step.txt"));
  }

  @Test
  void lastAndPreviousRotateAndLeaveNothingHidden() throws IOException {
    save("1");
    save("2");
    save("3");
    assertEquals("3", step(store().directory(CheckpointStore.LAST)));
    assertEquals("2", step(store().directory(CheckpointStore.PREVIOUS)));
    assertEquals(List.of("last", "previous"), entries());
  }

  @Test
  void aCrashBetweenTheRenamesOfSaveLastLeavesPreviousToResumeFrom() throws IOException {
    save("1");
    save("2");
    // moved last to previous, not yet the staged one to last
    CheckpointStore.deleteRecursively(store().directory(CheckpointStore.PREVIOUS));
    Files.move(store().directory(CheckpointStore.LAST), store().directory(CheckpointStore.PREVIOUS));
    assertEquals(store().directory(CheckpointStore.PREVIOUS), store().resumable());
  }

  @Test
  void aCrashWhilePreviousIsBeingDeletedLeavesOnlyAHiddenDirectory() throws IOException {
    save("1");
    save("2");
    // previous renamed aside, then partly deleted
    Path discard = run.resolve("checkpoints/.discard-previous");
    Files.move(store().directory(CheckpointStore.PREVIOUS), discard);
    Files.delete(discard.resolve("step.txt"));
    store().removeLeftovers();
    assertFalse(Files.exists(discard));
    assertEquals("2", step(store().resumable()));
  }

  @Test
  void aCrashBetweenTheRenamesOfSaveBestPutsTheOldBestBack() throws IOException {
    store().saveBest(dir -> Files.writeString(dir.resolve("step.txt"), "best-1"));
    Files.move(store().directory(CheckpointStore.BEST), run.resolve("checkpoints/.old-best"));
    Files.createDirectories(run.resolve("checkpoints/.staging-123"));
    store().removeLeftovers();
    assertEquals("best-1", step(store().best().orElseThrow()));
    assertEquals(List.of("best"), entries());
  }

  @Test
  void aFailingWriterLeavesTheCheckpointsAsTheyWere() throws IOException {
    save("1");
    save("2");
    assertThrows(IOException.class, () -> store().saveLast(dir -> {
      Files.writeString(dir.resolve("step.txt"), "3, half");
      throw new IOException("No space left on device");
    }));
    assertEquals("2", step(store().directory(CheckpointStore.LAST)));
    assertEquals("1", step(store().directory(CheckpointStore.PREVIOUS)));
    assertEquals(List.of("last", "previous"), entries());
  }

  @Test
  void aDamagedLastIsSetAsideSoThatPreviousIsKept() throws IOException {
    save("1");
    save("2");
    Files.writeString(store().directory(CheckpointStore.LAST).resolve("step.txt"), "x");
    assertEquals(store().directory(CheckpointStore.PREVIOUS), store().resumable());
    assertTrue(store().setAsideLast().isPresent());
    save("2 again");
    assertEquals("2 again", step(store().directory(CheckpointStore.LAST)));
    assertEquals("1", step(store().directory(CheckpointStore.PREVIOUS)));
    assertTrue(Files.isDirectory(run.resolve("checkpoints/last.damaged")));
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
