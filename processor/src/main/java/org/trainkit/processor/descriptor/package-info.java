/**
 * The validated model of a {@code @Trainable} class, {@link
 * org.trainkit.processor.descriptor.TrainableDescriptor}: what validation produces and the only
 * thing generation reads.
 */
package org.trainkit.processor.descriptor;
