package org.trainkit.runtime.optim;

/**
 * Which parameters weight decay applies to, by their name in the block (the names {@link
 * StatefulOptimizer.ParameterGradient} carries, e.g. {@code 01bert_03layer0_01query_weight}).
 * The optimizers decay every parameter the filter accepts and leave the others undecayed; their
 * moments and updates are otherwise the same.
 */
@FunctionalInterface
public interface WeightDecayFilter {

  /** Every parameter decays: the plain rule of PyTorch's optimizers. */
  WeightDecayFilter ALL = name -> true;

  /**
   * Weight matrices and embeddings decay; biases and the scales and shifts of normalization
   * layers do not — the rule BERT is fine-tuned with (Hugging Face's {@code no_decay = ["bias",
   * "LayerNorm.weight"]}). DJL names those parameters {@code …_bias}, {@code …_gamma} and
   * {@code …_beta}.
   */
  WeightDecayFilter NOT_BIASES_OR_NORMS =
      name -> !(name.endsWith("_bias") || name.endsWith("_gamma") || name.endsWith("_beta"));

  /** True when the parameter called {@code name} gets weight decay. */
  boolean decays(String name);
}
