package org.trainkit.runtime.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trainkit.runtime.EpochSummary;
import org.trainkit.runtime.History;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.train.Trainer;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.config.TrainerConfig.TrainingType;
import org.trainkit.runtime.io.HistoryJson;
import org.trainkit.runtime.io.RunDirectory;
import org.trainkit.runtime.tensorboard.proto.Event;
import org.trainkit.runtime.tensorboard.proto.Summary;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * Real small runs write TensorBoard events through {@link TensorBoardCallback}; the files are read
 * back byte by byte (framing and both CRCs of every record, checked here independently of {@link
 * TfRecords}) and with the generated parser, and every scalar is compared with {@code
 * history.json}.
 */
class TensorBoardCallbackTest {

  private static final List<Point> TRAIN = Points.generate(150, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(60, 6, 3, 11, 2);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} mode")
  @EnumSource(TrainingType.class)
  void eventsHoldEveryScalarOfTheHistoryAtItsIteration(TrainingType type) throws Exception {
    Path run = dir.resolve("run");
    double before = System.currentTimeMillis() / 1000.0;
    train(config(type), run, false, List.of(new TensorBoardCallback()));
    double after = System.currentTimeMillis() / 1000.0;

    History history = HistoryJson.read(RunDirectory.at(run).history());
    assertEquals(type == TrainingType.STEP ? 6 : 5, history.iterations().size());
    // epoch mode evaluates every other epoch: iterations without dev values must have none
    assertTrue(history.iterations().stream().anyMatch(s -> !s.evaluated()) == (type == TrainingType.EPOCH));

    List<Path> files = EventFiles.list(TensorBoardCallback.directory(run));
    assertEquals(1, files.size(), files.toString());
    String name = files.get(0).getFileName().toString();
    assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), name);
    long fileSecond = Long.parseLong(name.split("\\.")[3]);
    assertTrue(fileSecond >= (long) before && fileSecond <= (long) after, name);

    List<Event> events = readFramed(files.get(0));
    assertEquals(EventFileWriter.FILE_VERSION, events.get(0).getFileVersion());
    List<Event> scalars = events.subList(1, events.size());
    assertEquals(history.iterations().size(), scalars.size());
    double previous = before;
    for (int i = 0; i < scalars.size(); i++) {
      Event event = scalars.get(i);
      EpochSummary expected = history.iterations().get(i);
      assertEquals(expected.iteration(), event.getStep());
      assertEquals(expectedScalars(expected), scalarsOf(event), "iteration " + expected.iteration());
      assertTrue(event.getWallTime() >= previous && event.getWallTime() <= after, "wall time");
      previous = event.getWallTime();
    }
    if (type == TrainingType.STEP) {
      // iterations are numbered by optimizer step in step mode: every 4th step
      assertEquals(List.of(4L, 8L, 12L, 16L, 20L, 24L), scalars.stream().map(Event::getStep).toList());
    }
  }

  @Test
  void everyFlippedByteIsCaught() throws Exception {
    Path run = dir.resolve("run");
    train(config(TrainingType.EPOCH).toBuilder().iterations(2).build(), run, false,
        List.of(new TensorBoardCallback()));
    Path file = EventFiles.list(TensorBoardCallback.directory(run)).get(0);
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(3, TfRecords.parse(bytes, "intact").size());
    for (int i = 0; i < bytes.length; i++) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= 0x10;
      IOException e = assertThrows(IOException.class, () -> TfRecords.parse(damaged, "damaged"),
          "byte " + i + " of " + bytes.length);
      assertTrue(e.getMessage().startsWith("damaged: record "), e.getMessage());
    }
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    IOException e = assertThrows(IOException.class, () -> TfRecords.parse(cut, "cut"));
    assertTrue(e.getMessage().startsWith("cut: record 3 at byte "), e.getMessage());
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
  }

  @Test
  void resumedRunDropsTheRepeatedIterationsAndWritesTheRestToANewFile() throws Exception {
    // checkpoints every 2nd epoch; a crash after epoch 3 resumes from epoch 2 and repeats 3
    TrainerConfig config = config(TrainingType.EPOCH).toBuilder().iterations(6).saveFrequency(2).build();
    Path run = dir.resolve("run");
    TrainerCallback crashAfterThird = new TrainerCallback() {
      @Override
      public void onIterationEnd(TrainerState state, EpochSummary summary) {
        if (summary.iteration() == 3) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class,
        () -> train(config, run, false, List.of(new TensorBoardCallback(), crashAfterThird)));
    Path first = EventFiles.list(TensorBoardCallback.directory(run)).get(0);
    assertEquals(List.of(1L, 2L, 3L), scalarSteps(EventFiles.read(first)));

    train(config, run, true, List.of(new TensorBoardCallback()));

    List<Path> files = EventFiles.list(TensorBoardCallback.directory(run));
    assertEquals(2, files.size(), files.toString());
    assertEquals(first, files.get(0));
    assertEquals(List.of(1L, 2L), scalarSteps(readFramed(files.get(0))));
    List<Event> second = readFramed(files.get(1));
    assertEquals(EventFileWriter.FILE_VERSION, second.get(0).getFileVersion());
    assertEquals(List.of(3L, 4L, 5L, 6L), scalarSteps(second));

    // merged in file order, as TensorBoard reads them, they are the history, once each
    History history = HistoryJson.read(RunDirectory.at(run).history());
    List<Event> merged = new ArrayList<>();
    for (Path file : files) {
      readFramed(file).stream().filter(Event::hasSummary).forEach(merged::add);
    }
    assertEquals(history.iterations().size(), merged.size());
    for (int i = 0; i < merged.size(); i++) {
      assertEquals(expectedScalars(history.iterations().get(i)), scalarsOf(merged.get(i)));
    }
  }

  @Test
  void aDirectoryThatCannotBeWrittenWarnsAndTheRunGoesOn() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(TensorBoardCallback.directory(run), "a file where the directory belongs");
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    History history = train(config(TrainingType.EPOCH).toBuilder().iterations(2).build(), run, false,
        List.of(new TensorBoardCallback(new PrintStream(warnings, true, StandardCharsets.UTF_8))));
    assertEquals(2, history.iterations().size());
    String text = warnings.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("warning: no TensorBoard events are written for this run: "), text);
  }

  @Test
  void framingMatchesTensorBoardsRecordWriter() {
    // made by tensorboard.summary.writer.record_writer.RecordWriter (tensorboard 2.21.0) for b"trainkit"
    // (runtime/src/test/python/check_tensorboard.py --known-answer prints it)
    assertEquals(KNOWN_ANSWER, hex(TfRecords.frame("trainkit".getBytes(StandardCharsets.US_ASCII))));
  }

  static final String KNOWN_ANSWER = "0800000000000000ff86240f747261696e6b69746aef5702";

  // ---------------------------------------------------------------------------------------------

  static TrainerConfig config(TrainingType type) {
    boolean steps = type == TrainingType.STEP;
    return TrainerConfig.builder()
        .trainingType(type).iterations(steps ? 24 : 5).evalFrequency(steps ? 4 : 2)
        .batchSize(16).learningRate(0.01).lrSchedule(TrainerConfig.ScheduleType.COSINE)
        .device("cpu").progressBar(false).build();
  }

  static History train(TrainerConfig config, Path run, boolean resume, List<TrainerCallback> callbacks) {
    PointClassifier classifier = new PointClassifier(16, 3, 0.2f)
        .withMetric(() -> MetricsComputer.averaged("confidence/mean", TensorBoardCallbackTest::confidence));
    try (Trainer<Point, Point, PointClassifier.PointBatch> trainer = new Trainer<>(classifier, config, callbacks)) {
      return trainer.train(TRAIN, DEV, List.of(), run, resume);
    }
  }

  /** A metric with a {@code /} in its name: the mean probability of the predicted class. */
  private static double confidence(PointClassifier.PointBatch batch, NDList output) {
    return output.singletonOrThrow().softmax(1).max(new int[] {1}).mean().getFloat();
  }

  /** What the events must hold for {@code s}, from its fields, as float32 like simple_value. */
  private static Map<String, Float> expectedScalars(EpochSummary s) {
    Map<String, Float> expected = new LinkedHashMap<>();
    expected.put("train/loss", (float) s.trainLoss());
    if (s.evaluated()) {
      expected.put("dev/loss", (float) s.devLoss());
      s.metrics().forEach((name, value) -> expected.put("dev/" + name, value.floatValue()));
      assertTrue(s.metrics().containsKey("accuracy") && s.metrics().containsKey("confidence/mean"));
    } else {
      assertTrue(s.metrics().isEmpty());
    }
    expected.put("learning_rate", (float) s.learningRate());
    return expected;
  }

  private static Map<String, Float> scalarsOf(Event event) {
    Map<String, Float> scalars = new LinkedHashMap<>();
    for (Summary.Value value : event.getSummary().getValueList()) {
      assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, value.getValueCase(), value.getTag());
      assertEquals(null, scalars.put(value.getTag(), value.getSimpleValue()), "tag twice: " + value.getTag());
    }
    return scalars;
  }

  private static List<Long> scalarSteps(List<Event> events) {
    return events.stream().filter(Event::hasSummary).map(Event::getStep).toList();
  }

  /**
   * The events of {@code file}, walking the TFRecord framing here rather than through {@link
   * TfRecords}: little-endian uint64 length, masked CRC32C of it, data, masked CRC32C of the data.
   */
  private static List<Event> readFramed(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] header = new byte[8];
      in.get(header);
      long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertEquals(maskedCrc(header), in.getInt(), "length CRC of record " + events.size());
      byte[] data = new byte[Math.toIntExact(length)];
      in.get(data);
      assertEquals(maskedCrc(data), in.getInt(), "data CRC of record " + events.size());
      events.add(Event.parseFrom(data));
    }
    assertEquals(events, EventFiles.read(file));
    return events;
  }

  private static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    long c = crc.getValue();
    return (int) ((((c >>> 15) | (c << 17)) + 0xa282ead8L) & 0xffffffffL);
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b & 0xff));
    }
    return s.toString();
  }
}
