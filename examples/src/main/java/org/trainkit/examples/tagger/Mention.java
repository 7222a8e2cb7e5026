package org.trainkit.examples.tagger;

/**
 * An entity mention found in a text.
 *
 * @param type the entity type, e.g. {@code DISEASE}
 * @param start character offset of the first character
 * @param end character offset one past the last character
 * @param text the mention's surface text, {@code text.substring(start, end)}
 */
public record Mention(String type, int start, int end, String text) {}
