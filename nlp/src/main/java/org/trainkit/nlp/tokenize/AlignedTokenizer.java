package org.trainkit.nlp.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.trainkit.nlp.bert.PretrainedModelException;

/**
 * Sub-word tokenization aligned to words and characters, over DJL's binding of Hugging Face's
 * Rust tokenizers. Loads {@code tokenizer.json} from a model directory, or builds it from
 * {@code vocab.txt} + {@code tokenizer_config.json} when only those exist (see
 * {@link WordPieceTokenizerJson}). Sentences longer than {@code maxLength} pieces are cut into
 * {@link TokenWindow windows}, every piece in exactly one.
 */
public final class AlignedTokenizer implements AutoCloseable {

  public static final String TOKENIZER_JSON = "tokenizer.json";
  public static final String VOCABULARY = "vocab.txt";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;
  private final long clsId;
  private final long sepId;

  private AlignedTokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
    this.tokenizer = tokenizer;
    this.maxLength = maxLength;
    long[] specials = tokenizer.encode(new String[0], true, false).getIds();
    if (specials.length != 2) {
      throw new IllegalStateException("the tokenizer does not frame a sequence as [CLS] … [SEP]");
    }
    clsId = specials[0];
    sepId = specials[1];
  }

  /**
   * The tokenizer of a model directory.
   *
   * @param maxLength the most pieces one model input holds, {@code [CLS]} and {@code [SEP]}
   *     included (at most the model's {@code max_position_embeddings})
   */
  public static AlignedTokenizer open(Path directory, int maxLength) {
    if (maxLength < 3) {
      throw new IllegalArgumentException("maxLength must leave room for one piece besides [CLS]"
          + " and [SEP], got " + maxLength);
    }
    Path json = directory.resolve(TOKENIZER_JSON);
    Path vocabulary = directory.resolve(VOCABULARY);
    Path source = Files.isRegularFile(json) ? json : vocabulary;
    if (!Files.isRegularFile(source)) {
      throw new PretrainedModelException(json, "missing, and no " + VOCABULARY + " either: the"
          + " tokenizer is expected in tokenizer.json or vocab.txt");
    }
    // Truncation off: windows() cuts long sentences itself, so that no piece is lost. The
    // maximum length is given all the same, or the library warns on every load.
    Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false",
        "padding", "false", "maxLength", Integer.toString(maxLength));
    try {
      HuggingFaceTokenizer tokenizer;
      if (source == json) {
        tokenizer = HuggingFaceTokenizer.newInstance(json, options);
      } else {
        String built = WordPieceTokenizerJson.build(vocabulary,
            directory.resolve(TOKENIZER_CONFIG));
        try (InputStream in = new ByteArrayInputStream(built.getBytes(StandardCharsets.UTF_8))) {
          tokenizer = HuggingFaceTokenizer.newInstance(in, options);
        }
      }
      return new AlignedTokenizer(tokenizer, maxLength);
    } catch (IOException | RuntimeException e) {
      if (e instanceof PretrainedModelException p) {
        throw p;
      }
      throw new PretrainedModelException(source, "not a tokenizer Hugging Face's tokenizers can"
          + " load: " + e.getMessage(), e);
    }
  }

  public int maxLength() {
    return maxLength;
  }

  /** Tokenizes running text, with {@code [CLS]} and {@code [SEP]}; spans index the text. */
  public WordPieces encodeText(String text) {
    return pieces(tokenizer.encode(text, true, false));
  }

  /**
   * Tokenizes words already split (a CoNLL sentence), with {@code [CLS]} and {@code [SEP]}, not
   * cut to the maximum length; spans index each word.
   */
  public WordPieces encodeWords(List<String> words) {
    return pieces(tokenizer.encode(words.toArray(String[]::new), true, false));
  }

  /**
   * The sentence as model inputs of at most {@link #maxLength()} pieces. A window ends at a word
   * boundary when it can; a single word longer than a window is cut between its pieces. No
   * piece is dropped and none repeated.
   */
  public List<TokenWindow> windows(List<String> words) {
    Encoding encoding = tokenizer.encode(words.toArray(String[]::new), false, false);
    long[] ids = encoding.getIds();
    int[] wordIds = toInts(encoding.getWordIds());
    int capacity = maxLength - 2;
    List<TokenWindow> windows = new ArrayList<>();
    int start = 0;
    do {
      int end = Math.min(start + capacity, ids.length);
      if (end < ids.length) {
        int boundary = end;
        while (boundary > start && wordIds[boundary] == wordIds[boundary - 1]) {
          boundary--;
        }
        if (boundary > start) {
          end = boundary;
        }
      }
      windows.add(window(ids, wordIds, start, end));
      start = end;
    } while (start < ids.length);
    return windows;
  }

  private TokenWindow window(long[] ids, int[] wordIds, int start, int end) {
    int n = end - start + 2;
    long[] windowIds = new long[n];
    int[] windowWords = new int[n];
    boolean[] first = new boolean[n];
    windowIds[0] = clsId;
    windowWords[0] = -1;
    for (int i = start; i < end; i++) {
      windowIds[i - start + 1] = ids[i];
      windowWords[i - start + 1] = wordIds[i];
      first[i - start + 1] = i == 0 || wordIds[i] != wordIds[i - 1];
    }
    windowIds[n - 1] = sepId;
    windowWords[n - 1] = -1;
    return new TokenWindow(windowIds, windowWords, first);
  }

  private static WordPieces pieces(Encoding encoding) {
    CharSpan[] spans = encoding.getCharTokenSpans();
    int n = encoding.getIds().length;
    int[] starts = new int[n];
    int[] ends = new int[n];
    long[] special = encoding.getSpecialTokenMask();
    for (int i = 0; i < n; i++) {
      if (special[i] == 0 && spans[i] != null) {
        starts[i] = spans[i].getStart();
        ends[i] = spans[i].getEnd();
      }
    }
    int[] wordIds = toInts(encoding.getWordIds());
    for (int i = 0; i < n; i++) {
      if (special[i] != 0) {
        wordIds[i] = -1;
      }
    }
    return new WordPieces(Arrays.asList(encoding.getTokens()), encoding.getIds(), wordIds,
        starts, ends);
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
