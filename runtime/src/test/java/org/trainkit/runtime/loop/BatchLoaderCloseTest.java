package org.trainkit.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.VisitOrder;
import org.trainkit.runtime.testing.ForwardingComponent;
import org.trainkit.runtime.testing.PointClassifier;
import org.trainkit.runtime.testing.PointClassifier.PointBatch;
import org.trainkit.runtime.testing.Points;
import org.trainkit.runtime.testing.Points.Point;

/**
 * Closing a loader while a worker is preparing a batch (a run stopped mid-epoch, a failed step)
 * loses nothing: the batch being prepared is waited for and its native memory freed, and a batch
 * not yet started is never prepared.
 */
class BatchLoaderCloseTest {

  private static final List<Point> ITEMS = Points.generate(12, 4, 3, 5, 1);

  @Test
  void closeFreesTheBatchInPreparationAndSkipsTheQueuedOne() throws Exception {
    CountDownLatch secondBatchStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger preprocessed = new AtomicInteger();
    // items 4..7 are the second batch; its first item waits until released
    Point blocking = ITEMS.get(4);
    TrainableComponent<Point, Point, PointBatch> component =
        new ForwardingComponent<>(new PointClassifier(8, 3, 0)) {
          @Override
          public Point preprocess(Point item) {
            preprocessed.incrementAndGet();
            if (item == blocking) {
              secondBatchStarted.countDown();
              await(release);
            }
            return item;
          }
        };
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try (NDManager parent = NDManager.newBaseManager()) {
      BatchLoader<Point, Point, PointBatch> loader = new BatchLoader<>(component,
          Dataset.of(ITEMS), VisitOrder.identity(ITEMS.size()), 0, 4, parent, worker, 2);
      try (Batch<PointBatch> first = loader.next()) {
        assertEquals(4, first.size());
      }
      assertTrue(secondBatchStarted.await(10, TimeUnit.SECONDS), "the second batch never started");
      Thread releaser = new Thread(() -> {
        sleep(200); // close() is waiting by now
        release.countDown();
      });
      releaser.start();
      loader.close();
      releaser.join();
      worker.shutdown();
      assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));

      assertEquals(8, preprocessed.get(), "the third batch was prepared after close");
      assertEquals(0, parent.getManagedArrays().size(), "arrays of a discarded batch left behind");
    } finally {
      worker.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
