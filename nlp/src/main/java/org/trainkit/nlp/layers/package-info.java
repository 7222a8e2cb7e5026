/** General layers the NLP blocks use: {@link org.trainkit.nlp.layers.MaskDropout}. */
package org.trainkit.nlp.layers;
