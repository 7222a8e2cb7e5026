package org.trainkit.examples.data;

import java.util.List;
import java.util.SplittableRandom;
import org.trainkit.examples.data.CorpusGenerator.Names;
import org.trainkit.examples.data.CorpusGenerator.Split;
import org.trainkit.examples.data.CorpusGenerator.Templates;

/** The clinical-style sentence templates of {@link CorpusGenerator#writeConll}. */
final class ConllText {

  private ConllText() {}

  private static final String B_DISEASE = "B-" + CorpusGenerator.DISEASE;
  private static final String I_DISEASE = "I-" + CorpusGenerator.DISEASE;
  private static final String B_DRUG = "B-" + CorpusGenerator.DRUG;
  private static final String I_DRUG = "I-" + CorpusGenerator.DRUG;

  /** Used by every split. {D} is a disease, {M} a drug; a few sentences mention neither. */
  private static final String[] SHARED = {
    "Patients with {D} were treated with {M} .",
    "{M} was started for {D} .",
    "A {AGE} {SEX} with {D} was admitted to the emergency department .",
    "The patient received {M} {DOSE} {FREQ} for {W} weeks .",
    "{D} was diagnosed on the basis of clinical findings and biopsy .",
    "There was no history of {D} or {D} .",
    "Treatment with {M} is contraindicated in patients with {D} .",
    "{D} is a rare complication of {M} therapy .",
    "After {W} weeks of {M} , symptoms of {D} improved markedly .",
    "She was discharged on {M} and {M} .",
    "{M} ( {DOSE} ) reduced the incidence of {D} compared with placebo .",
    "Blood pressure remained stable throughout the hospital stay .",
    "Laboratory tests showed elevated creatinine and low hemoglobin .",
    "The prognosis of {D} depends on early diagnosis .",
    "Switching from {M} to {M} was associated with fewer adverse events .",
    "His medical history included {D} , {D} and {D} .",
    "{M} should be used with caution in {D} .",
    "We report a case of {D} in a {AGE} {SEX} .",
    "The dose of {M} was reduced because of {D} .",
    "No adverse events related to {M} were observed .",
    "Fatigue and fever were the most common symptoms .",
    "Combination therapy with {M} plus {M} was well tolerated .",
    "{D} was suspected , and {M} was given intravenously .",
    "Family history was positive for {D} .",
    "The risk of {D} was higher among patients receiving {M} ( p = {P} ) .",
    "{M} is widely used in the management of {D} .",
    "Follow-up imaging showed no progression of {D} .",
    "Serum levels of {M} were measured at baseline and at week {W} .",
    "In our cohort , {PCT} of patients with {D} responded to {M} .",
    "The control group received placebo and standard care .",
    "Symptoms resolved within {N} days of stopping {M} .",
    "{D} and {D} often coexist in older adults .",
    "A diagnosis of {D} was made after exclusion of {D} .",
    "Her symptoms were initially attributed to {D} .",
    "The analysis included {N} patients with {D} treated at our center .",
    "Long-term use of {M} may lead to {D} .",
    "Oral {M} {DOSE} was prescribed {FREQ} .",
    "The patient denied any history of {D} .",
    "Written informed consent was obtained from all participants .",
    "{M} , {M} , or both were given according to the protocol .",
    "Fever and joint pain suggested {D} rather than {D} .",
    "He had been taking {M} for {D} for {N} years .",
  };

  private static final String[] TRAIN_ONLY = {
    "Therapy with {M} was initiated promptly for suspected {D} .",
    "Despite {M} , the {D} worsened over {N} months .",
    "{D} responded poorly to {M} in this series .",
    "Physicians prescribed {M} off-label for {D} .",
    "Among those with {D} , {M} lowered relapse rates .",
  };

  private static final String[] DEV_ONLY = {
    "Clinicians should consider {D} when {M} fails .",
    "The {D} cohort was randomized to {M} or usual care .",
    "Rechallenge with {M} provoked a flare of {D} .",
    "Reports linking {M} to {D} remain anecdotal .",
    "Guidelines recommend {M} as first-line therapy for {D} .",
  };

  private static final String[] TEST_ONLY = {
    "Add-on {M} was evaluated in refractory cases of {D} .",
    "Withdrawal of {M} led to remission of {D} within {N} weeks .",
    "Case series suggest that {M} may worsen {D} .",
    "In the registry , {D} was the leading indication for {M} .",
    "Empirical {M} was administered pending evaluation for {D} .",
  };

  private static final Templates[] BY_SPLIT = {
    new Templates(SHARED, TRAIN_ONLY, 12),
    new Templates(SHARED, DEV_ONLY, 25),
    new Templates(SHARED, TEST_ONLY, 25),
  };

  static Templates templates(Split split) {
    return BY_SPLIT[split.ordinal()];
  }

  /** Fills {@code template} into parallel token and BIO tag lists. */
  static void sentence(
      String[] template,
      SplittableRandom random,
      Names names,
      List<String> tokens,
      List<String> tags) {
    for (String part : template) {
      if (part.equals("{D}")) {
        entity(B_DISEASE, I_DISEASE, tokens, tags, () -> names.disease(tokens));
      } else if (part.equals("{M}")) {
        entity(B_DRUG, I_DRUG, tokens, tags, () -> names.drug(tokens));
      } else if (part.charAt(0) == '{') {
        for (String word : CorpusGenerator.filler(part, random)) {
          tokens.add(word);
          tags.add("O");
        }
      } else {
        tokens.add(part);
        tags.add("O");
      }
    }
    tokens.set(0, CorpusGenerator.capitalize(tokens.get(0)));
  }

  private static void entity(
      String begin, String inside, List<String> tokens, List<String> tags, Runnable add) {
    int start = tokens.size();
    add.run();
    tags.add(begin);
    for (int i = start + 1; i < tokens.size(); i++) {
      tags.add(inside);
    }
  }
}
