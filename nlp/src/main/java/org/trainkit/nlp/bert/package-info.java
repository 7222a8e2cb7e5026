/**
 * A Hugging Face-compatible BERT in DJL blocks, with its weights by Hugging Face name.
 *
 * <ul>
 *   <li>{@link org.trainkit.nlp.bert.BertCheckpoint#open} checks a {@code save_pretrained}
 *       directory and reads its {@link org.trainkit.nlp.bert.BertConfig}.
 *   <li>{@link org.trainkit.nlp.bert.BertTokenClassifier} and
 *       {@link org.trainkit.nlp.bert.BertSequenceClassifier} are {@code
 *       BertForTokenClassification} and {@code BertForSequenceClassification} on a
 *       {@link org.trainkit.nlp.bert.BertEncoder}; inputs: ids, token-type ids, attention mask.
 *   <li>{@link org.trainkit.nlp.bert.HuggingFaceWeights} sets their parameters from {@code
 *       model.safetensors} (read by {@link org.trainkit.nlp.bert.Safetensors}) and says what it
 *       did in a {@link org.trainkit.nlp.bert.LoadReport};
 *       {@link org.trainkit.nlp.bert.PretrainedModel} does it when the training loop
 *       initializes the model.
 *   <li>{@link org.trainkit.nlp.bert.HuggingFaceExport} writes a directory that
 *       {@code transformers}' {@code from_pretrained} loads.
 * </ul>
 *
 * <p>Every problem with a model directory is a
 * {@link org.trainkit.nlp.bert.PretrainedModelException} naming the file.
 */
package org.trainkit.nlp.bert;
