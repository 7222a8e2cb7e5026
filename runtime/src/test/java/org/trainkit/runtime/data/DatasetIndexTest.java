package org.trainkit.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index of a data file: built in one pass beside the file (or in the cache), reused while
 * the file is unchanged, rebuilt when it changes, never half-written; item {@code i} read by its
 * offset is the item a sequential read gives.
 */
class DatasetIndexTest {

  /** Blocks of "word TAB tag" lines; lines must hold a tab and the tag must be upper case. */
  static final DatasetReader<List<String>> BLOCKS = DatasetReader.of(
      ItemSplit.blankLineSeparated().ignoringLinesStartingWith("-DOCSTART-"), item -> {
        for (int i = 0; i < item.size(); i++) {
          String line = item.line(i);
          int tab = line.indexOf('\t');
          if (tab < 0 || !line.substring(tab + 1).equals(line.substring(tab + 1).toUpperCase())) {
            throw item.error(i, "expected word<TAB>TAG: '" + line + "'");
          }
        }
        return item.lines();
      });

  @TempDir Path dir;

  @AfterEach
  void clearProperties() {
    System.clearProperty(IndexLocation.BESIDE_PROPERTY);
    System.clearProperty(IndexLocation.CACHE_PROPERTY);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static <R> List<R> all(Dataset<R> data) {
    List<R> items = new ArrayList<>();
    data.forEach(items::add);
    return items;
  }

  private static <R> List<R> streamed(DatasetReader<R> reader, Path file) throws IOException {
    try (Stream<R> items = reader.read(file)) {
      return items.collect(Collectors.toList());
    }
  }

  private static String corpus(int sentences, long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder text = new StringBuilder("\uFEFF-DOCSTART-\tO\r\n\r\n");
    for (int s = 0; s < sentences; s++) {
      int words = 1 + random.nextInt(6);
      for (int w = 0; w < words; w++) {
        text.append("w").append(random.nextInt(1000)).append("é\t").append(random.nextBoolean() ? "O" : "B-X")
            .append(random.nextInt(10) == 0 ? "\r\n" : "\n");
      }
      text.append(random.nextInt(5) == 0 ? "\n \t\n" : "\n");
      if (random.nextInt(50) == 0) {
        text.append("-DOCSTART- O\n");
      }
    }
    return text.toString();
  }

  @Test
  void itemsByOffsetAreTheItemsOfASequentialReadAndTheHashIsTheFilesHash() throws IOException {
    Path file = write("train.conll", corpus(3000, 1));
    List<List<String>> expected = streamed(BLOCKS, file);
    assertEquals(3000, expected.size());
    try (Dataset<List<String>> data = BLOCKS.open(file)) {
      assertEquals(3000, data.size());
      assertEquals(expected, all(data));
      assertEquals(expected.get(1234), data.get(1234));
      FileFingerprint fingerprint = FileFingerprint.of(file);
      assertEquals(fingerprint.sha256(), data.source().orElseThrow().sha256());
      assertEquals(fingerprint.size(), data.source().orElseThrow().size());
    }
  }

  @Test
  void builtOnceBesideTheFileThenReusedThenRebuiltWhenTheFileChanges() throws IOException {
    Path file = write("train.conll", corpus(200, 2));
    Path beside = IndexLocation.besideFile(file, BLOCKS.split());
    assertEquals(file.toAbsolutePath().getParent(), beside.getParent());
    DatasetIndex first = DatasetIndex.openOrBuild(file, BLOCKS.split());
    assertTrue(first.built());
    assertEquals(beside, first.location());
    long written = Files.getLastModifiedTime(beside).toMillis();

    DatasetIndex again = DatasetIndex.openOrBuild(file, BLOCKS.split());
    assertFalse(again.built(), "an index of an unchanged file is reused");
    assertEquals(written, Files.getLastModifiedTime(beside).toMillis());
    assertEquals(first.fingerprint(), again.fingerprint());

    // same size, other bytes, other time: rebuilt, and the hash says so
    String text = Files.readString(file);
    Files.writeString(file, text.replace("w1", "w2"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(written + 5000));
    DatasetIndex changed = DatasetIndex.openOrBuild(file, BLOCKS.split());
    assertTrue(changed.built());
    assertEquals(first.fingerprint().size(), changed.fingerprint().size());
    assertNotEquals(first.fingerprint().sha256(), changed.fingerprint().sha256());

    // more items: rebuilt, and the dataset has them
    Files.writeString(file, text + "new\tO\n\n");
    try (Dataset<List<String>> data = BLOCKS.open(file)) {
      assertEquals(201, data.size());
      assertEquals(List.of("new\tO"), data.get(200));
    }

    // another split of the same file has its own index
    DatasetReader<String> lines = DatasetReader.of(ItemSplit.lines(), item -> item.line(0));
    assertNotEquals(beside, IndexLocation.besideFile(file, lines.split()));
  }

  @Test
  void theCacheFolderHoldsTheIndexWhenTheDataFolderMayNotBeUsed() throws IOException {
    Path file = write("train.conll", corpus(50, 3));
    Path cache = dir.resolve("cache");
    System.setProperty(IndexLocation.BESIDE_PROPERTY, "false");
    System.setProperty(IndexLocation.CACHE_PROPERTY, cache.toString());
    try (Dataset<List<String>> data = BLOCKS.open(file)) {
      assertEquals(50, data.size());
    }
    Path cached = IndexLocation.inCache(file, BLOCKS.split());
    assertTrue(cached.startsWith(cache.resolve("index")), cached.toString());
    assertTrue(Files.isRegularFile(cached));
    assertFalse(Files.exists(IndexLocation.besideFile(file, BLOCKS.split())));
    assertFalse(DatasetIndex.openOrBuild(file, BLOCKS.split()).built(), "reused from the cache");
  }

  @Test
  void twoRunsIndexingTheSameFileAtOnceBothGetAWholeIndex() throws Exception {
    Path file = write("train.conll", corpus(20_000, 4));
    List<List<String>> expected = streamed(BLOCKS, file);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<String>>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<List<List<String>>> run = () -> {
          try (Dataset<List<String>> data = BLOCKS.open(file)) {
            return all(data);
          }
        };
        runs.add(pool.submit(run));
      }
      for (Future<List<List<String>>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary file left");
    }
  }

  @Test
  void aMalformedItemIsReportedWithFileAndLineByTheCheckBeforeARun() throws IOException {
    Path file = write("bad.conll", "a\tO\n\nb\tO\nc\tlower\n\nd\tlower\n");
    try (Dataset<List<String>> data = BLOCKS.open(file)) {
      assertEquals(3, data.size(), "indexing splits; it does not parse");
      DataFormatException e = assertThrows(DataFormatException.class, () -> ParseCheck.all(data));
      assertEquals(file + ":4: expected word<TAB>TAG: 'c\tlower'", e.getMessage(), "the first bad item in file order");
      assertTrue(ParseCheck.needsCheck(data), "a dataset that failed its check is checked again");
    }
    byte[] latin1 = "ok\tO\n\ncaf\u00e9\tO\n".getBytes(StandardCharsets.ISO_8859_1);
    Path notUtf8 = Files.write(dir.resolve("latin1.conll"), latin1);
    try (Dataset<List<String>> data = BLOCKS.open(notUtf8)) {
      assertEquals(notUtf8 + ":3: not valid UTF-8: byte 0xE9 at byte 4 of the line; save the file as UTF-8",
          assertThrows(DataFormatException.class, () -> ParseCheck.all(data)).getMessage());
    }
  }

  @Test
  void theCheckAfterFitParsesOnlyWhatFitDidNotReadAndReportsIt() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      text.append("w").append(i).append(i == 321 || i == 400 ? "\tlower\n\n" : "\tO\n\n");
    }
    Path file = write("bad-late.conll", text.toString());
    java.util.concurrent.atomic.AtomicInteger parsed = new java.util.concurrent.atomic.AtomicInteger();
    DatasetReader<List<String>> counting = DatasetReader.of(BLOCKS.split(), item -> {
      parsed.incrementAndGet();
      return BLOCKS.parse(item);
    });
    try (Dataset<List<String>> data = counting.open(file)) {
      ParseCheck.Reads<List<String>> reads = ParseCheck.recording(data);
      for (int i = 0; i < 300; i++) {
        reads.get(i); // what a fit that reads the first 300 items sees
      }
      assertEquals(300, parsed.get());
      assertEquals(data.toString(), reads.toString());
      DataFormatException e = assertThrows(DataFormatException.class, reads::checkRest);
      assertEquals(file + ":643: expected word<TAB>TAG: 'w321\tlower'", e.getMessage());
      assertTrue(ParseCheck.needsCheck(data));
    }
    Path good = write("good.conll", text.toString().replace("lower", "O"));
    parsed.set(0);
    try (Dataset<List<String>> data = counting.open(good)) {
      ParseCheck.Reads<List<String>> reads = ParseCheck.recording(data);
      for (int i = 0; i < 500; i += 2) {
        reads.get(i);
      }
      reads.checkRest();
      assertEquals(500, parsed.get(), "each item parsed once: by fit or by the check");
      assertFalse(ParseCheck.needsCheck(data));
    }
    parsed.set(0);
    Files.writeString(good, text.toString().replace("lower", "O") + "\n"); // a new index, unchecked
    try (Dataset<List<String>> data = counting.open(good)) {
      ParseCheck.Reads<List<String>> reads = ParseCheck.recording(data);
      List<List<String>> iterated = new ArrayList<>();
      reads.forEach(iterated::add); // a fit that iterates: the dataset's chunked iterator
      assertEquals(streamed(BLOCKS, good), iterated);
      reads.checkRest();
      assertEquals(500, parsed.get(), "each item parsed once: by fit or by the check");
      assertFalse(ParseCheck.needsCheck(data));
      ParseCheck.all(data);
      assertEquals(500, parsed.get(), "a checked dataset is not parsed again");
    }
  }

  @Test
  void headerAndLineSplits() throws IOException {
    DatasetReader<ItemLines> headers = DatasetReader.of(ItemSplit.headerStartsItem("###"), item -> item);
    Path rct = write("a.txt", "###1\nA\tx\nB\ty\n###2\nC\tz\n\n\nstray\n###3\n");
    List<ItemLines> items = streamed(headers, rct);
    assertEquals(List.of(List.of("###1", "A\tx", "B\ty"), List.of("###2", "C\tz"), List.of("stray"), List.of("###3")),
        items.stream().map(ItemLines::lines).toList());
    assertEquals(List.of(1L, 4L, 8L, 9L), items.stream().map(ItemLines::firstLine).toList());
    try (Dataset<ItemLines> data = headers.open(rct)) {
      assertEquals(items, all(data));
    }
    DatasetReader<String> lines = DatasetReader.of(ItemSplit.lines(), item -> item.firstLine() + ":" + item.line(0));
    Path tsv = write("b.tsv", "x\n\ny\r\n  \nz");
    assertEquals(List.of("1:x", "3:y", "5:z"), streamed(lines, tsv));
    try (Dataset<String> data = lines.open(tsv)) {
      assertEquals(List.of("1:x", "3:y", "5:z"), all(data));
    }
  }

  @Test
  void aFileChangedAfterIndexingIsNamedWhenAnItemCannotBeReadAnyMore() throws IOException {
    Path file = write("train.conll", corpus(100, 5));
    try (Dataset<List<String>> data = BLOCKS.open(file)) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(raf.length() / 2);
      }
      DataFormatException e = assertThrows(DataFormatException.class, () -> data.get(99));
      assertTrue(e.getMessage().contains("the file changed after it was indexed"), e.getMessage());
      assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
  }

  @Test
  void aFileThatCannotBeIndexedIsReadWholeOnlyWhenItFitsInTheHeap() throws IOException {
    DatasetReader<String> whole = new DatasetReader<>() {
      @Override
      public ItemSplit split() {
        return ItemSplit.unindexed();
      }

      @Override
      public String parse(ItemLines item) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Stream<String> read(Path file) throws IOException {
        return Stream.of(Files.readString(file).split(";"));
      }
    };
    Path small = write("small.txt", "a;b;c");
    try (Dataset<String> data = whole.open(small)) {
      assertEquals(List.of("a", "b", "c"), all(data));
      assertEquals(FileFingerprint.of(small), data.source().orElseThrow());
    }
    // a sparse file far larger than any heap here: refused before a byte is read
    Path huge = dir.resolve("huge.txt");
    try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
      raf.setLength(Runtime.getRuntime().maxMemory() * 2);
    }
    IOException e = assertThrows(IOException.class, () -> whole.open(huge));
    assertTrue(e.getMessage().startsWith(huge + " is "), e.getMessage());
    assertTrue(e.getMessage().contains("cannot index it (ItemSplit.unindexed()), so it must be read whole"
        + " into memory"), e.getMessage());
    assertTrue(e.getMessage().contains("give Java more heap (-Xmx"), e.getMessage());
  }
}
