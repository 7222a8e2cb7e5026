package org.trainkit.examples.classifier;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.trainkit.examples.classifier.SentenceClassifier.AbstractBatch;
import org.trainkit.examples.classifier.SentenceClassifier.AbstractExample;

/** The sentence classifier's batches: several abstracts' sentences, flattened ({@link AbstractBatch}). */
final class AbstractBatches {

  private AbstractBatches() {}

  /** The batch of {@code examples}; {@code withVectors}: with word ids for pretrained vectors. */
  static AbstractBatch collate(List<AbstractExample> examples, boolean withVectors, NDManager manager) {
    int a = examples.size();
    int s = examples.stream().mapToInt(e -> e.sentences().size()).sum();
    int n = Math.max(1, examples.stream().mapToInt(e -> e.sentences().size()).max().orElse(1));
    int l = 1;
    int w = 1;
    int t = 1;
    for (AbstractExample e : examples) {
      for (int i = 0; i < e.ngrams().length; i++) {
        l = Math.max(l, e.ngrams()[i].length);
        t = Math.max(t, e.tokens()[i].length);
        w = e.words() == null ? w : Math.max(w, e.words()[i].length);
      }
    }
    long[] ids = new long[s * l];
    float[] mask = new float[s * l];
    long[] positions = new long[s];
    long[] layout = new long[a * n];
    long[] reverse = new long[a * n];
    float[] slots = new float[a * n];
    long[] gold = new long[a * n];
    float[] known = new float[a * n];
    long[] lengths = new long[a];
    int[] counts = new int[a];
    long[] wordIds = !withVectors ? null : new long[s * w];
    float[] wordMask = !withVectors ? null : new float[s * w];
    long[] tokenIds = new long[s * t];
    float[] tokenMask = new float[s * t];
    int[] goldIds = new int[s];
    List<String> sentences = new ArrayList<>(s);
    List<String> goldLabels = new ArrayList<>(s);
    int row = 0;
    for (int b = 0; b < a; b++) {
      AbstractExample e = examples.get(b);
      int count = e.sentences().size();
      counts[b] = count;
      // an abstract without sentences is one empty slot long for the CRF; nothing reads it
      lengths[b] = Math.max(1, count);
      for (int i = 0; i < n; i++) {
        int slot = b * n + i;
        layout[slot] = i < count ? row + i : s;
        reverse[slot] = i < count ? (long) b * n + (count - 1 - i) : slot;
      }
      for (int i = 0; i < count; i++, row++) {
        int[] g = e.ngrams()[i];
        for (int j = 0; j < g.length; j++) {
          ids[row * l + j] = g[j];
          mask[row * l + j] = g[j] == 0 ? 0 : 1;
        }
        int[] ts = e.tokens()[i];
        for (int j = 0; j < ts.length; j++) {
          tokenIds[row * t + j] = ts[j];
          tokenMask[row * t + j] = 1;
        }
        if (wordIds != null) {
          int[] ws = e.words()[i];
          for (int j = 0; j < ws.length; j++) {
            wordIds[row * w + j] = ws[j];
            wordMask[row * w + j] = 1;
          }
        }
        positions[row] = e.positions()[i];
        int slot = b * n + i;
        slots[slot] = 1;
        goldIds[row] = e.labels()[i];
        gold[slot] = Math.max(0, e.labels()[i]);
        known[slot] = e.labels()[i] < 0 ? 0 : 1;
        sentences.add(e.sentences().get(i));
        goldLabels.add(e.gold().get(i));
      }
    }
    return new AbstractBatch(
        manager.create(ids, new Shape(s, l)), manager.create(mask, new Shape(s, l)),
        manager.create(positions), manager.create(layout), manager.create(reverse),
        manager.create(slots, new Shape(a, n)), manager.create(gold, new Shape(a, n)),
        manager.create(known, new Shape(a, n)), manager.create(lengths),
        wordIds == null ? null : manager.create(wordIds, new Shape(s, w)),
        wordMask == null ? null : manager.create(wordMask, new Shape(s, w)),
        manager.create(tokenIds, new Shape(s, t)), manager.create(tokenMask, new Shape(s, t)),
        sentences, goldIds, goldLabels, counts);
  }
}
