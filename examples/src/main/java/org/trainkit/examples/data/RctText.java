package org.trainkit.examples.data;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.trainkit.examples.data.CorpusGenerator.Names;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.CorpusGenerator.Templates;

/**
 * The abstract templates of {@link CorpusGenerator#writeRct}: one set per label, each with
 * phrasings shared by all splits and a few of each split's own. Sentences are tokenised with
 * spaces, punctuation included, as in PubMed-RCT files.
 */
final class RctText {

  private static final int BACKGROUND = 0;
  private static final int OBJECTIVE = 1;
  private static final int METHODS = 2;
  private static final int RESULTS = 3;
  private static final int CONCLUSIONS = 4;

  /** Share of sentences written with a neighbouring label's phrasing: real abstracts blur. */
  private static final int BLUR_PERCENT = 6;

  // Per label: shared, then train-only, dev-only, test-only.
  private static final String[][][] TEXT = {
    { // BACKGROUND
      {
        "{D} is a common cause of morbidity among {POP} .",
        "{D} affects millions of {POP} worldwide and imposes a substantial economic burden .",
        "Current treatments for {D} are of limited efficacy .",
        "{M} has been proposed as a treatment for {D} , but evidence is scarce .",
        "The role of {M} in {D} remains controversial .",
        "Previous studies have reported conflicting results regarding {OUT} in {D} .",
        "Little is known about the long-term effects of {M} .",
        "{M} is effective in reducing {OUT} in {D} .",
        "Patients with {D} often experience poor {OUT} .",
        "Despite advances in care , mortality from {D} remains high .",
        "{M} inhibits inflammatory pathways implicated in {D} .",
        "Adherence to therapy is low among {POP} with {D} .",
      },
      {
        "Many {POP} with {D} remain undertreated .",
        "{D} is increasingly recognized in primary care .",
      },
      {
        "Effective options for {D} are still lacking .",
        "Interest in {M} for {D} has grown in recent years .",
      },
      {
        "The burden of {D} continues to rise among {POP} .",
        "Whether {M} benefits {POP} with {D} is uncertain .",
      },
    },
    { // OBJECTIVE
      {
        "To evaluate the efficacy and safety of {M} in {POP} with {D} .",
        "To determine whether {M} improves {OUT} in {D} .",
        "The aim of this study was to compare {M} with {M2} in {POP} with {D} .",
        "We sought to assess the effect of {M} on {OUT} .",
        "This trial investigated whether adding {M} to standard care reduces {OUT} .",
        "To examine the association between {M} use and {OUT} among {POP} .",
        "The objective was to assess the cost-effectiveness of {M} for {D} .",
        "We aimed to evaluate {OUT} after treatment with {M} .",
      },
      {
        "Our goal was to test {M} against {M2} in {D} .",
        "To quantify the impact of {M} on {OUT} .",
      },
      {
        "This study set out to measure {OUT} with {M} in {POP} .",
        "To compare two dosing strategies of {M} in {D} .",
      },
      {
        "We designed this trial to establish whether {M} lowers {OUT} .",
        "To clarify the safety profile of {M} in {POP} .",
      },
    },
    { // METHODS
      {
        "In this randomized , double-blind , placebo-controlled trial , {ENROLLED} {POP} with {D}"
            + " were enrolled .",
        "Participants were randomly assigned to receive {M} or placebo for {W} weeks .",
        "The primary outcome was the change in {OUT} from baseline to week {W} .",
        "Secondary outcomes included {OUT} and {OUT2} .",
        "Patients were recruited from {N} centers between {YEAR} and {YEAR2} .",
        "{M} was administered orally at a dose of {DOSE} {FREQ} .",
        "Outcomes were assessed at baseline and at {W} weeks by blinded investigators .",
        "Data were analyzed on an intention-to-treat basis .",
        "Adverse events were recorded at each visit .",
        "Eligible participants were aged {MINAGE} years or older and had {D} .",
        "Randomization was stratified by center and disease severity .",
        "We used mixed-effects models to compare {OUT} between groups .",
        "The control group received {M2} .",
      },
      {
        "Blood samples were collected every {W} weeks .",
        "Allocation was concealed using sealed opaque envelopes .",
      },
      {
        "Investigators and participants were unaware of group assignment .",
        "Follow-up visits took place at months 3 , 6 and 12 .",
      },
      {
        "A computer-generated sequence determined treatment allocation .",
        "Questionnaires on {OUT} were completed at each visit .",
      },
    },
    { // RESULTS
      {
        "A total of {ENROLLED} patients were randomized , of whom {COMPLETED} completed the study .",
        "{OUT} improved significantly in the {M} group compared with placebo ( p = {PSIG} ) .",
        "The mean change in {OUT} was {NUM} in the {M} group and {NUM} in the placebo group .",
        "{PCT} of patients receiving {M} achieved remission , compared with {PCT} of controls .",
        "There was no significant difference in {OUT} between groups ( p = {PNS} ) .",
        "Adverse events occurred in {PCT} of patients in the {M} group .",
        "Serious adverse events were rare and similar between groups .",
        "The hazard ratio for {OUT} was {HR_CI} .",
        "At week {W} , {OUT} was lower with {M} than with {M2} .",
        "Baseline characteristics were similar in the two groups .",
        "{N} participants withdrew because of adverse events .",
        "The effect of {M} was consistent across subgroups .",
      },
      {
        "{OUT} decreased by {PCT} with {M} versus {PCT} with placebo .",
        "Compliance exceeded {PCT} in both arms .",
      },
      {
        "The {M} arm showed a larger reduction in {OUT} ( p = {PSIG} ) .",
        "Dropout rates did not differ between arms .",
      },
      {
        "Compared with {M2} , {M} yielded greater gains in {OUT} ( p = {PSIG} ) .",
        "Only {N} serious adverse events were reported .",
      },
    },
    { // CONCLUSIONS
      {
        "{M} improved {OUT} in {POP} with {D} .",
        "These findings support the use of {M} in {D} .",
        "{M} was safe and well tolerated but did not improve {OUT} .",
        "Further studies are needed to confirm these results in larger populations .",
        "In {POP} with {D} , {M} is an effective alternative to {M2} .",
        "Our results suggest that {M} may reduce {OUT} .",
        "Treatment with {M} should be considered for {POP} with {D} .",
        "Larger trials with longer follow-up are warranted .",
        "{M} did not reduce {OUT} compared with placebo .",
        "The benefit of {M} on {OUT} appears to be modest .",
      },
      {
        "{M} offers a practical option for {POP} with {D} .",
        "Routine use of {M} cannot be recommended yet .",
      },
      {
        "Clinicians may consider {M} when managing {D} .",
        "These data do not justify {M} for {OUT} .",
      },
      {
        "Adding {M} to usual care appears worthwhile in {D} .",
        "{M} provided no clear advantage over {M2} .",
      },
    },
  };

