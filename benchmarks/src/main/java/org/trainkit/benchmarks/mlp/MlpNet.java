package org.trainkit.benchmarks.mlp;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The MLP every contender trains: {@value #INPUTS} inputs → {@value #HIDDEN} → ReLU →
 * {@value #HIDDEN} → ReLU → {@value #CLASSES} class scores, softmax cross-entropy loss.
 * (The PyTorch contender builds the same layers: {@code benchmarks/python/torch_contender.py}.)
 */
public final class MlpNet {

  public static final int INPUTS = 64;
  public static final int HIDDEN = 256;
  public static final int CLASSES = 10;

  private MlpNet() {}

  /** A fresh, uninitialized block. */
  public static Block newBlock() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(HIDDEN).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(HIDDEN).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(CLASSES).build());
  }
}
