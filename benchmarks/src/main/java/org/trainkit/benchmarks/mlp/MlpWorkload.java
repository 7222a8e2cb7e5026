package org.trainkit.benchmarks.mlp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.trainkit.benchmarks.loop.Parameters;
import org.trainkit.benchmarks.loop.DjlTask;
import org.trainkit.benchmarks.loop.Workload;
import org.trainkit.runtime.TrainableComponent;

/** The MLP on {@link Points}, at one batch size. */
public final class MlpWorkload implements Workload<Point> {

  private final int batchSize;
  private final List<Point> items;

  /** {@code batches} batches' worth of points, from {@code seed}. */
  public MlpWorkload(int batchSize, int batches, long seed) {
    this.batchSize = batchSize;
    this.items = Points.generate(batchSize * batches, seed);
  }

  @Override
  public String key() {
    return "mlp-b" + batchSize;
  }

  @Override
  public String title() {
    return "MLP " + MlpNet.INPUTS + "-" + MlpNet.HIDDEN + "-" + MlpNet.HIDDEN + "-" + MlpNet.CLASSES
        + ", batch " + batchSize;
  }

  @Override
  public String model() {
    return "mlp";
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public List<Point> items() {
    return items;
  }

  @Override
  public TrainableComponent<Point, ?, ?> trainkitComponent() {
    return new BenchMlp().makeTrainable();
  }

  @Override
  public long exportForPython(Path file) throws IOException {
    int n = items.size();
    ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * n * (MlpNet.INPUTS + 1)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(n).putInt(MlpNet.INPUTS);
    items.forEach(p -> {
      for (float v : p.x()) {
        buffer.putFloat(v);
      }
    });
    items.forEach(p -> buffer.putInt(p.label()));
    Files.write(file, buffer.array());
    return Parameters.count(
        Parameters.shapes(MlpNet.newBlock(), new ai.djl.ndarray.types.Shape(batchSize, MlpNet.INPUTS)));
  }

  @Override
  public DjlTask<Point> djlTask() {
    BenchMlp user = new BenchMlp();
    return new DjlTask<>() {
      @Override
      public Block block() {
        return MlpNet.newBlock();
      }

      @Override
      public Loss loss() {
        return Loss.softmaxCrossEntropyLoss();
      }

      @Override
      public DjlBatch batch(List<Point> points, NDManager manager) {
        BenchMlp.MlpBatch b = user.collate(points, manager);
        return new DjlBatch(new NDList(b.x()), new NDList(b.y()));
      }
    };
  }
}
