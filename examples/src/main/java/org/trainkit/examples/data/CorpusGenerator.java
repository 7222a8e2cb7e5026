package org.trainkit.examples.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes seeded synthetic corpora: clinical-style sentences with {@code DISEASE} and {@code
 * DRUG} mentions in CoNLL BIO format, and structured abstracts in PubMed-RCT format with
 * {@code BACKGROUND}, {@code OBJECTIVE}, {@code METHODS}, {@code RESULTS} and {@code
 * CONCLUSIONS} sentences. All text comes from word lists and templates written for this class.
 *
 * <p>Entity names are built from syllables: a name's first syllable comes from a pool that
 * belongs to one {@link Split} only (the pools are fixed, whatever the seed), so no disease or
 * drug name of the dev or test split ever occurs in train, and a model has to learn from
 * context and word shape rather than memorise names. Dev and test also draw part of their
 * sentences from templates that train never uses. Middle syllables, suffixes ({@code -itis},
 * {@code -pril}, …) and context words are shared, as in real text.
 *
 * <p>The same arguments always give the same bytes.
 */
public final class CorpusGenerator {

  /** Which part of a corpus to write; each has its own entity names and some own phrasings. */
  public enum Split {
    TRAIN,
    DEV,
    TEST
  }

  /** Entity type of disease mentions in CoNLL files. */
  public static final String DISEASE = "DISEASE";

  /** Entity type of drug mentions in CoNLL files. */
  public static final String DRUG = "DRUG";

  /** The labels written in RCT files, in the order they appear in an abstract. */
  public static final List<String> RCT_LABELS =
      List.of("BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS");

  private static final int SENTENCES_PER_DOCUMENT = 250;

  private CorpusGenerator() {}

  /**
   * Writes {@code sentences} tagged sentences to {@code file} (two tab-separated columns, token
   * and BIO tag, a blank line after each sentence, a {@code -DOCSTART-} line before every 250
   * sentences).
   */
  public static void writeConll(Path file, int sentences, long seed, Split split)
      throws IOException {
    requireCount(sentences);
    SplittableRandom random = random(seed, split, 1);
    Names names = new Names(split, random);
    Templates templates = ConllText.templates(split);
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try (Writer out = writer(file)) {
      for (int i = 0; i < sentences; i++) {
        if (i % SENTENCES_PER_DOCUMENT == 0) {
          out.write(ConllReader.DOCSTART);
          out.write("\tO\n\n");
        }
        tokens.clear();
        tags.clear();
        ConllText.sentence(templates.pick(random), random, names, tokens, tags);
        for (int t = 0; t < tokens.size(); t++) {
          out.write(tokens.get(t));
          out.write('\t');
          out.write(tags.get(t));
          out.write('\n');
        }
        out.write('\n');
      }
    }
  }

  /**
   * Writes {@code abstracts} abstracts to {@code file}: a {@code ###<id>} line, one {@code
   * LABEL<TAB>sentence} line per sentence, a blank line after each abstract.
   */
  public static void writeRct(Path file, int abstracts, long seed, Split split)
      throws IOException {
    requireCount(abstracts);
    SplittableRandom random = random(seed, split, 2);
    Names names = new Names(split, random);
    RctText text = new RctText(split);
    // Ids look like PubMed ids and are unique across the three splits.
    int firstId = 24_000_000 + split.ordinal() * 2_000_000;
    try (Writer out = writer(file)) {
      for (int i = 0; i < abstracts; i++) {
        out.write("###");
        out.write(Integer.toString(firstId + i));
        out.write('\n');
        List<String[]> lines = text.abstractLines(random, names);
        for (String[] labelAndSentence : lines) {
          out.write(labelAndSentence[0]);
          out.write('\t');
          out.write(labelAndSentence[1]);
          out.write('\n');
        }
        out.write('\n');
      }
    }
  }

