package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.cli.TrainerCli;
import org.trainkit.runtime.config.ConfigException;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.testing.PointsTrainerMain;
import org.trainkit.runtime.train.Trainer;

/**
 * The device: {@code auto} takes a GPU when PyTorch sees one, a GPU that is not there is an error
 * before training, and batches are created on the model's device. Runs on any machine; the
 * no-GPU case is checked where there is none (here and in CI), the GPU case by the GPU check
 * script.
 */
class DeviceTest {

  @TempDir Path dir;

  private static int gpus() {
    return Engine.getInstance().getGpuCount();
  }

  @Test
  void gpuOnAMachineWithoutOneIsAUsageErrorBeforeAnythingIsWritten() throws Exception {
    assumeTrue(gpus() == 0, "this machine has a GPU");
    Path train = dir.resolve("train.tsv");
    Points.write(Points.generate(32, 4, 2, 9, 1), train);
    Path out = dir.resolve("run");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = PointsTrainerMain.run("train", "--train", train.toString(), "--out", out.toString(),
          "--device", "gpu");
    } finally {
      System.setErr(old);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(TrainerCli.USAGE, code, message);
    assertTrue(message.contains("error: device: gpu asks for a GPU, but PyTorch sees none"), message);
    assertFalse(Files.exists(out));
  }

  @Test
  void aGpuIndexPastTheLastIsAnError() {
    String past = "gpu:" + Math.max(gpus(), 1);
    ConfigException e = assertThrows(ConfigException.class, () -> new Trainer<>(
        new PointClassifier(4, 2, 0), TrainerConfig.builder().device(past).build(), List.of()));
    assertEquals("device", e.field());
  }

  @Test
  void autoTakesAGpuWhenThereIsOneAndBatchesLiveOnTheModelsDevice() throws Exception {
    Set<Device> batchDevices = ConcurrentHashMap.newKeySet();
    TrainableComponent<Point, Point, PointBatch> recording =
        new ForwardingComponent<>(new PointClassifier(4, 2, 0)) {
          @Override
          public PointBatch collate(List<Point> examples, NDManager manager) {
            batchDevices.add(manager.getDevice());
            return super.collate(examples, manager);
          }
        };
    TrainerConfig config = TrainerConfig.builder().device("auto").iterations(1).progressBar(false).build();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(recording, config, List.of())) {
      List<Point> data = Points.generate(32, 4, 2, 9, 1);
      trainer.train(data, data, List.of(), dir.resolve("run"), false);
      assertEquals(gpus() > 0, trainer.device().isGpu(), trainer.device().toString());
      assertEquals(Set.of(trainer.device()), batchDevices);
    }
  }
}
