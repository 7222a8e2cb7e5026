package org.trainkit.benchmarks.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;

/**
 * Contender (b): the smallest correct training loop written by hand against DJL — per step:
 * preprocess and collate the batch into a fresh sub-manager, forward through DJL's {@link
 * Trainer}, the loss, {@code GradientCollector.backward}, read the loss back to the host (as
 * any loop that logs it does), {@code Trainer.step()} (DJL's own {@code Adam}, learning rate
 * 1e-3, fixed), close the batch. No listeners, no metrics, no evaluation.
 *
 * <p>Contender (c) shares the set-up and runs the same steps through {@code EasyTrain.fit}.
 */
public class DjlLoopContender<R> implements Contender {

  protected final Workload<R> workload;
  protected final DjlTask<R> task;
  protected final Model model;
  protected final Trainer trainer;
  protected final BatchCursor<R> cursor;
  protected double lossSum;

  public DjlLoopContender(Workload<R> workload, long seed) {
    this.workload = workload;
    this.task = workload.djlTask();
    this.cursor = new BatchCursor<>(workload.items(), workload.batchSize(), seed);
    this.model = Model.newInstance(getClass().getSimpleName(), Device.cpu());
    model.setBlock(task.block());
    DefaultTrainingConfig config = trainingConfig(task);
    this.trainer = model.newTrainer(config);
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager first = trainer.getManager().newSubManager()) {
      NDList data = task.batch(workload.items().subList(0, workload.batchSize()), first).data();
      trainer.initialize(data.getShapes());
    }
  }

  /** DJL's Adam (learning rate 1e-3, the betas and epsilon trainkit also uses), on the CPU. */
  static DefaultTrainingConfig trainingConfig(DjlTask<?> task) {
    return new DefaultTrainingConfig(task.loss())
        .optOptimizer(
            Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(1e-3f))
                .optBeta1(0.9f)
                .optBeta2(0.999f)
                .optEpsilon(1e-8f)
                .build())
        .optDevices(new Device[] {Device.cpu()});
  }

  @Override
  public String id() {
    return "b";
  }

  @Override
  public String label() {
    return "hand-written DJL loop: GradientCollector, backward, DJL Trainer.step() with DJL's Adam";
  }

  @Override
  public double timeSteps(int steps) throws Exception {
    long begin = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      List<R> items = cursor.next();
      try (NDManager batchManager = trainer.getManager().newSubManager()) {
        DjlTask.DjlBatch batch = task.batch(items, batchManager);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(batch.data());
          NDArray loss = trainer.getLoss().evaluate(batch.labels(), predictions);
          collector.backward(loss);
          lossSum += loss.getFloat();
        }
        trainer.step();
      }
    }
    return (System.nanoTime() - begin) / 1e9;
  }

  /** DJL's trainer (for the per-step cost measurements: its {@code step()} is (b)'s update). */
  public Trainer trainer() {
    return trainer;
  }

  /** The workload's user code that makes a batch (preprocess and collate). */
  public DjlTask<R> task() {
    return task;
  }

  /** The next batch's items, in the training order. */
  public List<R> nextItems() {
    return cursor.next();
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
