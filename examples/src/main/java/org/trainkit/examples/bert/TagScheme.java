package org.trainkit.examples.bert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.trainkit.runtime.metrics.EntityMetrics;
import org.trainkit.runtime.metrics.EntityMetrics.Span;

/**
 * How entity tags are written: IOB2 (BIO: {@code B-X} starts an entity, {@code I-X} continues
 * it) or IOBES (BILOU with other letters: {@code B-X} begins, {@code I-X} inside, {@code E-X}
 * ends, {@code S-X} a one-token entity). The tagger trains in the scheme its option names and
 * writes predictions in the scheme of the file it reads.
 */
public enum TagScheme {
  IOB2,
  IOBES;

  /** The scheme of a file's tags: IOBES when any tag is {@code E-} or {@code S-}, else IOB2. */
  public static TagScheme of(List<? extends List<String>> sentences) {
    for (List<String> tags : sentences) {
      for (String tag : tags) {
        if (tag.startsWith("E-") || tag.startsWith("S-")) {
          return IOBES;
        }
      }
    }
    return IOB2;
  }

  /**
   * The same entities in this scheme. Tags in any scheme are read leniently (as {@link
   * EntityMetrics#spans(List)} reads them), so a softmax tagger's invalid sequences come out
   * valid.
   */
  public List<String> encode(List<String> tags) {
    List<String> out = new ArrayList<>(Collections.nCopies(tags.size(), "O"));
    for (Span span : EntityMetrics.spans(tags)) {
      String type = span.type();
      if (this == IOBES && span.length() == 1) {
        out.set(span.start(), "S-" + type);
        continue;
      }
      out.set(span.start(), "B-" + type);
      for (int i = span.start() + 1; i < span.end(); i++) {
        out.set(i, "I-" + type);
      }
      if (this == IOBES) {
        out.set(span.end() - 1, "E-" + type);
      }
    }
    return out;
  }

  /** The scheme seqeval reads these tags with. */
  EntityMetrics.Scheme metricsScheme() {
    return this == IOBES ? EntityMetrics.Scheme.IOBES : EntityMetrics.Scheme.IOB2;
  }
}