  private static final String[] POPULATIONS = {
    "adults", "children", "older adults", "women", "postmenopausal women", "outpatients",
    "hospitalized patients", "smokers", "adolescents", "veterans"
  };
  private static final String[] OUTCOMES = {
    "pain scores", "quality of life", "all-cause mortality", "hospital readmissions",
    "symptom severity", "functional capacity", "blood pressure", "fasting glucose",
    "relapse rate", "exercise tolerance", "sleep quality", "length of stay"
  };
  private static final int[] MIN_AGES = {18, 18, 40, 50, 60, 65};
  private static final String[] CONTROLS = {"placebo", "usual care", "standard therapy"};

  private final Templates[] byLabel = new Templates[TEXT.length];

  RctText(Split split) {
    for (int label = 0; label < TEXT.length; label++) {
      // Train mixes its own phrasings in at their natural share; dev and test more often.
      int ownPercent = split == Split.TRAIN ? 15 : 25;
      byLabel[label] =
          new Templates(TEXT[label][0], TEXT[label][1 + split.ordinal()], ownPercent);
    }
  }

  /** One abstract as {label, sentence} pairs, in order. */
  List<String[]> abstractLines(SplittableRandom random, Names names) {
    Topic topic = new Topic(random, names);
    List<Integer> labels = structure(random);
    List<String[]> lines = new ArrayList<>(labels.size());
    Map<String[], Boolean> used = new IdentityHashMap<>();
    for (int label : labels) {
      int source = random.nextInt(100) < BLUR_PERCENT ? neighbour(label, random) : label;
      String[] template = byLabel[source].pick(random);
      // Avoid the same phrasing twice in one abstract, as an author would.
      for (int retry = 0; retry < 5 && used.containsKey(template); retry++) {
        template = byLabel[source].pick(random);
      }
      used.put(template, Boolean.TRUE);
      lines.add(
          new String[] {CorpusGenerator.RCT_LABELS.get(label), render(template, random, topic)});
    }
    return lines;
  }

