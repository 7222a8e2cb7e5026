/**
 * Sub-word tokenization aligned to words and characters, as Hugging Face's
 * {@code BertTokenizerFast} does it: {@link org.trainkit.nlp.tokenize.AlignedTokenizer} (from
 * {@code tokenizer.json}, or {@code vocab.txt} through
 * {@link org.trainkit.nlp.tokenize.WordPieceTokenizerJson}), long sentences as
 * {@link org.trainkit.nlp.tokenize.TokenWindow}s, word labels to pieces and back with
 * {@link org.trainkit.nlp.tokenize.SubtokenLabels}.
 */
package org.trainkit.nlp.tokenize;
