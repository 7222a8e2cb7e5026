package org.trainkit.runtime;

import java.util.Map;

/**
 * Hooks into the training loop (the callback set of medkit and autrainer). Every hook has a
 * no-op default, so a callback overrides only what it needs. Hooks run on the training thread;
 * keep them quick.
 */
public interface TrainerCallback {

  /** Before the first step of a run (also of a resumed run). */
  default void onTrainBegin(TrainerState state) {}

  /** After the last iteration, once checkpoints and reports are written. */
  default void onTrainEnd(TrainerState state, History history) {}

  /** Before the first step of an iteration. */
  default void onIterationBegin(TrainerState state) {}

  /** After an iteration, with its summary (dev metrics included when it was evaluated). */
  default void onIterationEnd(TrainerState state, EpochSummary summary) {}

  /** Before a training batch is run. */
  default void onStepBegin(TrainerState state) {}

  /** After a training batch, with its loss. */
  default void onStepEnd(TrainerState state, double loss) {}

  /** When a pass over the training data ends. */
  default void onLoaderExhausted(TrainerState state) {}

  /** Before the dev set is evaluated. */
  default void onValidationBegin(TrainerState state) {}

  /** Before a dev batch is run. */
  default void onValidationStepBegin(TrainerState state, int batchIndex) {}

  /** After a dev batch, with its loss. */
  default void onValidationStepEnd(TrainerState state, int batchIndex, double loss) {}

  /** After the dev set is evaluated, with its loss and metrics. */
  default void onValidationEnd(TrainerState state, Map<String, Double> metrics) {}

  /** Before the test set is evaluated with the best checkpoint. */
  default void onTestBegin(TrainerState state) {}

  /** Before a test batch is run. */
  default void onTestStepBegin(TrainerState state, int batchIndex) {}

  /** After a test batch, with its loss. */
  default void onTestStepEnd(TrainerState state, int batchIndex, double loss) {}

  /** After the test set is evaluated, with its loss and metrics. */
  default void onTestEnd(TrainerState state, Map<String, Double> metrics) {}
}
