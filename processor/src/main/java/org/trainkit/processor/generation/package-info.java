/**
 * Writing the adapter, the Dagger module and component, and the entry point of a valid {@code
 * @Trainable} class, as JavaPoet trees: no strings of code, sorted and deterministic output.
 */
package org.trainkit.processor.generation;
