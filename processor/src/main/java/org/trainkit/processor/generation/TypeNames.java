package org.trainkit.processor.generation;

import com.palantir.javapoet.ClassName;

/** The types generated code refers to. The processor does not depend on them: names only. */
final class TypeNames {

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static final ClassName OVERRIDE = ClassName.get("java.lang", "Override");
  static final ClassName STRING = ClassName.get("java.lang", "String");
  static final ClassName SYSTEM = ClassName.get("java.lang", "System");

  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName SET = ClassName.get("java.util", "Set");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");

  static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
  static final ClassName ND_LIST = ClassName.get("ai.djl.ndarray", "NDList");
  static final ClassName ND_MANAGER = ClassName.get("ai.djl.ndarray", "NDManager");
  static final ClassName BATCHIFIER = ClassName.get("ai.djl.translate", "Batchifier");

  static final ClassName TRAINABLE_COMPONENT =
      ClassName.get("org.trainkit.runtime", "TrainableComponent");
  static final ClassName FORWARD_RESULT = ClassName.get("org.trainkit.runtime", "ForwardResult");
  static final ClassName FORWARD_CONTEXT = ClassName.get("org.trainkit.runtime", "ForwardContext");
  static final ClassName METRICS_COMPUTER =
      ClassName.get("org.trainkit.runtime", "MetricsComputer");
  static final ClassName EPOCH_SUMMARY = ClassName.get("org.trainkit.runtime", "EpochSummary");
  static final ClassName PREDICTION = ClassName.get("org.trainkit.runtime", "Prediction");
  static final ClassName TRAINER = ClassName.get("org.trainkit.runtime.train", "Trainer");
  static final ClassName TRAINER_CALLBACK =
      ClassName.get("org.trainkit.runtime", "TrainerCallback");
  static final ClassName TRAINER_CONFIG =
      ClassName.get("org.trainkit.runtime.config", "TrainerConfig");
  static final ClassName STATEFUL_OPTIMIZER =
      ClassName.get("org.trainkit.runtime.optim", "StatefulOptimizer");
  static final ClassName DATASET_READER =
      ClassName.get("org.trainkit.runtime.data", "DatasetReader");
  static final ClassName TRAINER_SESSION =
      ClassName.get("org.trainkit.runtime.cli", "TrainerSession");
  static final ClassName TRAINER_CLI = ClassName.get("org.trainkit.runtime.cli", "TrainerCli");
  static final ClassName CALLBACKS = ClassName.get("org.trainkit.runtime.callbacks", "Callbacks");

  static final ClassName MODULE = ClassName.get("dagger", "Module");
  static final ClassName PROVIDES = ClassName.get("dagger", "Provides");
  static final ClassName BINDS = ClassName.get("dagger", "Binds");
  static final ClassName BINDS_INSTANCE = ClassName.get("dagger", "BindsInstance");
  static final ClassName COMPONENT = ClassName.get("dagger", "Component");
  static final ClassName COMPONENT_FACTORY = COMPONENT.nestedClass("Factory");
  static final ClassName MULTIBINDS = ClassName.get("dagger.multibindings", "Multibinds");

  private TypeNames() {}
}
