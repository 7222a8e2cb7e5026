package org.trainkit.examples.classifier;

/**
 * A sentence with the label the classifier gave it.
 *
 * @param sentence the sentence's text
 * @param label the most probable label
 * @param probability that label's probability
 */
public record LabeledSentence(String sentence, String label, double probability) {}
