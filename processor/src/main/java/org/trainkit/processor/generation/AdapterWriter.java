package org.trainkit.processor.generation;

import static org.trainkit.processor.generation.GeneratedTypes.className;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.descriptor.WriterDescriptor;
import org.trainkit.processor.model.AnnotatedMember;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.MetricMember;

/**
 * Writes {@code FooTrainable}: the final {@code TrainableComponent<R, E, B>} that calls the
 * annotated members of a {@code Foo} directly, and its {@code DataDependent} and {@code
 * PredictionRenderer} methods when it implements them. What {@code Foo} does not have leaves the
 * interface's default in place.
 */
final class AdapterWriter {

  private static final String DELEGATE = "delegate";

  private final GeneratedTypes names;
  private final TrainableDescriptor trainable;

  AdapterWriter(GeneratedTypes names) {
    this.names = names;
    this.trainable = names.trainable();
  }

  JavaFile write() {
    TypeSpec.Builder adapter =
        TypeSpec.classBuilder(names.adapter())
            .addJavadoc(
                "The {@link $T} of {@link $T}: each method calls the member that\n"
                    + "carries the matching annotation, directly. Get one with {@link #of}.\n",
                className(KnownType.TRAINABLE_COMPONENT),
                names.operation())
            .addAnnotation(GeneratedTypes.generatedAnnotation())
            .addModifiers(names.visibility())
            .addModifiers(Modifier.FINAL)
            .addSuperinterface(names.trainableComponent())
            .addField(
                FieldSpec.builder(names.operation(), DELEGATE, Modifier.PRIVATE, Modifier.FINAL)
                    .build())
            .addMethod(constructor())
            .addMethod(factory())
            .addMethod(restore())
            .addMethod(restoreOnDevice())
            .addMethod(model());
    if (trainable.dataDependent()) {
      adapter.addMethod(fit()).addMethod(saveState()).addMethod(loadState());
    }
    adapter.addMethod(preprocess()).addMethod(collate()).addMethod(forward());
    if (!trainable.metrics().isEmpty()) {
      adapter.addMethod(metrics());
    }
    if (trainable.predictionRenderer()) {
      adapter.addMethod(predictions());
    }
    if (!trainable.epochEndHooks().isEmpty()) {
      adapter.addMethod(onEpochEnd());
    }
    trainable.optimizer().ifPresent(optimizer -> adapter.addMethod(optimizer(optimizer)));
    if (trainable.usesTrainedModel()) {
      adapter.addMethod(useTrainedModel());
    }
    if (trainable.predictsPretrained()) {
      adapter.addMethod(usePretrained());
    }
    trainable.writer().ifPresent(writer -> adapter.addMethod(predictionWriter(writer)));
    return names.file(adapter);
  }

  private TypeName trainedModel() {
    return ParameterizedTypeName.get(className(KnownType.TRAINED_MODEL), names.raw(), names.batch());
  }

  private MethodSpec restore() {
    String instance = names.instanceName(List.of());
    return MethodSpec.methodBuilder("restore")
        .addJavadoc(
            "Restores a trained run into {@code $N}: its fitted state and the best checkpoint's\n"
                + "parameters (else the last), on the default device. Close the returned model to\n"
                + "release its native memory.\n",
            instance)
        .addModifiers(names.visibility())
        .addModifiers(Modifier.STATIC)
        .returns(trainedModel())
        .addParameter(names.operation(), instance)
        .addParameter(Path.class, "runDirectory")
        .addException(IOException.class)
        .addStatement("return $T.restore(of($N), runDirectory)", className(KnownType.TRAINED_RUN), instance)
        .build();
  }

  private MethodSpec restoreOnDevice() {
    String instance = names.instanceName(List.of());
    return MethodSpec.methodBuilder("restore")
        .addJavadoc("Restores a trained run into {@code $N}, its model on {@code device}.\n", instance)
        .addModifiers(names.visibility())
        .addModifiers(Modifier.STATIC)
        .returns(trainedModel())
        .addParameter(names.operation(), instance)
        .addParameter(Path.class, "runDirectory")
        .addParameter(className(KnownType.DEVICE), "device")
        .addException(IOException.class)
        .addStatement(
            "return $T.restore(of($N), runDirectory, device)", className(KnownType.TRAINED_RUN), instance)
        .build();
  }

  private MethodSpec useTrainedModel() {
    return override("useTrainedModel")
        .returns(TypeName.BOOLEAN)
        .addParameter(trainedModel(), "model")
        .addStatement("$N.useTrainedModel(model)", DELEGATE)
        .addStatement("return true")
        .build();
  }

  private MethodSpec usePretrained() {
    return override("usePretrained").addStatement("$N.usePretrained()", DELEGATE).build();
  }

  private MethodSpec predictionWriter(WriterDescriptor writer) {
    TypeName type = TypeName.get(writer.type());
    return override("predictionWriter")
        .returns(ParameterizedTypeName.get(className(KnownType.PREDICTION_WRITER), names.raw(), names.batch()))
        .addStatement(writer.takesInstance()
            ? CodeBlock.of("return new $T($N)", type, DELEGATE)
            : CodeBlock.of("return new $T()", type))
        .build();
  }


