/**
 * Reusable NLP blocks for users' own trainable operations, each in its own sub-package:
 * {@code bert} (a Hugging Face-compatible BERT encoder with its weights), {@code tokenize}
 * (sub-word tokenization aligned to words and characters), {@code crf} (a linear-chain CRF),
 * {@code embed} (character encoders and pretrained word vectors), {@code layers} (general
 * layers: a faster dropout).
 */
package org.trainkit.nlp;