  /**
   * Command line: {@code CorpusGenerator conll|rct FILE COUNT SEED SPLIT}, where COUNT is the
   * number of sentences (conll) or abstracts (rct) and SPLIT is train, dev or test.
   */
  public static void main(String[] args) throws IOException {
    String usage =
        "usage: CorpusGenerator conll|rct FILE COUNT SEED train|dev|test\n"
            + "  conll: COUNT tagged sentences (DISEASE, DRUG; BIO tags)\n"
            + "  rct:   COUNT abstracts (BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS)";
    if (args.length != 5) {
      System.err.println(usage);
      System.exit(2);
      return;
    }
    int count;
    long seed;
    Split split;
    try {
      count = Integer.parseInt(args[2]);
      seed = Long.parseLong(args[3]);
      split = Split.valueOf(args[4].toUpperCase(Locale.ROOT));
      requireCount(count);
    } catch (IllegalArgumentException e) {
      System.err.println("bad argument: " + e.getMessage() + "\n" + usage);
      System.exit(2);
      return;
    }
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "conll":
        writeConll(file, count, seed, split);
        break;
      case "rct":
        writeRct(file, count, seed, split);
        break;
      default:
        System.err.println("unknown format '" + args[0] + "'\n" + usage);
        System.exit(2);
        return;
    }
    System.out.println("wrote " + count + (args[0].equals("conll") ? " sentences" : " abstracts")
        + " (" + split.name().toLowerCase(Locale.ROOT) + ", seed " + seed + ") to " + file);
  }

  private static void requireCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }

  private static SplittableRandom random(long seed, Split split, int format) {
    // Distinct streams per split and format, so that train and test of one seed differ.
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + split.ordinal() * 31L + format);
  }

  private static Writer writer(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  // ---------------------------------------------------------------------------------------
  // Small helpers

  static <T> T pick(SplittableRandom random, T[] items) {
    return items[random.nextInt(items.length)];
  }

  static String capitalize(String word) {
    if (word.isEmpty() || !Character.isLowerCase(word.charAt(0))) {
      return word;
    }
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Joins a stem and a suffix, dropping the stem's last vowel when the suffix starts with one. */
  static String join(String stem, String suffix) {
    if (isVowel(stem.charAt(stem.length() - 1)) && isVowel(suffix.charAt(0))) {
      return stem.substring(0, stem.length() - 1) + suffix;
    }
    return stem + suffix;
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  }

  // ---------------------------------------------------------------------------------------
  // Entity names

  /** Builds disease and drug names from the syllables of one split. */
  static final class Names {

    private static final String[] ONSETS = {
      "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
      "br", "cl", "dr", "fl", "gr", "kr", "pl", "pr", "st", "tr", "sk", "sp"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u"};
    private static final String[] MIDDLES = {
      "la", "ro", "mi", "ne", "ta", "vo", "ri", "sa", "do", "ce", "lu", "pe", "na", "ti", "mo",
      "xa", "ze", "bu"
    };
    private static final String[] CODAS = {"n", "r", "l", "x", "s", "t", "m"};
    private static final String[] DISEASE_SUFFIXES = {
      "itis", "osis", "emia", "oma", "opathy", "algia", "iasis", "ectasia", "plasia", "uria"
    };
    private static final String[] ADJECTIVE_SUFFIXES = {"ic", "al", "ous", "ar", "oid"};
    private static final String[] HEADS = {
      "syndrome", "disease", "disorder", "deficiency", "fever", "insufficiency", "dystrophy",
      "palsy", "anemia"
    };
    private static final String[] ORGANS = {
      "valve", "liver", "lung", "kidney", "skin", "joint", "nerve", "bone", "bowel", "retinal"
    };
    private static final String[] MODIFIERS = {
      "acute", "chronic", "severe", "mild", "recurrent", "idiopathic", "hereditary", "juvenile",
      "refractory", "progressive", "congenital", "early-onset", "secondary"
    };
    private static final String[] DRUG_SUFFIXES = {
      "mab", "pril", "olol", "statin", "cillin", "azole", "vir", "tinib", "sartan", "parin",
      "oxacin", "dipine", "prazole", "lukast", "gliptin", "dronate", "cycline", "semide",
      "triptan", "zepam"
    };
    private static final String[] SALTS = {
      "sodium", "hydrochloride", "mesylate", "succinate", "acetate", "phosphate", "tartrate",
      "citrate", "maleate"
    };
    private static final String[] BRAND_SUFFIXES = {
      "ex", "ax", "ora", "yn", "iq", "elle", "ix", "on", "ium"
    };

    /** First syllables of each split: fixed, disjoint, whatever the seed. */
    private static final String[][] FIRST_SYLLABLES = firstSyllables();

    private final String[] first;
    private final SplittableRandom random;

    Names(Split split, SplittableRandom random) {
      this.first = FIRST_SYLLABLES[split.ordinal()];
      this.random = random;
    }

    private static String[][] firstSyllables() {
      List<String> all = new ArrayList<>();
      for (String onset : ONSETS) {
        for (String vowel : VOWELS) {
          all.add(onset + vowel);
        }
      }
      // A fixed shuffle (constant seed) so that each split gets a mix of sounds.
      SplittableRandom fixed = new SplittableRandom(0x5EED_C0FFEEL);
      for (int i = all.size() - 1; i > 0; i--) {
        int j = fixed.nextInt(i + 1);
        String swap = all.get(i);
        all.set(i, all.get(j));
        all.set(j, swap);
      }
      int train = all.size() * 3 / 5;
      int dev = all.size() / 5;
      return new String[][] {
        all.subList(0, train).toArray(new String[0]),
        all.subList(train, train + dev).toArray(new String[0]),
        all.subList(train + dev, all.size()).toArray(new String[0])
      };
    }

    /** The split-specific part every name starts from: a first syllable and one or two more. */
    private String stem() {
      StringBuilder stem = new StringBuilder(12);
      stem.append(pick(random, first)).append(pick(random, MIDDLES));
      if (random.nextInt(100) < 35) {
        stem.append(pick(random, MIDDLES));
      }
      if (random.nextInt(100) < 30) {
        stem.append(pick(random, CODAS));
      }
      return stem.toString();
    }

    private String eponym() {
      return capitalize(pick(random, first) + pick(random, MIDDLES) + pick(random, CODAS));
    }

    /** A disease name of one to four tokens. */
    void disease(List<String> out) {
      int form = random.nextInt(100);
      if (form < 25) {
        out.add(join(stem(), pick(random, DISEASE_SUFFIXES)));
      } else if (form < 45) {
        out.add(pick(random, MODIFIERS));
        out.add(join(stem(), pick(random, DISEASE_SUFFIXES)));
      } else if (form < 60) {
        out.add(join(stem(), pick(random, ADJECTIVE_SUFFIXES)));
        out.add(pick(random, HEADS));
      } else if (form < 70) {
        out.add(pick(random, MODIFIERS));
        out.add(join(stem(), pick(random, ADJECTIVE_SUFFIXES)));
        out.add(pick(random, HEADS));
      } else if (form < 80) {
        out.add(eponym());
        out.add(random.nextBoolean() ? "disease" : "syndrome");
      } else if (form < 85) {
        out.add(eponym() + "-" + eponym());
        out.add("syndrome");
      } else if (form < 90) {
        out.add("type");
        out.add(Integer.toString(1 + random.nextInt(3)));
        out.add(join(stem(), "emia"));
      } else {
        out.add(join(stem(), pick(random, ADJECTIVE_SUFFIXES)));
        out.add(pick(random, ORGANS));
        out.add(pick(random, HEADS));
      }
    }

    /** A drug name of one or two tokens: generic, generic with salt, or brand. */
    void drug(List<String> out) {
      int form = random.nextInt(100);
      if (form < 60) {
        out.add(join(stem(), pick(random, DRUG_SUFFIXES)));
      } else if (form < 80) {
        out.add(join(stem(), pick(random, DRUG_SUFFIXES)));
        out.add(pick(random, SALTS));
      } else {
        out.add(capitalize(join(stem(), pick(random, BRAND_SUFFIXES))));
      }
    }

    String disease() {
      List<String> tokens = new ArrayList<>(4);
      disease(tokens);
      return String.join(" ", tokens);
    }

    String drug() {
      List<String> tokens = new ArrayList<>(2);
      drug(tokens);
      return String.join(" ", tokens);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Templates

  /** Tokenised templates: those every split uses, and those of one split only. */
  static final class Templates {
    private final String[][] shared;
    private final String[][] own;
    private final int ownPercent;

    /**
     * @param ownPercent share of sentences drawn from the split's own templates
     */
    Templates(String[] shared, String[] own, int ownPercent) {
      this.shared = tokenize(shared);
      this.own = tokenize(own);
      this.ownPercent = ownPercent;
    }

    String[] pick(SplittableRandom random) {
      if (own.length > 0 && random.nextInt(100) < ownPercent) {
        return CorpusGenerator.pick(random, own);
      }
      return CorpusGenerator.pick(random, shared);
    }

    int size() {
      return shared.length + own.length;
    }

    private static String[][] tokenize(String[] templates) {
      String[][] out = new String[templates.length][];
      for (int i = 0; i < templates.length; i++) {
        out[i] = templates[i].split(" ");
      }
      return out;
    }
  }

  /** Numbers, doses and other fillers shared by both formats. */
  static String[] filler(String slot, SplittableRandom random) {
    switch (slot) {
      case "{AGE}":
        return new String[] {(18 + random.nextInt(72)) + "-year-old"};
      case "{SEX}":
        return new String[] {random.nextBoolean() ? "man" : "woman"};
      case "{DOSE}":
        String unit = pick(random, UNITS);
        int dose = unit.equals("g") ? 1 + random.nextInt(2) : DOSES[random.nextInt(DOSES.length)];
        return new String[] {Integer.toString(dose), unit};
      case "{FREQ}":
        return pick(random, FREQUENCIES);
      case "{W}":
        return new String[] {Integer.toString(2 + random.nextInt(51))};
      case "{N}":
        return new String[] {Integer.toString(2 + random.nextInt(29))};
      case "{P}":
        return new String[] {pValue(random)};
      case "{PCT}":
        return new String[] {Integer.toString(3 + random.nextInt(90)), "%"};
      default:
        throw new IllegalStateException("no filler for " + slot);
    }
  }

  private static final int[] DOSES = {5, 10, 20, 25, 40, 50, 100, 150, 200, 250, 500};
  private static final String[] UNITS = {"mg", "mg", "mg", "mcg", "g"};
  private static final String[][] FREQUENCIES = {
    {"once", "daily"}, {"twice", "daily"}, {"every", "8", "hours"}, {"at", "bedtime"},
    {"once", "weekly"}, {"three", "times", "a", "day"}
  };

  static String pValue(SplittableRandom random) {
    int kind = random.nextInt(4);
    if (kind == 0) {
      return "0.00" + (1 + random.nextInt(9));
    }
    if (kind == 1) {
      return "0.0" + (1 + random.nextInt(9));
    }
    return "0." + (10 + random.nextInt(89));
  }
}
