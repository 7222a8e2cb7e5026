package org.trainkit.processor.generation;

import static org.trainkit.processor.generation.GeneratedTypes.className;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;
import org.trainkit.processor.descriptor.Creation;
import org.trainkit.processor.descriptor.OptionsDescriptor;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.model.KnownType;

/**
 * Writes {@code FooTrainerModule}: the Dagger module binding a {@code Foo} (when the module
 * creates it), the one {@code @TrainedInstance Foo} and the one {@code Trainer} of a component
 * (scoped), the {@code TrainableComponent} between them, the {@code Set<TrainerCallback>} of
 * extra callbacks, and the {@code DatasetReader} named on {@code @Trainable(reader = ...)}.
 */
final class ModuleWriter {

  private static final List<String> PROVIDER_NAMES =
      List.of("component", "trainer", "reader", "callbacks", "config", "options", "defaults");

  private final GeneratedTypes names;
  private final TrainableDescriptor trainable;

  ModuleWriter(GeneratedTypes names) {
    this.names = names;
    this.trainable = names.trainable();
  }

  JavaFile write() {
    TypeSpec.Builder module =
        TypeSpec.classBuilder(names.module())
            .addJavadoc(
                "Dagger bindings for training {@link $T}: the one {@code @$T $T}\n"
                    + "that is trained and the one {@link $T} for the bound {@link $T}\n"
                    + "(both scoped: every call on a component gives the same), the\n"
                    + "{@link $T} between them, and the {@link $T} of its data files.\n"
                    + "Other modules may add {@link $T}s with {@code @Provides @IntoSet}.\n",
                names.operation(),
                className(KnownType.TRAINED_INSTANCE),
                names.operation(),
                className(KnownType.TRAINER),
                className(KnownType.TRAINER_CONFIG),
                className(KnownType.TRAINABLE_COMPONENT),
                className(KnownType.DATASET_READER),
                className(KnownType.TRAINER_CALLBACK))
            .addAnnotation(GeneratedTypes.generatedAnnotation())
            .addAnnotation(className(KnownType.DAGGER_MODULE))
            .addModifiers(names.visibility())
            .addModifiers(Modifier.ABSTRACT)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    trainable.options().ifPresent(options -> module.addMethod(options(options)));
    if (trainable.instanceCreation() == Creation.NEW
        || trainable.instanceCreation() == Creation.NEW_WITH_OPTIONS) {
      module.addMethod(instance());
    }
    module.addMethod(trainedInstance()).addMethod(component()).addMethod(trainer());
    trainable.reader().ifPresent(reader -> module.addMethod(reader(reader)));
    module.addMethod(callbacks());
    return names.file(module);
  }

  private MethodSpec instance() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(names.instanceName(PROVIDER_NAMES))
            .addAnnotation(className(KnownType.DAGGER_PROVIDES))
            .addModifiers(Modifier.STATIC)
            .returns(names.operation());
    if (trainable.instanceCreation() == Creation.NEW_WITH_OPTIONS) {
      TypeName options = TypeName.get(trainable.options().orElseThrow().type());
      return method
          .addParameter(options, "options")
          .addStatement("return new $T(options)", names.operation())
          .build();
    }
    return method.addStatement("return new $T()", names.operation()).build();
  }

  /**
   * The options record, each option read from the configuration ({@code options:} in YAML,
   * {@code --set options.name=value}); an option the configuration does not hold keeps the
   * record's default.
   */
  private MethodSpec options(OptionsDescriptor options) {
    TypeName type = TypeName.get(options.type());
    List<CodeBlock> values = new ArrayList<>();
    for (OptionsDescriptor.Option option : options.options()) {
      values.add(
          CodeBlock.of(
              "options.value($S, $L, defaults.$N())",
              option.name(),
              GeneratedTypes.optionType(option),
              option.name()));
    }
    CodeBlock arguments =
        values.isEmpty()
            ? CodeBlock.of("")
            : CodeBlock.builder().add("\n").add(CodeBlock.join(values, ",\n")).build();
    return MethodSpec.methodBuilder("options")
        .addJavadoc("The options of the bound configuration; each not set keeps its default.\n")
        .addAnnotation(className(KnownType.DAGGER_PROVIDES))
        .addModifiers(Modifier.STATIC)
        .returns(type)
        .addParameter(className(KnownType.TRAINER_CONFIG), "config")
        .addStatement("$T defaults = $T.defaults()", type, type)
        .addStatement("$T options = config.options()", className(KnownType.COMPONENT_OPTIONS))
        .addStatement("return new $T($L)", type, arguments)
        .build();
  }

  /** The one instance the session trains, however the class itself is bound. */
  private MethodSpec trainedInstance() {
    String instance = names.instanceName(PROVIDER_NAMES);
    return MethodSpec.methodBuilder(names.trainedInstanceMethod())
        .addJavadoc("The instance that is trained: one for the component's lifetime.\n")
        .addAnnotation(className(KnownType.DAGGER_PROVIDES))
        .addAnnotation(className(KnownType.SINGLETON))
        .addAnnotation(className(KnownType.TRAINED_INSTANCE))
        .addModifiers(Modifier.STATIC)
        .returns(names.operation())
        .addParameter(names.operation(), instance)
        .addStatement("return $N", instance)
        .build();
  }

  private MethodSpec component() {
    String instance = names.instanceName(PROVIDER_NAMES);
    return MethodSpec.methodBuilder("component")
        .addAnnotation(className(KnownType.DAGGER_PROVIDES))
        .addModifiers(Modifier.STATIC)
        .returns(names.trainableComponent())
        .addParameter(
            ParameterSpec.builder(names.operation(), instance)
                .addAnnotation(className(KnownType.TRAINED_INSTANCE))
                .build())
        .addStatement("return $T.of($N)", names.adapter(), instance)
        .build();
  }

  private MethodSpec trainer() {
    return MethodSpec.methodBuilder("trainer")
        .addAnnotation(className(KnownType.DAGGER_PROVIDES))
        .addAnnotation(className(KnownType.SINGLETON))
        .addModifiers(Modifier.STATIC)
        .returns(names.trainer())
        .addParameter(names.trainableComponent(), "component")
        .addParameter(className(KnownType.TRAINER_CONFIG), "config")
        .addParameter(callbackSet(), "callbacks")
        .addStatement(
            "return new $T<>(component, config, $T.withDefaults(config, callbacks))",
            className(KnownType.TRAINER),
            className(KnownType.CALLBACKS))
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
    if (trainable.readerCreation() == Creation.INJECT_CONSTRUCTOR) {
      return method
          .addAnnotation(className(KnownType.DAGGER_BINDS))
          .addModifiers(Modifier.ABSTRACT)
          .addParameter(readerType, "reader")
          .build();
    }
    return method
        .addAnnotation(className(KnownType.DAGGER_PROVIDES))
        .addModifiers(Modifier.STATIC)
        .addStatement("return new $T()", readerType)
        .build();
  }

  private MethodSpec callbacks() {
    return MethodSpec.methodBuilder("callbacks")
        .addJavadoc(
            "The callbacks other modules add with {@code @IntoSet} (none by default). The\n"
                + "trainer reports to {@link $T#defaults} first (progress bar, printer, run\n"
                + "report), then to these.\n",
            className(KnownType.CALLBACKS))
        .addAnnotation(className(KnownType.MULTIBINDS))
        .addModifiers(Modifier.ABSTRACT)
        .returns(callbackSet())
        .build();
  }

  private static TypeName callbackSet() {
    return ParameterizedTypeName.get(ClassName.get(Set.class), className(KnownType.TRAINER_CALLBACK));
  }
}