  private MethodSpec constructor() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(names.operation(), DELEGATE)
        .addStatement("this.$N = $N", DELEGATE, DELEGATE)
        .build();
  }

  private MethodSpec factory() {
    String instance = names.instanceName(List.of());
    return MethodSpec.methodBuilder("of")
        .addJavadoc("The trainable component of {@code $N}.\n", instance)
        .addModifiers(names.visibility())
        .addModifiers(Modifier.STATIC)
        .returns(names.adapter())
        .addParameter(names.operation(), instance)
        .addStatement(
            "return new $T($T.requireNonNull($N, $S))",
            names.adapter(),
            Objects.class,
            instance,
            instance)
        .build();
  }

  private MethodSpec model() {
    AnnotatedMember model = trainable.model();
    CodeBlock access =
        model.isMethod()
            ? CodeBlock.of("$N.$N()", DELEGATE, model.name())
            : CodeBlock.of("$N.$N", DELEGATE, model.name());
    return override("model").returns(className(KnownType.BLOCK)).addStatement("return $L", access).build();
  }

  private MethodSpec fit() {
    return override("fit")
        .addParameter(ParameterizedTypeName.get(className(KnownType.DATASET), names.raw()), "trainingItems")
        .addStatement("$N.fit(trainingItems)", DELEGATE)
        .build();
  }

  private MethodSpec saveState() {
    return override("saveState")
        .addParameter(Path.class, "directory")
        .addException(IOException.class)
        .addStatement("$N.saveState(directory)", DELEGATE)
        .build();
  }

  private MethodSpec loadState() {
    return override("loadState")
        .addParameter(Path.class, "directory")
        .addException(IOException.class)
        .addStatement("$N.loadState(directory)", DELEGATE)
        .build();
  }

  private MethodSpec preprocess() {
    return override("preprocess")
        .returns(names.example())
        .addParameter(names.raw(), "item")
        .addStatement("return $N.$N(item)", DELEGATE, trainable.preprocess().name())
        .build();
  }

  private MethodSpec collate() {
    MethodSpec.Builder collate =
        override("collate")
            .returns(names.batch())
            .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), names.example()), "examples")
            .addParameter(className(KnownType.ND_MANAGER), "manager");
    if (trainable.collate().isPresent()) {
      return collate
          .addStatement("return $N.$N(examples, manager)", DELEGATE, trainable.collate().get().name())
          .build();
    }
    return collate
        .addComment("Without @Collate, NDList examples are stacked array by array.")
        .addStatement(
            "$T batch = $T.STACK.batchify(examples.toArray(new $T[0]))",
            className(KnownType.ND_LIST),
            className(KnownType.BATCHIFIER),
            className(KnownType.ND_LIST))
        .addStatement("batch.attach(manager)")
        .addStatement("return batch")
        .build();
  }

  private MethodSpec forward() {
    return override("forward")
        .returns(className(KnownType.FORWARD_RESULT))
        .addParameter(names.batch(), "batch")
        .addParameter(className(KnownType.FORWARD_CONTEXT), "context")
        .addStatement("return $N.$N(batch, context)", DELEGATE, trainable.forward().name())
        .build();
  }

  private MethodSpec metrics() {
    List<CodeBlock> computers =
        trainable.metrics().stream().map(AdapterWriter::metricsComputer).toList();
    CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", List.class);
    if (computers.size() == 1) {
      list.add("$L)", computers.get(0));
    } else {
      list.add("\n").add(CodeBlock.join(computers, ",\n")).add(")");
    }
    TypeName computerType = ParameterizedTypeName.get(className(KnownType.METRICS_COMPUTER), names.batch());
    return override("metrics")
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), computerType))
        .addStatement(list.build())
        .build();
  }

  private static CodeBlock metricsComputer(MetricMember metric) {
    String method = metric.member().name();
    if (metric.kind() == MetricMember.Kind.COMPUTER) {
      return CodeBlock.of("$N.$N()", DELEGATE, method);
    }
    return CodeBlock.of(
        "$T.averaged($S, $N::$N)", className(KnownType.METRICS_COMPUTER), metric.name(), DELEGATE, method);
  }

  private MethodSpec predictions() {
    return override("predictions")
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), className(KnownType.PREDICTION)))
        .addParameter(names.batch(), "batch")
        .addParameter(className(KnownType.ND_LIST), "output")
        .addStatement("return $N.predictions(batch, output)", DELEGATE)
        .build();
  }

  private MethodSpec onEpochEnd() {
    MethodSpec.Builder onEpochEnd =
        override("onEpochEnd").addParameter(className(KnownType.EPOCH_SUMMARY), "summary");
    for (AnnotatedMember hook : trainable.epochEndHooks()) {
      onEpochEnd.addStatement("$N.$N(summary)", DELEGATE, hook.name());
    }
    return onEpochEnd.build();
  }

  private MethodSpec optimizer(AnnotatedMember optimizer) {
    return override("optimizer")
        .returns(className(KnownType.STATEFUL_OPTIMIZER))
        .addParameter(className(KnownType.TRAINER_CONFIG), "config")
        .addStatement("return $N.$N(config)", DELEGATE, optimizer.name())
        .build();
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
