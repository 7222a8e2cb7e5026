package org.trainkit.nlp.bert;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A block whose parameters correspond one to one to the tensors of a Hugging Face checkpoint.
 * The explicit name map is what weight loading and export go through: DJL's own parameter
 * names ({@code 01layer_02query_weight}) say nothing to a safetensors file.
 */
public interface HuggingFaceModel extends Block {

  /** Hugging Face tensor name (as {@code save_pretrained} writes it) → the parameter. */
  Map<String, Parameter> huggingFaceParameters();

  /** The architecture this block was built from; its labels are the head's rows in order. */
  BertConfig config();

  /** The Hugging Face class an export names in {@code architectures}. */
  String architecture();

  /** The prefix of the head's tensor names, whose rows are the labels ({@code "classifier."}). */
  default String headPrefix() {
    return "classifier.";
  }
}
