package org.trainkit.benchmarks.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.training.EasyTrain;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Contender (c): DJL's own high-level loop, {@code EasyTrain.fit(trainer, 1, dataset, null)},
 * with a {@code DefaultTrainingConfig} (the loss, DJL's Adam at 1e-3, no listeners, no
 * evaluators besides the loss DJL adds itself) over a {@link Dataset} that preprocesses and
 * collates each batch when the loop asks for it (on the training thread, as (b) does). Each
 * timing is one {@code fit} call of one "epoch" of exactly {@code steps} batches.
 */
public final class EasyTrainContender<R> extends DjlLoopContender<R> {

  public EasyTrainContender(Workload<R> workload, long seed) {
    super(workload, seed);
  }

  @Override
  public String id() {
    return "c";
  }

  @Override
  public String label() {
    return "DJL EasyTrain.fit with a DefaultTrainingConfig (DJL's Adam, no listeners)";
  }

  @Override
  public double timeSteps(int steps) throws Exception {
    Dataset dataset = new Steps(steps);
    long begin = System.nanoTime();
    EasyTrain.fit(trainer, 1, dataset, null);
    return (System.nanoTime() - begin) / 1e9;
  }

  /** {@code steps} batches from the shared cursor, collated as they are taken. */
  private final class Steps implements Dataset {
    private final int steps;

    Steps(int steps) {
      this.steps = steps;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
      return () -> new Iterator<>() {
        private int taken;

        @Override
        public boolean hasNext() {
          return taken < steps;
        }

        @Override
        public Batch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          taken++;
          List<R> items = cursor.next();
          NDManager batchManager = manager.newSubManager();
          DjlTask.DjlBatch batch = task.batch(items, batchManager);
          return new Batch(
              batchManager, batch.data(), batch.labels(), items.size(), null, null, taken, steps);
        }
      };
    }

    @Override
    public void prepare(Progress progress) throws IOException {}
  }
}
