package org.trainkit.examples.tagger;

/**
 * The entity tagger's own settings: under {@code options:} in YAML or {@code --set
 * options.name=value} on the command line. The ones that shape the network are kept with the
 * fitted state, so a loaded or resumed tagger rebuilds the network it was trained with.
 *
 * @param decoder how tags are chosen: {@code crf} (a linear-chain CRF over the tag scores, its
 *     decoding kept to valid BIO; the default) or {@code softmax} (each token's best tag,
 *     repaired into valid spans afterwards)
 * @param characterFilters filters of the character CNN that reads each word's characters (Ma
 *     &amp; Hovy 2016); 0 turns character features off
 * @param wordDimension size of the word embeddings; with {@code vectors} the file's dimension
 *     is used instead
 * @param hidden units of each direction of the BiLSTM
 * @param layers stacked BiLSTM layers; each layer above the first reads both directions of the
 *     one below
 * @param dropout dropout rate on the embeddings and on the BiLSTM's output
 * @param wordDropout the share of training tokens whose word id is replaced by the unknown
 *     word's, so that the network also learns to tag words it has never seen (their affixes,
 *     shape and characters still reach it)
 * @param vectors a pretrained word-vectors file (word2vec text or binary, GloVe, fastText
 *     {@code .vec}; the format is told from the file's start), or empty for none. Only the rows
 *     of the training words are read, and they are kept in the run's fitted state: predicting
 *     does not need the file
 * @param fineTuneVectors train the pretrained vectors with the rest (true) or keep them frozen
 */
public record EntityTaggerOptions(
    Decoder decoder,
    int characterFilters,
    int wordDimension,
    int hidden,
    int layers,
    double dropout,
    double wordDropout,
    String vectors,
    boolean fineTuneVectors) {

  public EntityTaggerOptions {
    java.util.Objects.requireNonNull(decoder, "options.decoder");
    java.util.Objects.requireNonNull(vectors, "options.vectors");
    check(characterFilters >= 0, "options.characterFilters must be >= 0 (0: no character features), got " + characterFilters);
    check(wordDimension >= 1, "options.wordDimension must be >= 1, got " + wordDimension);
    check(hidden >= 1, "options.hidden must be >= 1, got " + hidden);
    check(layers >= 1, "options.layers must be >= 1, got " + layers);
    check(dropout >= 0 && dropout < 1, "options.dropout must be in [0, 1), got " + dropout);
    check(wordDropout >= 0 && wordDropout < 1, "options.wordDropout must be in [0, 1), got " + wordDropout);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** How the tagger turns per-token tag scores into tags. */
  public enum Decoder {
    CRF,
    SOFTMAX
  }

  /** The defaults, tuned on BC5CDR-disease's dev split (see the README's quality table). */
  public static EntityTaggerOptions defaults() {
    return new EntityTaggerOptions(Decoder.CRF, 50, 100, 128, 1, 0.5, 0.1, "", true);
  }

  /**
   * The tagger before this issue: softmax decoding, no character features (the throughput
   * benchmark's network, mirrored layer for layer in PyTorch).
   */
  public static EntityTaggerOptions plain() {
    return new EntityTaggerOptions(Decoder.SOFTMAX, 0, 64, 96, 1, 0.25, 0.1, "", true);
  }

  /** This with another decoder. */
  public EntityTaggerOptions withDecoder(Decoder d) {
    return new EntityTaggerOptions(d, characterFilters, wordDimension, hidden, layers, dropout, wordDropout, vectors, fineTuneVectors);
  }

  /** This with another vectors file. */
  public EntityTaggerOptions withVectors(String file) {
    return new EntityTaggerOptions(decoder, characterFilters, wordDimension, hidden, layers, dropout, wordDropout, file, fineTuneVectors);
  }
}
