/**
 * The trainkit annotation processor. {@link org.trainkit.processor.TrainableProcessor} runs, for
 * each {@code @Trainable} class, three stages that share nothing but their data: {@link
 * org.trainkit.processor.model} reads the class into an immutable description, {@link
 * org.trainkit.processor.validation} checks it against the training contract and reports every
 * broken rule, and {@link org.trainkit.processor.generation} writes the four generated files from
 * a valid description. Validation never touches JavaPoet; generation never reports.
 */
package org.trainkit.processor;
