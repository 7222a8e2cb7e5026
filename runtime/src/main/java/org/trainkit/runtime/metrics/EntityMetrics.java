package org.trainkit.runtime.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entity-level precision, recall and F1 that agree with Python's seqeval (1.2.x): an entity
 * counts as correct only when its type and its exact token span match a gold entity (strict
 * spans), the scores are micro-averaged over all entities, and per-type scores come with their
 * support (number of gold entities of that type). A division by zero gives 0.
 *
 * <p>How entities are read from tags depends on the {@link Scheme}:
 *
 * <ul>
 *   <li>{@link Scheme#IOB1} and {@link Scheme#IOB2} (BIO) follow seqeval's default mode ({@code
 *       classification_report(y_true, y_pred)}, its {@code get_entities} chunking), which is
 *       lenient and accepts every prefix: an {@code I-X} after {@code O}, after an entity of
 *       another type, or after {@code E-}/{@code S-} starts a new entity; {@code B-X} and {@code
 *       S-X} always start one; a change of type ends the current entity; an entity also ends
 *       after {@code E-} or {@code S-}, before {@code B-}, {@code S-} or {@code O}, and at the end
 *       of the sentence. seqeval's default mode makes no difference between IOB1 and IOB2 (both
 *       are read by the same rules, which is what makes IOB1 input work); so neither does this
 *       class.
 *   <li>{@link Scheme#IOBES} follows seqeval's strict mode ({@code mode='strict',
 *       scheme=IOBES}): an entity starts only at {@code B-X} or {@code S-X}, continues through
 *       {@code I-X}/{@code E-X} of the same type after {@code B-X}/{@code I-X}, and counts only if
 *       it is closed properly: a lone {@code S-X}, or a run whose last token is {@code E-X}. An
 *       {@code I-} or {@code E-} with no {@code B-}, and an unclosed {@code B- I-} run, yield no
 *       entity.
 * </ul>
 *
 * <p>Tags must be {@code O} or {@code P-TYPE} with {@code P} one of {@code B I E S} and a
 * non-empty type; anything else is rejected with an {@link IllegalArgumentException} (seqeval
 * only warns and guesses). Gold and predicted corpora must have the same number of sentences
 * and each pair of sentences the same length, as seqeval requires.
 *
 * <p>Instances are immutable; build one with {@link #compute(List, List, Scheme)}.
 */
public final class EntityMetrics {

  /** How tags encode entities; see the class comment for the exact rules of each. */
  public enum Scheme {
    /** IOB1: {@code I-X} may start an entity, {@code B-X} only separates two adjacent X. */
    IOB1,
    /** IOB2, also called BIO: every entity starts with {@code B-X}. */
    IOB2,
    /** IOBES (BILOU with E for last and S for unit): read in seqeval's strict mode. */
    IOBES;

    /** Alias of {@link #IOB2}. */
    public static final Scheme BIO = IOB2;

    /** Parses a scheme name, case-insensitively; {@code BIO} is accepted for IOB2. */
    public static Scheme parse(String name) {
      String upper = name.trim().toUpperCase(Locale.ROOT);
      switch (upper) {
        case "BIO":
        case "IOB2":
          return IOB2;
        case "IOB1":
          return IOB1;
        case "IOBES":
          return IOBES;
        default:
          throw new IllegalArgumentException(
              "unknown tag scheme '" + name + "': use IOB1, IOB2 (or BIO) or IOBES");
      }
    }
  }

  /**
   * A typed entity span over the tokens of one sentence.
   *
   * @param type the entity type, e.g. {@code DISEASE}
   * @param start index of the first token
   * @param end index one past the last token
   */
  public record Span(String type, int start, int end) {
    public Span {
      Objects.requireNonNull(type, "type");
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
      }
    }

    /** Number of tokens in the span. */
    public int length() {
      return end - start;
    }
  }

  /**
   * Scores of one entity type (or of all types, micro-averaged).
   *
   * @param precision correct / predicted, 0 when nothing was predicted
   * @param recall correct / support, 0 when there is no gold entity
   * @param f1 harmonic mean of precision and recall, 0 when both are 0
   * @param support number of gold entities
   * @param predicted number of predicted entities
   * @param correct number of predicted entities that match a gold entity exactly
   */
  public record Scores(
      double precision, double recall, double f1, int support, int predicted, int correct) {

    static Scores of(int correct, int predicted, int support) {
      double p = divide(correct, predicted);
      double r = divide(correct, support);
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      return new Scores(p, r, f, support, predicted, correct);
    }
  }

  /** An entity's place in the corpus; its type is the key of the map that holds it. */
  private record Located(int sentence, int start, int end) {}

  private final Scheme scheme;
  private final Scores micro;
  private final Map<String, Scores> perType;

  private EntityMetrics(Scheme scheme, Scores micro, Map<String, Scores> perType) {
    this.scheme = scheme;
    this.micro = micro;
    this.perType = perType;
  }

  /**
   * The names {@link #values} returns, as a {@code MetricsComputer} declares them: the micro
   * scores, and the per-type families.
   */
  public static final List<String> NAMES = List.of(
      "entity_precision", "entity_recall", "entity_f1", "precision/*", "recall/*", "f1/*");

  /**
   * The scores as trainkit reports metrics: {@code entity_precision}, {@code entity_recall},
   * {@code entity_f1} (micro), then {@code precision/TYPE}, {@code recall/TYPE}, {@code f1/TYPE}
   * per entity type — the {@code metric/class} names the report groups into its per-class table.
   */
  public Map<String, Double> values() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("entity_precision", precision());
    values.put("entity_recall", recall());
    values.put("entity_f1", f1());
    perType.forEach((type, s) -> {
      values.put("precision/" + type, s.precision());
      values.put("recall/" + type, s.recall());
      values.put("f1/" + type, s.f1());
    });
    return values;
  }

  /** Scores {@code predicted} against {@code gold}, both in BIO (IOB2). */
  public static EntityMetrics compute(
      List<? extends List<String>> gold, List<? extends List<String>> predicted) {
    return compute(gold, predicted, Scheme.IOB2);
  }

  /**
   * Scores {@code predicted} against {@code gold}: one list of tags per sentence, sentence by
   * sentence.
   *
   * @throws IllegalArgumentException if the corpora differ in shape or hold a malformed tag
   */
  public static EntityMetrics compute(
      List<? extends List<String>> gold, List<? extends List<String>> predicted, Scheme scheme) {
    Objects.requireNonNull(scheme, "scheme");
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          "gold has " + gold.size() + " sentences but predicted has " + predicted.size());
    }
    // Entities as (sentence, span): seqeval flattens sentences with an O between them, which
    // keeps entities inside their sentence just like this does.
    Map<String, Set<Located>> goldByType = new TreeMap<>();
    Map<String, Set<Located>> predByType = new TreeMap<>();
    for (int s = 0; s < gold.size(); s++) {
      List<String> g = gold.get(s);
      List<String> p = predicted.get(s);
      if (g.size() != p.size()) {
        throw new IllegalArgumentException(
            "sentence " + s + ": gold has " + g.size() + " tags but predicted has " + p.size());
      }
      collect(s, spans(g, scheme), goldByType);
      collect(s, spans(p, scheme), predByType);
    }
    // Like seqeval: the types are the sorted union of gold and predicted types.
    Set<String> types = new TreeSet<>(goldByType.keySet());
    types.addAll(predByType.keySet());
    Map<String, Scores> perType = new LinkedHashMap<>();
    int correct = 0;
    int predictedCount = 0;
    int support = 0;
    for (String type : types) {
      Set<Located> g = goldByType.getOrDefault(type, Set.of());
      Set<Located> p = predByType.getOrDefault(type, Set.of());
      int tp = 0;
      for (Located key : p) {
        if (g.contains(key)) {
          tp++;
        }
      }
      perType.put(type, Scores.of(tp, p.size(), g.size()));
      correct += tp;
      predictedCount += p.size();
      support += g.size();
    }
    return new EntityMetrics(
        scheme,
        Scores.of(correct, predictedCount, support),
        Collections.unmodifiableMap(perType));
  }

  private static void collect(int sentence, List<Span> spans, Map<String, Set<Located>> byType) {
    for (Span span : spans) {
      byType
          .computeIfAbsent(span.type(), t -> new HashSet<>())
          .add(new Located(sentence, span.start(), span.end()));
    }
  }

  /** The scheme the tags were read with. */
  public Scheme scheme() {
    return scheme;
  }

  /** Micro-averaged precision over all entity types. */
  public double precision() {
    return micro.precision();
  }

  /** Micro-averaged recall over all entity types. */
  public double recall() {
    return micro.recall();
  }

  /** Micro-averaged F1 over all entity types. */
  public double f1() {
    return micro.f1();
  }

  /** The micro-averaged scores with their counts. */
  public Scores micro() {
    return micro;
  }

  /** Unweighted mean of the per-type F1 values (seqeval's {@code average='macro'}). */
  public double macroF1() {
    if (perType.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (Scores s : perType.values()) {
      sum += s.f1();
    }
    return sum / perType.size();
  }

  /**
   * Scores per entity type, in sorted type order; holds every type seen in gold or predictions.
   */
  public Map<String, Scores> perType() {
    return perType;
  }

  /** A seqeval-style text report: one row per type, then the micro average. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "", "precision", "recall",
        "f1-score", "support"));
    for (Map.Entry<String, Scores> e : perType.entrySet()) {
      row(out, e.getKey(), e.getValue());
    }
    row(out, "micro avg", micro);
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Scores s) {
    out.append(String.format(Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n", name, s.precision(),
        s.recall(), s.f1(), s.support()));
  }

  // ---------------------------------------------------------------------------------------
  // Reading entities from tags

  /**
   * The entities of one sentence, read leniently (seqeval's default mode, which accepts BIO,
   * IOB1 and IOBES tags alike). Use this to turn a tagger's output into mentions.
   */
  public static List<Span> spans(List<String> tags) {
    return lenientSpans(tags);
  }

  /** The entities of one sentence, read as {@code scheme} prescribes (see the class comment). */
  public static List<Span> spans(List<String> tags, Scheme scheme) {
    return scheme == Scheme.IOBES ? strictIobesSpans(tags) : lenientSpans(tags);
  }

  /**
   * Rewrites any sequence of valid tags as valid BIO (IOB2) with the same entities as {@link
   * #spans(List)} reads: an {@code I-X} that does not continue an X entity becomes {@code B-X},
   * {@code S-X} becomes {@code B-X} and {@code E-X} becomes {@code I-X} or {@code B-X}. BIO
   * input that is already valid comes back unchanged. Useful on a softmax tagger's output.
   */
  public static List<String> repair(List<String> tags) {
    List<String> out = new ArrayList<>(Collections.nCopies(tags.size(), "O"));
    for (Span span : lenientSpans(tags)) {
      out.set(span.start(), "B-" + span.type());
      for (int i = span.start() + 1; i < span.end(); i++) {
        out.set(i, "I-" + span.type());
      }
    }
    return out;
  }

  /** Whether {@code tag} is {@code O} or {@code B-X}, {@code I-X}, {@code E-X}, {@code S-X}. */
  public static boolean isValidTag(String tag) {
    if (tag == null) {
      return false;
    }
    if (tag.equals("O")) {
      return true;
    }
    if (tag.length() < 3 || tag.charAt(1) != '-') {
      return false;
    }
    char prefix = tag.charAt(0);
    return prefix == 'B' || prefix == 'I' || prefix == 'E' || prefix == 'S';
  }

  private static char prefixOf(String tag) {
    if (!isValidTag(tag)) {
      throw new IllegalArgumentException(
          "malformed tag '" + tag + "': expected O, B-TYPE, I-TYPE, E-TYPE or S-TYPE");
    }
    return tag.charAt(0);
  }

  /** Type of a valid tag; seqeval gives {@code O} the type "_" so that O never matches a type. */
  private static String typeOf(String tag) {
    return tag.length() > 2 ? tag.substring(2) : "_";
  }

  /** A port of seqeval's {@code get_entities} (default mode) for one sentence. */
  private static List<Span> lenientSpans(List<String> tags) {
    List<Span> spans = new ArrayList<>();
    char prevTag = 'O';
    String prevType = "_";
    int begin = 0;
    int n = tags.size();
    for (int i = 0; i <= n; i++) {
      // seqeval appends an O so that an entity at the end of the sentence is closed.
      String chunk = i < n ? tags.get(i) : "O";
      char tag = prefixOf(chunk);
      String type = typeOf(chunk);
      if (endOfChunk(prevTag, tag, prevType, type)) {
        spans.add(new Span(prevType, begin, i));
      }
      if (startOfChunk(prevTag, tag, prevType, type)) {
        begin = i;
      }
      prevTag = tag;
      prevType = type;
    }
    return spans;
  }

  private static boolean endOfChunk(char prevTag, char tag, String prevType, String type) {
    if (prevTag == 'E' || prevTag == 'S') {
      return true;
    }
    if ((prevTag == 'B' || prevTag == 'I') && (tag == 'B' || tag == 'S' || tag == 'O')) {
      return true;
    }
    return prevTag != 'O' && !prevType.equals(type);
  }

  private static boolean startOfChunk(char prevTag, char tag, String prevType, String type) {
    if (tag == 'B' || tag == 'S') {
      return true;
    }
    if ((prevTag == 'E' || prevTag == 'S' || prevTag == 'O') && (tag == 'E' || tag == 'I')) {
      return true;
    }
    return tag != 'O' && !prevType.equals(type);
  }

  /** A port of seqeval's strict-mode {@code Tokens.entities} with the IOBES scheme. */
  private static List<Span> strictIobesSpans(List<String> tags) {
    int n = tags.size();
    char[] prefix = new char[n + 1];
    String[] type = new String[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i] = prefixOf(tags.get(i));
      type[i] = typeOf(tags.get(i));
    }
    prefix[n] = 'O'; // the closing outside token seqeval appends
    type[n] = "_";
    List<Span> spans = new ArrayList<>();
    int i = 0;
    while (i <= n) {
      if (prefix[i] == 'B' || prefix[i] == 'S') {
        int end = i + 1;
        // Inside: B->I, B->E, I->I, I->E of the same type; nothing continues after E or S.
        while (end <= n
            && (prefix[end - 1] == 'B' || prefix[end - 1] == 'I')
            && (prefix[end] == 'I' || prefix[end] == 'E')
            && type[end].equals(type[end - 1])) {
          end++;
        }
        // Counted only if closed: the run's last token is E (or the start is a lone S).
        if (prefix[end - 1] == 'E' || prefix[end - 1] == 'S') {
          spans.add(new Span(type[i], i, end));
        }
        i = end;
      } else {
        i++;
      }
    }
    return spans;
  }

  private static double divide(int numerator, int denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
