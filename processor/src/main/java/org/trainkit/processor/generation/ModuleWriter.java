package org.trainkit.processor.generation;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;
import org.trainkit.processor.model.Construction;
import org.trainkit.processor.model.TrainableClass;

/**
 * Writes {@code FooTrainerModule}: the Dagger module binding a {@code Foo} (when the module can
 * create it), its {@code TrainableComponent}, its {@code Trainer}, the {@code
 * Set<TrainerCallback>} the trainer reports to (empty unless other modules contribute), and the
 * {@code DatasetReader} named on {@code @Trainable(reader = ...)}.
 */
final class ModuleWriter {

  private static final List<String> PROVIDER_NAMES =
      List.of("component", "trainer", "reader", "callbacks", "config");

  private final GeneratedTypes names;
  private final TrainableClass trainable;

  ModuleWriter(GeneratedTypes names) {
    this.names = names;
    this.trainable = names.trainable();
  }

  JavaFile write() {
    TypeSpec.Builder module =
        TypeSpec.classBuilder(names.module())
            .addJavadoc(
                "Dagger bindings for training {@link $T}: its {@link $T}, a {@link $T}\n"
                    + "for the bound {@link $T}, and the {@link $T} of its data files.\n"
                    + "Other modules may add {@link $T}s with {@code @Provides @IntoSet}.\n",
                names.operation(),
                TypeNames.TRAINABLE_COMPONENT,
                TypeNames.TRAINER,
                TypeNames.TRAINER_CONFIG,
                TypeNames.DATASET_READER,
                TypeNames.TRAINER_CALLBACK)
            .addAnnotation(GeneratedTypes.generatedAnnotation())
            .addAnnotation(TypeNames.MODULE)
            .addModifiers(visibility())
            .addModifiers(Modifier.ABSTRACT)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (trainable.moduleCreatesInstance()) {
      module.addMethod(instance());
    }
    module.addMethod(component()).addMethod(trainer());
    trainable.reader().ifPresent(reader -> module.addMethod(reader(reader)));
    module.addMethod(callbacks());
    return names.file(module);
  }

  private Modifier[] visibility() {
    return trainable.effectivelyPublic() ? new Modifier[] {Modifier.PUBLIC} : new Modifier[0];
  }

  private MethodSpec instance() {
    return MethodSpec.methodBuilder(names.instanceName(PROVIDER_NAMES))
        .addAnnotation(TypeNames.PROVIDES)
        .addModifiers(Modifier.STATIC)
        .returns(names.operation())
        .addStatement("return new $T()", names.operation())
        .build();
  }

  private MethodSpec component() {
    String instance = names.instanceName(PROVIDER_NAMES);
    return MethodSpec.methodBuilder("component")
        .addAnnotation(TypeNames.PROVIDES)
        .addModifiers(Modifier.STATIC)
        .returns(names.trainableComponent())
        .addParameter(names.operation(), instance)
        .addStatement("return $T.of($N)", names.adapter(), instance)
        .build();
  }

  private MethodSpec trainer() {
    return MethodSpec.methodBuilder("trainer")
        .addAnnotation(TypeNames.PROVIDES)
        .addModifiers(Modifier.STATIC)
        .returns(names.trainer())
        .addParameter(names.trainableComponent(), "component")
        .addParameter(TypeNames.TRAINER_CONFIG, "config")
        .addParameter(callbackSet(), "callbacks")
        .addStatement(
            "return new $T<>(component, config, $T.withDefaults(config, callbacks))",
            TypeNames.TRAINER,
            TypeNames.CALLBACKS)
        .build();
  }

  /**
   * The named reader: created here with {@code new} when it has a no-argument constructor, else
   * bound to its {@code @Inject} constructor.
   */
  private MethodSpec reader(TypeMirror reader) {
    TypeName readerType = TypeName.get(reader);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("reader").returns(names.datasetReader());
    if (trainable.readerConstruction() == Construction.INJECT_CONSTRUCTOR) {
      return method
          .addAnnotation(TypeNames.BINDS)
          .addModifiers(Modifier.ABSTRACT)
          .addParameter(readerType, "reader")
          .build();
    }
    return method
        .addAnnotation(TypeNames.PROVIDES)
        .addModifiers(Modifier.STATIC)
        .addStatement("return new $T()", readerType)
        .build();
  }

  private MethodSpec callbacks() {
    return MethodSpec.methodBuilder("callbacks")
        .addJavadoc(
            "The callbacks the trainer reports to: none, unless a module adds some with\n"
                + "{@code @IntoSet}.\n")
        .addAnnotation(TypeNames.MULTIBINDS)
        .addModifiers(Modifier.ABSTRACT)
        .returns(callbackSet())
        .build();
  }

  private static TypeName callbackSet() {
    return ParameterizedTypeName.get(TypeNames.SET, TypeNames.TRAINER_CALLBACK);
  }
}
