package org.trainkit.examples.bert;

import java.nio.file.Path;

/**
 * The options of {@link BertClassifier}.
 *
 * @param pretrained the Hugging Face model directory a new run starts from ({@code --pretrained
 *     DIR}); not needed once a run exists
 * @param maxLength the most pieces of a sentence the model reads, {@code [CLS]} and {@code [SEP]}
 *     included (at most the checkpoint's {@code max_position_embeddings}); a longer sentence is
 *     classified from its beginning, as Hugging Face's truncation does, and counted
 */
public record BertClassifierOptions(Path pretrained, int maxLength) {

  public static BertClassifierOptions defaults() {
    return new BertClassifierOptions(Path.of(""), 128);
  }
}
