package org.trainkit.examples.classifier;

/**
 * The sentence classifier's own settings: under {@code options:} in YAML or {@code --set
 * options.name=value}. Those that shape the network are kept with the fitted state, so a loaded
 * or resumed classifier rebuilds the network it was trained with.
 *
 * @param context how a sentence sees its abstract: {@code bilstm} (a BiLSTM over the abstract's
 *     sentence vectors, as Jin &amp; Szolovits 2018; the default) or {@code none} (each sentence
 *     alone, from its words and position: the bag-of-words control)
 * @param decoder {@code crf} (a linear-chain CRF over the abstract's sentence labels; the
 *     default) or {@code softmax} (each sentence's best label)
 * @param encoder how a sentence becomes a vector: {@code cnn} (a word-level CNN, Kim 2014, over
 *     the training vocabulary — words seen at least twice, lower-cased, digits folded to 0 —
 *     with the maximum and the mean of each filter; the default), {@code bag} (the mean of
 *     hashed word and bigram embeddings, fastText-style) or {@code both} (the two concatenated)
 * @param dimension size of the word embeddings of the CNN and of the hashed word and bigram
 *     embeddings
 * @param hidden units of each direction of the sentence BiLSTM (or of the hidden layer without
 *     context)
 * @param filters filters of the word CNN, for each width
 * @param width the widest CNN filters, in words (odd): there are filters of every odd width from
 *     1 to this (1, 3 and 5 for 5), each centred on a word
 * @param dropout dropout rate on the sentence vectors and on the BiLSTM's output
 * @param wordDropout while training, the rate at which a word is replaced by the unknown word
 *     before the CNN (so the model learns to read sentences with words it does not know)
 * @param vectors a pretrained word-vectors file (word2vec text or binary, GloVe, fastText {@code
 *     .vec}), or empty for none: each sentence then also gets the mean of its words' vectors. Only
 *     the rows of the training words are read, and they are kept in the fitted state
 * @param fineTuneVectors train the pretrained vectors (true) or keep them frozen
 */
public record ClassifierOptions(
    Context context,
    Decoder decoder,
    Encoder encoder,
    int dimension,
    int hidden,
    int filters,
    int width,
    double dropout,
    double wordDropout,
    String vectors,
    boolean fineTuneVectors) {

  /** How a sentence sees the rest of its abstract. */
  public enum Context {
    BILSTM,
    NONE
  }

  /** How a sentence becomes a vector. */
  public enum Encoder {
    CNN,
    BAG,
    BOTH
  }

  /** How labels are chosen from the per-sentence scores. */
  public enum Decoder {
    CRF,
    SOFTMAX
  }

  public ClassifierOptions {
    java.util.Objects.requireNonNull(context, "options.context");
    java.util.Objects.requireNonNull(decoder, "options.decoder");
    java.util.Objects.requireNonNull(encoder, "options.encoder");
    java.util.Objects.requireNonNull(vectors, "options.vectors");
    check(dimension >= 1, "options.dimension must be >= 1, got " + dimension);
    check(hidden >= 1, "options.hidden must be >= 1, got " + hidden);
    check(filters >= 1, "options.filters must be >= 1, got " + filters);
    check(width >= 1 && width % 2 == 1, "options.width must be odd and >= 1, got " + width);
    check(dropout >= 0 && dropout < 1, "options.dropout must be in [0, 1), got " + dropout);
    check(wordDropout >= 0 && wordDropout < 1,
        "options.wordDropout must be in [0, 1), got " + wordDropout);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The defaults, tuned on CSAbstruct's dev split (see the README's quality table). */
  public static ClassifierOptions defaults() {
    return new ClassifierOptions(Context.BILSTM, Decoder.CRF, Encoder.CNN, 128, 128, 128, 5, 0.5, 0.25, "", true);
  }

  /**
   * The bag-of-words control: each sentence alone, from the mean of its hashed word and bigram
   * embeddings and its position, softmax over its scores.
   */
  public static ClassifierOptions bagOfWords() {
    return new ClassifierOptions(Context.NONE, Decoder.SOFTMAX, Encoder.BAG, 128, 128, 128, 5, 0.5, 0.25, "", true);
  }

  /** This with another vectors file. */
  public ClassifierOptions withVectors(String file) {
    return new ClassifierOptions(context, decoder, encoder, dimension, hidden, filters, width, dropout,
        wordDropout, file, fineTuneVectors);
  }

  /** This with another sentence encoder. */
  public ClassifierOptions withEncoder(Encoder other) {
    return new ClassifierOptions(context, decoder, other, dimension, hidden, filters, width, dropout,
        wordDropout, vectors, fineTuneVectors);
  }
}
