package org.trainkit.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block scanner of the index pass finds the items the line-by-line reader ({@link FileLines}
 * and {@link ItemCutter}, which read items and stream files) finds — offsets and line numbers —
 * whatever the block size, on files with every awkward line the splits know, and hashes the file.
 */
class BoundaryScanTest {

  @TempDir Path dir;

  private static final List<ItemSplit> SPLITS = List.of(
      ItemSplit.blankLineSeparated().ignoringLinesStartingWith("-DOCSTART-"),
      ItemSplit.blankLineSeparated(),
      ItemSplit.lines(),
      ItemSplit.everyLine(),
      ItemSplit.headerStartsItem("###"),
      ItemSplit.headerStartsItem("###").ignoringLinesStartingWith("-X-"));

  private static final String[] LINES = {
    "w\tO", "word\tB-X", "-DOCSTART-", "-DOCSTART- O", "-DOCSTART-\tO", "-DOCSTART-x", "-DOCSTART",
    "###1", "###", "##", "-X-", "-X- y", " ", "\t \f", "", "\u000B", "caf\u00e9\tO", "x y z",
    " lead", "###head\tmore", "\u00e9\u00e9\u00e9",
  };

  /** The items as the line-by-line reader finds them: "offset:line" each. */
  private static List<String> reference(Path file, ItemSplit split) throws IOException {
    List<String> items = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      FileLines lines = new FileLines(file, in, 0, 0, null, 7);
      ItemCutter cutter = new ItemCutter(split);
      while (lines.next()) {
        if (cutter.classify(lines) == ItemCutter.Step.START) {
          items.add(lines.offset() + ":" + lines.lineNumber());
        }
      }
    }
    return items;
  }

  private static List<String> scanned(Path file, ItemSplit split, int block) throws IOException {
    List<String> items = new ArrayList<>();
    byte[] sha = BoundaryScan.scan(file, split, (offset, line) -> items.add(offset + ":" + line), block);
    assertEquals(FileFingerprint.of(file).sha256(), HexFormat.of().formatHex(sha), "the file's hash");
    return items;
  }

  private void assertSameItems(byte[] bytes, String what) throws IOException {
    Path file = Files.write(dir.resolve("f.txt"), bytes);
    for (ItemSplit split : SPLITS) {
      List<String> expected = reference(file, split);
      for (int block : new int[] {1, 2, 3, 5, 8, 61, 4096, BoundaryScan.BLOCK_BYTES}) {
        assertEquals(expected, scanned(file, split, block), what + ", " + split + ", block " + block);
      }
    }
  }

  @Test
  void randomFilesOfAwkwardLinesSplitAsTheLineReaderSplitsThem() throws IOException {
    Random random = new Random(12);
    for (int file = 0; file < 60; file++) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      if (random.nextInt(4) == 0) {
        text.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      int lines = random.nextInt(40);
      for (int i = 0; i < lines; i++) {
        String line = random.nextInt(8) == 0
            ? "x".repeat(random.nextInt(150)) : LINES[random.nextInt(LINES.length)];
        text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        boolean last = i == lines - 1;
        if (!last || random.nextBoolean()) {
          text.writeBytes((random.nextInt(4) == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
        } else if (random.nextBoolean()) {
          text.write('\r');
        }
      }
      assertSameItems(text.toByteArray(), "file " + file);
    }
  }

  @Test
  void edgeFiles() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertSameItems(new byte[0], "empty");
    assertSameItems(bom, "a byte-order mark alone");
    assertSameItems(concat(bom, "\r\n".getBytes(StandardCharsets.US_ASCII)), "a byte-order mark and CRLF");
    assertSameItems(concat(bom, "-DOCSTART-\r\n\r\nw\tO".getBytes(StandardCharsets.US_ASCII)), "DOCSTART after a mark");
    assertSameItems(new byte[] {(byte) 0xEF, (byte) 0xBB}, "half a byte-order mark");
    assertSameItems("\n\n\n".getBytes(StandardCharsets.US_ASCII), "blank lines");
    assertSameItems("\r".getBytes(StandardCharsets.US_ASCII), "a lone CR");
    assertSameItems("a\n\r\nb\r".getBytes(StandardCharsets.US_ASCII), "CRs");
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedWithTheLineReadersMessage() throws IOException {
    byte[] longest = "y".repeat(FileLines.MAX_LINE_BYTES).getBytes(StandardCharsets.US_ASCII);
    Path ok = Files.write(dir.resolve("ok.txt"), concat("a\n\n".getBytes(StandardCharsets.US_ASCII), longest));
    ItemSplit split = ItemSplit.blankLineSeparated();
    assertEquals(reference(ok, split), scanned(ok, split, 1 << 20));
    Path bad = Files.write(dir.resolve("bad.txt"),
        concat("a\n\n".getBytes(StandardCharsets.US_ASCII), longest, "yy\nb\n".getBytes(StandardCharsets.US_ASCII)));
    DataFormatException expected = assertThrows(DataFormatException.class, () -> reference(bad, split));
    for (int block : new int[] {1 << 20, BoundaryScan.BLOCK_BYTES}) {
      DataFormatException e = assertThrows(DataFormatException.class,
          () -> BoundaryScan.scan(bad, split, (offset, line) -> { }, block));
      assertEquals(expected.getMessage(), e.getMessage());
    }
    assertEquals(bad + ":3: line longer than " + FileLines.MAX_LINE_BYTES
        + " bytes; is this a text file with line breaks?", expected.getMessage());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
