package org.trainkit.runtime.train;

import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.trainkit.runtime.loop.BatchLoader;
import org.trainkit.runtime.Batch;
import org.trainkit.runtime.ForwardMode;
import org.trainkit.runtime.ForwardResult;
import org.trainkit.runtime.MetricsComputer;
import org.trainkit.runtime.Prediction;
import org.trainkit.runtime.TrainableComponent;
import org.trainkit.runtime.config.TrainerConfig;
import org.trainkit.runtime.data.Dataset;
import org.trainkit.runtime.data.VisitOrder;

/**
 * One evaluation pass over a data set, the same for dev, test and {@link Trainer#evaluate}
 * (Lightning's {@code _EvaluationLoop}): the loss, each batch's weighted by its {@link
 * ForwardResult#weight weight}, and every metric of
 * the current parameters; the predictions too, when asked for.
 */
final class Evaluation<R, E, B> {

  private static final String OUTPUTS_HEADER = "index\ttarget\tprediction\tloss\n";

  private final TrainableComponent<R, E, B> component;
  private final TrainerConfig config;
  private final LazyModel model;
  private final ExecutorService loaderThreads;

  Evaluation(TrainableComponent<R, E, B> component, TrainerConfig config, LazyModel model,
      ExecutorService loaderThreads) {
    this.component = component;
    this.config = config;
    this.model = model;
    this.loaderThreads = loaderThreads;
  }

  /**
   * Evaluates {@code data} in its own order, calling {@code hooks} around each batch; hands the
   * predictions, as a TSV table, to {@code outputs} when it is given and there are any.
   */
  Map<String, Double> run(Dataset<R> data, EvaluationHooks hooks, Optional<Consumer<String>> outputs) {
    hooks.begin();
    StringBuilder rows = outputs.isPresent() ? new StringBuilder(OUTPUTS_HEADER) : null;
    List<MetricsComputer<B>> metrics = component.metrics();
    double lossSum = 0;
    double weightSum = 0;
    int batchIndex = 0;
    try (BatchLoader<R, E, B> loader = new BatchLoader<>(component, data,
        VisitOrder.identity(data.size()), 0,
        config.inferenceBatchSize(), model.get().manager(), loaderThreads,
        config.prefetchBatches())) {
      while (loader.hasNext()) {
        int index = batchIndex++;
        hooks.stepBegin(index);
        float loss;
        try (NDScope scope = new NDScope();
            Batch<B> batch = loader.next()) {
          scope.suppressNotUsedWarning();
          ForwardResult result =
              component.forward(batch.data(), model.get().context(ForwardMode.EVALUATE, batch.manager()));
          loss = Losses.scalar(result);
          double weight = result.weight(batch.size());
          lossSum += loss * weight;
          weightSum += weight;
          for (MetricsComputer<B> m : metrics) {
            m.update(batch, result.output());
          }
          if (rows != null) {
            appendOutputs(rows, batch, component.predictions(batch.data(), result.output()));
          }
        }
        hooks.stepEnd(index, loss);
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("loss", weightSum == 0 ? Double.NaN : lossSum / weightSum);
    for (MetricsComputer<B> m : metrics) {
      Map<String, Double> computed = m.compute();
      DeclaredMetrics.requireDeclared(m, computed);
      values.putAll(computed);
    }
    if (rows != null && rows.length() > OUTPUTS_HEADER.length()) {
      outputs.get().accept(rows.toString());
    }
    hooks.end(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    return values;
  }

  /** One TSV row per example: dataset index, target, prediction, loss. */
  private static <B> void appendOutputs(StringBuilder rows, Batch<B> batch, List<Prediction> predictions) {
    for (int i = 0; i < predictions.size() && i < batch.size(); i++) {
      Prediction p = predictions.get(i);
      rows.append(batch.index(i)).append('\t')
          .append(oneLine(p.target())).append('\t')
          .append(oneLine(p.prediction())).append('\t')
          .append(Double.isNaN(p.loss()) ? "" : Double.toString(p.loss())).append('\n');
    }
  }

  private static String oneLine(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
