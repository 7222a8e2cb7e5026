package org.trainkit.runtime;

/**
 * Marks an exception about something the user gave — a file, a model directory — found before
 * anything was written. Its message names the file and what is expected; the command line prints
 * it alone and exits with the usage code (2). Modules that runtime does not know (nlp's {@code
 * PretrainedModelException}) implement it to be reported that way.
 */
public interface InputError {}
