package org.trainkit.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The DJL, trainkit runtime and Dagger types of the current round, looked up in the user's
 * compilation (trainkit's runtime brings the other two).
 * Built afresh in every round: elements and type mirrors are never kept across rounds.
 */
public final class RuntimeTypes {

  private static final List<String> REQUIRED =
      List.of(
          KnownTypes.BLOCK,
          KnownTypes.ND_LIST,
          KnownTypes.ND_MANAGER,
          KnownTypes.TRAINABLE_COMPONENT,
          KnownTypes.FORWARD_RESULT,
          KnownTypes.FORWARD_CONTEXT,
          KnownTypes.METRICS_COMPUTER,
          KnownTypes.EPOCH_SUMMARY,
          KnownTypes.TRAINER_CONFIG,
          KnownTypes.STATEFUL_OPTIMIZER,
          KnownTypes.DATASET_READER,
          KnownTypes.DATA_DEPENDENT,
          KnownTypes.PREDICTION_RENDERER,
          KnownTypes.TRAINER,
          KnownTypes.TRAINER_CALLBACK,
          KnownTypes.TRAINER_SESSION,
          KnownTypes.TRAINER_CLI,
          KnownTypes.DAGGER_COMPONENT);

  private final Elements elements;
  private final Types types;

  private RuntimeTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The qualified name of the first runtime type missing from the classpath, if any. */
  public static Optional<String> firstMissing(Elements elements) {
    return REQUIRED.stream().filter(name -> elements.getTypeElement(name) == null).findFirst();
  }

  /** The runtime types of this round; call only when {@link #firstMissing} found none missing. */
  public static RuntimeTypes of(Elements elements, Types types) {
    return new RuntimeTypes(elements, types);
  }

  public Types types() {
    return types;
  }

  public Elements elements() {
    return elements;
  }

  public DeclaredType block() {
    return declared(KnownTypes.BLOCK);
  }

  public DeclaredType ndList() {
    return declared(KnownTypes.ND_LIST);
  }

  public DeclaredType ndManager() {
    return declared(KnownTypes.ND_MANAGER);
  }

  public DeclaredType forwardResult() {
    return declared(KnownTypes.FORWARD_RESULT);
  }

  public DeclaredType forwardContext() {
    return declared(KnownTypes.FORWARD_CONTEXT);
  }

  public DeclaredType epochSummary() {
    return declared(KnownTypes.EPOCH_SUMMARY);
  }

  public DeclaredType trainerConfig() {
    return declared(KnownTypes.TRAINER_CONFIG);
  }

  public DeclaredType statefulOptimizer() {
    return declared(KnownTypes.STATEFUL_OPTIMIZER);
  }

  /** {@code List<element>}. */
  public DeclaredType listOf(TypeMirror element) {
    return types.getDeclaredType(element("java.util.List"), element);
  }

  /** {@code MetricsComputer<batch>}. */
  public DeclaredType metricsComputerOf(TypeMirror batch) {
    return types.getDeclaredType(element(KnownTypes.METRICS_COMPUTER), batch);
  }

  /** {@code DatasetReader<raw>}. */
  public DeclaredType datasetReaderOf(TypeMirror raw) {
    return types.getDeclaredType(element(KnownTypes.DATASET_READER), raw);
  }

  /** The erasure of {@code java.util.List}, to recognize any {@code List<X>}. */
  public TypeMirror rawList() {
    return types.erasure(element("java.util.List").asType());
  }

  private DeclaredType declared(String name) {
    return types.getDeclaredType(element(name));
  }

  private TypeElement element(String name) {
    return elements.getTypeElement(name);
  }
}
