package org.trainkit.nlp.embed;

import ai.djl.ndarray.NDArray;

/**
 * A batch's characters, the two inputs of a {@link CharCnnWordEncoder}.
 *
 * @param ids character ids {@code (B, W, C)}, {@link CharacterVocabulary#PADDING} after each
 *     word's end
 * @param lengths characters per word {@code (B, W)}, 0 for padding words
 */
public record CharacterBatch(NDArray ids, NDArray lengths) {}
