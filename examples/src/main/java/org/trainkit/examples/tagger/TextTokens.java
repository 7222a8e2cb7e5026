package org.trainkit.examples.tagger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text split into the tagger's tokens, with each token's character offsets: how the tagger
 * reads plain text, in {@link EntityTagger#tag(String)} and in {@code predict --format text}.
 *
 * @param text the text
 * @param tokens the tokens, in order
 * @param starts each token's first character in {@code text}
 * @param ends each token's end (exclusive) in {@code text}
 */
public record TextTokens(String text, List<String> tokens, int[] starts, int[] ends) {

  /** Words (letters and digits, inner hyphens and apostrophes), numbers, single symbols. */
  private static final Pattern TOKEN =
      Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(?:[-'][\\p{L}\\p{N}]+)*|\\p{N}+(?:[.,]\\p{N}+)*|\\S");

  public static TextTokens of(String text) {
    List<String> tokens = new ArrayList<>();
    List<int[]> offsets = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
      offsets.add(new int[] {m.start(), m.end()});
    }
    return new TextTokens(text, tokens,
        offsets.stream().mapToInt(o -> o[0]).toArray(), offsets.stream().mapToInt(o -> o[1]).toArray());
  }

  /** The mentions that {@code tags} (one per token, BIO) mark, with offsets into the text. */
  public List<Mention> mentions(List<String> tags) {
    List<Mention> mentions = new ArrayList<>();
    for (org.trainkit.runtime.metrics.EntityMetrics.Span span :
        org.trainkit.runtime.metrics.EntityMetrics.spans(tags)) {
      int start = starts[span.start()];
      int end = ends[span.end() - 1];
      mentions.add(new Mention(span.type(), start, end, text.substring(start, end)));
    }
    mentions.sort(java.util.Comparator.comparingInt(Mention::start));
    return mentions;
  }
}
