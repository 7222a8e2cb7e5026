package org.trainkit.nlp.crf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Random;

/**
 * Not a test: times the CRF's NLL + backward, and Viterbi decoding, per batch (32 sequences,
 * 30 steps, 9 tags, lengths 10–30), to compare with {@code nlp/src/test/python/crf_timing.py}
 * (a pytorch-crf style CRF in current PyTorch). Run from the repository root after
 * {@code mvn -o -pl nlp -am test-compile}:
 *
 * <pre>
 *   java -Dai.djl.offline=true -cp nlp/target/test-classes:nlp/target/classes:$(cat cp.txt) \
 *       org.trainkit.nlp.crf.CrfTimingMain [rounds]
 * </pre>
 */
public final class CrfTimingMain {

  private CrfTimingMain() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int batch = 32;
    int time = 30;
    int tags = 9;
    Engine.getInstance().setRandomSeed(1);
    Random random = new Random(1);
    int[] lengths = new int[batch];
    int[] gold = new int[batch * time];
    for (int b = 0; b < batch; b++) {
      lengths[b] = 10 + random.nextInt(time - 9);
    }
    lengths[0] = time;
    for (int i = 0; i < gold.length; i++) {
      gold[i] = random.nextInt(tags);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      LinearChainCrf crf = new LinearChainCrf(tags);
      crf.initialize(manager, DataType.FLOAT32, new Shape(batch, time, tags),
          new Shape(batch, time), new Shape(batch));
      NDArray emissions = manager.randomNormal(new Shape(batch, time, tags));
      NDArray tagArray = manager.create(gold, new Shape(batch, time));
      NDArray lengthArray = manager.create(lengths);
      for (int round = 0; round < rounds; round++) {
        double train = timeTraining(crf, emissions, tagArray, lengthArray, iterations);
        double decode = timeDecoding(crf, emissions, lengthArray, iterations);
        System.out.printf(Locale.ROOT,
            "round %d: NLL+backward %.3f ms/batch, Viterbi %.3f ms/batch%n", round, train, decode);
      }
    }
  }

  private static double timeTraining(
      LinearChainCrf crf, NDArray emissions, NDArray tags, NDArray lengths, int iterations) {
    long startNanos = 0;
    for (int i = -Math.min(50, iterations); i < iterations; i++) {
      if (i == 0) {
        startNanos = System.nanoTime();
      }
      try (NDManager step = emissions.getManager().newSubManager()) {
        NDArray e = inStep(emissions, step);
        e.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = crf.negativeLogLikelihood(e, inStep(tags, step), inStep(lengths, step));
          collector.backward(loss.mean());
        }
        crf.transitions().getArray().getGradient().getFloat(0, 0); // wait for the result
      }
    }
    return (System.nanoTime() - startNanos) / 1e6 / iterations;
  }

  private static NDArray inStep(NDArray array, NDManager step) {
    NDArray copy = array.duplicate();
    copy.attach(step);
    return copy;
  }

  private static double timeDecoding(
      LinearChainCrf crf, NDArray emissions, NDArray lengths, int iterations) {
    long startNanos = 0;
    for (int i = -Math.min(50, iterations); i < iterations; i++) {
      if (i == 0) {
        startNanos = System.nanoTime();
      }
      try (NDManager step = emissions.getManager().newSubManager()) {
        crf.decode(inStep(emissions, step), inStep(lengths, step));
      }
    }
    return (System.nanoTime() - startNanos) / 1e6 / iterations;
  }
}
