package org.trainkit.examples.bert;

import java.nio.file.Path;

/**
 * The options of {@link BertTagger} ({@code --set options.NAME=VALUE}, or YAML under
 * {@code options:}).
 *
 * @param pretrained the Hugging Face model directory a new run starts from ({@code --pretrained
 *     DIR}); not needed once a run exists (the run keeps what it needs)
 * @param scheme the tag scheme the model is trained in (IOB2 or IOBES/BILOU); predictions are
 *     written in the scheme of the file read
 * @param tagSubtokens train every piece of a word with the word's label, not only its first
 *     piece (medkit's option); predictions always come from the first piece
 * @param maxLength the most pieces the model reads at once, {@code [CLS]} and {@code [SEP]}
 *     included (at most the checkpoint's {@code max_position_embeddings}); longer sentences are
 *     read in windows, no word dropped
 */
public record BertTaggerOptions(
    Path pretrained, TagScheme scheme, boolean tagSubtokens, int maxLength) {

  /** No directory (a new run must name one), IOB2, first pieces only, 128 pieces. */
  public static BertTaggerOptions defaults() {
    return new BertTaggerOptions(Path.of(""), TagScheme.IOB2, false, 128);
  }
}
