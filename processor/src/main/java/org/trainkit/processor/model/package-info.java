/**
 * Reading a {@code @Trainable} class: its annotated members and annotation values, as an
 * immutable {@link org.trainkit.processor.model.TrainableClass}, the names of what is generated
 * for it, and the types it refers to that do not resolve yet.
 */
package org.trainkit.processor.model;
