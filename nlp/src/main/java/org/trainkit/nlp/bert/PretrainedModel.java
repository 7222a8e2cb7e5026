package org.trainkit.nlp.bert;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link HuggingFaceModel} that takes its checkpoint's weights as soon as it is initialized.
 * A parameter's array exists only after {@code initialize}, and the training loop initializes
 * the model itself on the first batch (with its seed, on its device): wrapping the model in this
 * block is how pretrained weights get in there. A resumed run then overwrites them with its own
 * checkpoint's.
 */
public final class PretrainedModel extends AbstractBlock implements HuggingFaceModel {

  private final HuggingFaceModel model;
  private final BertCheckpoint checkpoint;
  private LoadReport report;

  public PretrainedModel(HuggingFaceModel model, BertCheckpoint checkpoint) {
    super((byte) 1);
    this.model = addChildBlock("model", model);
    this.checkpoint = checkpoint;
  }

  /**
   * The same block for a model whose weights come from elsewhere (a trainkit checkpoint): it
   * loads nothing when initialized, and its parameters are laid out as a fine-tuned one's, so
   * a run's saved parameters load into it.
   */
  public static PretrainedModel restored(HuggingFaceModel model) {
    return new PretrainedModel(model, null);
  }

  /** What loading did; empty until the model has been initialized. */
  public Optional<LoadReport> loadReport() {
    return Optional.ofNullable(report);
  }

  public HuggingFaceModel model() {
    return model;
  }

  @Override
  public Map<String, Parameter> huggingFaceParameters() {
    return model.huggingFaceParameters();
  }

  @Override
  public BertConfig config() {
    return model.config();
  }

  @Override
  public String architecture() {
    return model.architecture();
  }

  @Override
  public String headPrefix() {
    return model.headPrefix();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return model.forward(ps, inputs, training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return model.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    model.initialize(manager, dataType, inputShapes);
    if (checkpoint != null) {
      report = checkpoint.loadInto(model);
    }
  }
}
