package org.trainkit.examples.tagger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.trainkit.runtime.metrics.EntityMetrics;

/**
 * What both taggers ({@link EntityTagger} and the BERT tagger) report on an evaluation: entity
 * precision, recall and F1 (seqeval, strict spans), micro and per type, and the counts of their
 * data policies — {@code unseen_labels} (gold tokens whose tag training never had) and {@code
 * split_sentences} (sentences read in more than one window). Their metric computers add one
 * sentence at a time.
 */
public final class EntityScores {

  /** The names {@link #compute} returns, as {@code MetricsComputer.names()} declares them. */
  public static final List<String> NAMES = names();

  private final EntityMetrics.Scheme scheme;
  private final List<List<String>> gold = new ArrayList<>();
  private final List<List<String>> predicted = new ArrayList<>();
  private long unseen;
  private long split;

  /** Scores tags written in {@code scheme}. */
  public EntityScores(EntityMetrics.Scheme scheme) {
    this.scheme = scheme;
  }

  /**
   * Adds one sentence.
   *
   * @param unseenTokens its gold tokens whose tag training never had
   * @param wasSplit whether it was read in more than one window
   */
  public void add(List<String> goldTags, List<String> predictedTags, long unseenTokens,
      boolean wasSplit) {
    gold.add(goldTags);
    predicted.add(predictedTags);
    unseen += unseenTokens;
    split += wasSplit ? 1 : 0;
  }

  /** The scores over every sentence added. */
  public Map<String, Double> compute() {
    Map<String, Double> values = EntityMetrics.compute(gold, predicted, scheme).values();
    values.put("unseen_labels", (double) unseen);
    values.put("split_sentences", (double) split);
    return values;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(EntityMetrics.NAMES);
    names.addAll(List.of("unseen_labels", "split_sentences"));
    return List.copyOf(names);
  }
}
