package org.trainkit.examples.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.trainkit.examples.data.Abstract;

/**
 * Abstracts whose sentence labels can only be told from the neighbours. Each abstract is four
 * segments, one per label in a random order; a segment is one cue sentence (holding a word of its
 * label) and one to three continuation sentences made of words every label shares. A sentence
 * alone names its label only when it is a cue; a continuation takes the label of the cue before
 * it, and where it stands says nothing, since the order of the labels is random.
 */
final class ContextCorpus {

  static final List<String> LABELS = List.of("AIM", "DESIGN", "FINDING", "OUTLOOK");
  private static final String[][] CUES = {
    {"aim", "goal", "purpose"},
    {"design", "procedure", "protocol"},
    {"finding", "outcome", "observation"},
    {"outlook", "future", "prospect"},
  };
  private static final String[] SHARED = {
    "the", "a", "of", "we", "this", "that", "model", "data", "set", "study", "was", "were",
    "in", "on", "with", "for", "and", "sample", "value", "case", "it", "also", "then", "more",
  };

  private ContextCorpus() {}

  static List<Abstract> abstracts(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Abstract> out = new ArrayList<>(count);
    for (int a = 0; a < count; a++) {
      List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
      for (int i = order.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        order.set(i, order.set(j, order.get(i)));
      }
      List<String> sentences = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int label : order) {
        sentences.add(sentence(random, CUES[label][random.nextInt(CUES[label].length)]));
        labels.add(LABELS.get(label));
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          sentences.add(sentence(random, null));
          labels.add(LABELS.get(label));
        }
      }
      out.add(new Abstract("c" + seed + "-" + a, sentences, labels));
    }
    return out;
  }

  private static String sentence(SplittableRandom random, String cue) {
    List<String> words = new ArrayList<>();
    int n = 6 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      words.add(SHARED[random.nextInt(SHARED.length)]);
    }
    if (cue != null) {
      words.add(random.nextInt(words.size()), cue);
    }
    return String.join(" ", words) + ".";
  }
}
