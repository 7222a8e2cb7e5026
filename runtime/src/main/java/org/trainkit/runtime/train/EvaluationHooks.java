package org.trainkit.runtime.train;

import java.util.List;
import java.util.Map;
import org.trainkit.runtime.TrainerCallback;
import org.trainkit.runtime.TrainerState;

/** Which callback hooks one evaluation pass calls: validation's, test's, or none. */
interface EvaluationHooks {

  void begin();

  void stepBegin(int batch);

  void stepEnd(int batch, float loss);

  void end(Map<String, Double> metrics);

  /** No hooks: an evaluation outside a run ({@link Trainer#evaluate}, train outputs). */
  EvaluationHooks NONE = new EvaluationHooks() {
    @Override
    public void begin() {}

    @Override
    public void stepBegin(int batch) {}

    @Override
    public void stepEnd(int batch, float loss) {}

    @Override
    public void end(Map<String, Double> metrics) {}
  };

  /** The {@code onValidation*} hooks. */
  static EvaluationHooks validation(List<TrainerCallback> callbacks, TrainerState state) {
    return new EvaluationHooks() {
      @Override
      public void begin() {
        callbacks.forEach(c -> c.onValidationBegin(state));
      }

      @Override
      public void stepBegin(int batch) {
        callbacks.forEach(c -> c.onValidationStepBegin(state, batch));
      }

      @Override
      public void stepEnd(int batch, float loss) {
        callbacks.forEach(c -> c.onValidationStepEnd(state, batch, loss));
      }

      @Override
      public void end(Map<String, Double> metrics) {
        callbacks.forEach(c -> c.onValidationEnd(state, metrics));
      }
    };
  }

  /** The {@code onTest*} hooks. */
  static EvaluationHooks test(List<TrainerCallback> callbacks, TrainerState state) {
    return new EvaluationHooks() {
      @Override
      public void begin() {
        callbacks.forEach(c -> c.onTestBegin(state));
      }

      @Override
      public void stepBegin(int batch) {
        callbacks.forEach(c -> c.onTestStepBegin(state, batch));
      }

      @Override
      public void stepEnd(int batch, float loss) {
        callbacks.forEach(c -> c.onTestStepEnd(state, batch, loss));
      }

      @Override
      public void end(Map<String, Double> metrics) {
        callbacks.forEach(c -> c.onTestEnd(state, metrics));
      }
    };
  }
}
