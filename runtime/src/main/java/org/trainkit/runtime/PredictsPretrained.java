package org.trainkit.runtime;

/**
 * Implemented by a trainable class that can predict without being trained: its options name a
 * pretrained model that already has what predicting needs (a fine-tuned transformer's head and
 * labels, say). {@code predict --pretrained DIR} and {@code TrainedRun.pretrained(component)}
 * call {@link #usePretrained()} where a run would call {@code fit} or {@code loadState}, then
 * build the model and predict with it as it is. The generated adapter forwards the call.
 */
public interface PredictsPretrained {

  /**
   * Takes the state predicting needs (labels, tokenizer, architecture) from the pretrained model
   * the options name, so that {@code @Model} builds a model that loads its weights.
   *
   * @throws IllegalArgumentException naming the option or file when the options name no usable
   *     pretrained model (none set, or one without what predicting needs)
   */
  void usePretrained();
}
