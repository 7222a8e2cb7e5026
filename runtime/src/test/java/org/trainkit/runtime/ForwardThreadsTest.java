package org.trainkit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.loop.TorchThreads;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;
import org.trainkit.runtime.train.Trainer;

/**
 * Batches run through the model side by side ({@link InferenceOptions#forwardThreads()}): the
 * same results, in input order, as one batch at a time, with loader threads or without, from
 * several calls at once; forwards run on the forward threads with gradients off, decoding on the
 * calling thread; a failing forward surfaces as itself and leaves the model usable.
 */
class ForwardThreadsTest {

  private static final List<Point> TRAIN = Points.generate(160, 6, 3, 11, 1);
  private static final List<Point> DEV = Points.generate(203, 6, 3, 11, 2);

  @TempDir Path dir;

  /** Records which threads forward, and whether they record gradients; fails on demand. */
  private static final class Watching extends ForwardingComponent<Point, Point, PointBatch> {
    TrainedModel<Point, PointBatch> model;
    final Set<String> forwardThreads = ConcurrentHashMap.newKeySet();
    final Set<Boolean> gradModes = ConcurrentHashMap.newKeySet();
    volatile int failAtCall = -1;
    final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    Watching() {
      super(new PointClassifier(8, 3, 0.2f));
    }

    @Override
    public ForwardResult forward(PointBatch batch, ForwardContext context) {
      if (context.mode() == ForwardMode.PREDICT) {
        forwardThreads.add(Thread.currentThread().getName());
        gradModes.add(JniUtils.isGradMode());
        if (calls.incrementAndGet() == failAtCall) {
          throw new IllegalStateException("forward failed on purpose");
        }
      }
      return super.forward(batch, context);
    }

    @Override
    public boolean useTrainedModel(TrainedModel<Point, PointBatch> model) {
      this.model = model;
      return true;
    }
  }

  private static Watching trained(Path run) throws Exception {
    Watching component = new Watching();
    TrainerConfig config = TrainerConfig.builder().iterations(2).batchSize(16).learningRate(0.01)
        .device("cpu").progressBar(false).build();
    try (Trainer<Point, Point, PointBatch> trainer = new Trainer<>(component, config, List.of())) {
      trainer.train(TRAIN, List.of(), List.of(), run, false);
    }
    return component;
  }

  /** Each point's scores; records the threads it decodes on. */
  private static List<float[]> predict(TrainedModel<Point, PointBatch> model, InferenceOptions options,
      Set<String> decodingThreads) {
    List<float[]> out = new ArrayList<>();
    model.predict(DEV.iterator(), options, p -> (int) (p.x()[1] * 1000), (items, batch, output) -> {
      decodingThreads.add(Thread.currentThread().getName());
      return TrainedModelTest.SCORES.decode(items, batch, output);
    }, out::add);
    return out;
  }

  @Test
  void sideBySideBatchesGiveTheResultsOfOneAtATimeInInputOrder() throws Exception {
    Watching component = trained(dir.resolve("run"));
    try (TrainedModel<Point, PointBatch> model = component.model) {
      Set<String> decoding = ConcurrentHashMap.newKeySet();
      List<float[]> one = predict(model, new InferenceOptions(5, 25, 0, 1), decoding);
      assertEquals(Set.of(Thread.currentThread().getName()), component.forwardThreads,
          "one forward thread is the calling thread");
      for (int loaders : new int[] {0, 2}) {
        for (int threads : new int[] {2, 3}) {
          component.forwardThreads.clear();
          component.gradModes.clear();
          decoding.clear();
          List<float[]> side = predict(model, new InferenceOptions(5, 25, loaders, threads), decoding);
          assertEquals(DEV.size(), side.size());
          for (int i = 0; i < DEV.size(); i++) {
            assertArrayEquals(one.get(i), side.get(i), 1e-6f, loaders + " loaders, " + threads + " threads, point " + i);
          }
          assertTrue(component.forwardThreads.stream().allMatch(t -> t.startsWith("trainkit-predict-forward-")),
              component.forwardThreads.toString());
          assertTrue(component.forwardThreads.size() > 1, "batches ran side by side: " + component.forwardThreads);
          assertEquals(Set.of(false), component.gradModes, "no gradients recorded on forward threads");
          assertEquals(Set.of(Thread.currentThread().getName()), decoding, "decoding stays on the calling thread");
        }
      }
    }
  }

  @Test
  void severalCallsAtOnceEachGetTheirOwnResults() throws Exception {
    Watching component = trained(dir.resolve("run"));
    int before = TorchThreads.current();
    try (TrainedModel<Point, PointBatch> model = component.model) {
      InferenceOptions options = new InferenceOptions(4, 16, 1, 2);
      List<float[]> expected = predict(model, options.withForwardThreads(1), ConcurrentHashMap.newKeySet());
      ExecutorService callers = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<float[]>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(callers.submit(() -> predict(model, options, ConcurrentHashMap.newKeySet())));
        }
        for (Future<List<float[]>> call : calls) {
          List<float[]> got = call.get();
          for (int i = 0; i < DEV.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), 1e-6f, "point " + i);
          }
        }
      } finally {
        callers.shutdownNow();
      }
    }
    assertEquals(before, TorchThreads.current(), "the calling thread keeps its intra-op threads");
  }

  @Test
  void aFailingForwardSurfacesAndTheModelStaysUsable() throws Exception {
    Watching component = trained(dir.resolve("run"));
    try (TrainedModel<Point, PointBatch> model = component.model) {
      InferenceOptions options = new InferenceOptions(5, 50, 1, 2);
      List<float[]> expected = predict(model, options, ConcurrentHashMap.newKeySet());
      component.failAtCall = component.calls.get() + 25; // a forward in the third window
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> predict(model, options, ConcurrentHashMap.newKeySet()));
      assertEquals("forward failed on purpose", e.getMessage());
      component.failAtCall = -1;
      List<float[]> again = predict(model, options, ConcurrentHashMap.newKeySet());
      for (int i = 0; i < DEV.size(); i++) {
        assertArrayEquals(expected.get(i), again.get(i), "point " + i);
      }
    }
  }

  @Test
  void autoPicksTwoOnACpuWithTwoIntraOpThreadsAndOneOtherwise() {
    InferenceOptions auto = InferenceOptions.batchSize(8);
    assertEquals(0, auto.forwardThreads());
    assertEquals(2, org.trainkit.runtime.predict.ModelInference.forwardThreads(auto, ai.djl.Device.cpu(), 2));
    assertEquals(2, org.trainkit.runtime.predict.ModelInference.forwardThreads(auto, ai.djl.Device.cpu(), 16));
    assertEquals(1, org.trainkit.runtime.predict.ModelInference.forwardThreads(auto, ai.djl.Device.cpu(), 1));
    assertEquals(1, org.trainkit.runtime.predict.ModelInference.forwardThreads(auto, ai.djl.Device.gpu(), 8));
    assertEquals(3, org.trainkit.runtime.predict.ModelInference.forwardThreads(auto.withForwardThreads(3), ai.djl.Device.gpu(), 8));
    assertThrows(IllegalArgumentException.class, () -> auto.withForwardThreads(-1));
  }
}