  private static int neighbour(int label, SplittableRandom random) {
    if (label == BACKGROUND) {
      return OBJECTIVE;
    }
    if (label == CONCLUSIONS) {
      return RESULTS;
    }
    return label + (random.nextBoolean() ? 1 : -1);
  }

  /** Label order and counts close to PubMed RCT: about 10/8/31/35/16 % of sentences. */
  private static List<Integer> structure(SplittableRandom random) {
    List<Integer> labels = new ArrayList<>(16);
    if (random.nextInt(100) < 65) {
      add(labels, BACKGROUND, 1 + random.nextInt(3));
      add(labels, OBJECTIVE, random.nextBoolean() ? 1 : 0);
    } else {
      add(labels, OBJECTIVE, 1 + (random.nextInt(100) < 30 ? 1 : 0));
    }
    add(labels, METHODS, 2 + random.nextInt(4));
    add(labels, RESULTS, 2 + random.nextInt(5));
    add(labels, CONCLUSIONS, 1 + (random.nextInt(100) < 45 ? 1 : 0)
        + (random.nextInt(100) < 10 ? 1 : 0));
    return labels;
  }

  private static void add(List<Integer> labels, int label, int count) {
    for (int i = 0; i < count; i++) {
      labels.add(label);
    }
  }

  /** What one abstract is about: the same disease, drug and outcomes throughout. */
  private static final class Topic {
    final String disease;
    final String drug;
    final String comparator;
    final String population;
    final String outcome;
    final String outcome2;
    final int enrolled;
    final int completed;

    Topic(SplittableRandom random, Names names) {
      disease = names.disease();
      drug = names.drug();
      comparator =
          random.nextBoolean() ? names.drug() : CorpusGenerator.pick(random, CONTROLS);
      population = CorpusGenerator.pick(random, POPULATIONS);
      outcome = CorpusGenerator.pick(random, OUTCOMES);
      String other = CorpusGenerator.pick(random, OUTCOMES);
      outcome2 = other.equals(outcome) ? "adverse events" : other;
      enrolled = 40 + random.nextInt(860);
      completed = enrolled - random.nextInt(1 + enrolled / 5);
    }
  }

  private static String render(String[] template, SplittableRandom random, Topic topic) {
    StringBuilder out = new StringBuilder(128);
    for (String part : template) {
      if (out.length() > 0) {
        out.append(' ');
      }
      switch (part) {
        case "{D}":
          out.append(topic.disease);
          break;
        case "{M}":
          out.append(topic.drug);
          break;
        case "{M2}":
          out.append(topic.comparator);
          break;
        case "{POP}":
          out.append(topic.population);
          break;
        case "{OUT}":
          out.append(topic.outcome);
          break;
        case "{OUT2}":
          out.append(topic.outcome2);
          break;
        case "{ENROLLED}":
          out.append(topic.enrolled);
          break;
        case "{COMPLETED}":
          out.append(topic.completed);
          break;
        case "{MINAGE}":
          out.append(MIN_AGES[random.nextInt(MIN_AGES.length)]);
          break;
        case "{PSIG}":
          out.append(random.nextBoolean() ? "0.00" : "0.0").append(1 + random.nextInt(4));
          break;
        case "{PNS}":
          out.append("0.").append(12 + random.nextInt(80));
          break;
        case "{YEAR}":
          out.append(2004 + random.nextInt(8));
          break;
        case "{YEAR2}":
          out.append(2013 + random.nextInt(8));
          break;
        case "{NUM}":
          out.append(random.nextInt(4) == 0 ? "" : "-")
              .append(random.nextInt(10))
              .append('.')
              .append(random.nextInt(10));
          break;
        case "{HR_CI}":
          // A hazard ratio with a 95 % interval around it.
          int ratio = 55 + random.nextInt(41);
          out.append(hundredths(ratio))
              .append(" ( 95 % CI ")
              .append(hundredths(ratio - 5 - random.nextInt(20)))
              .append(" to ")
              .append(hundredths(ratio + 5 + random.nextInt(25)))
              .append(" )");
          break;
        default:
          if (part.charAt(0) == '{') {
            String[] words = CorpusGenerator.filler(part, random);
            out.append(String.join(" ", words));
          } else {
            out.append(part);
          }
      }
    }
    out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
    return out.toString();
  }

  private static String hundredths(int value) {
    int fraction = value % 100;
    return (value / 100) + "." + (fraction < 10 ? "0" : "") + fraction;
  }
}
