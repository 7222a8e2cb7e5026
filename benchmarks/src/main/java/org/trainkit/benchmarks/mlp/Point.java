package org.trainkit.benchmarks.mlp;

/** One labelled point of the MLP benchmark: features and a class id. */
public record Point(float[] x, int label) {}
