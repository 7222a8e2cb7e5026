package org.trainkit.processor.generation;

import static org.trainkit.processor.generation.GeneratedTypes.className;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.model.KnownType;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code FooTrainerComponent}: the Dagger component over {@code FooTrainerModule} and the
 * user's modules. It is the {@code TrainerSession} the command line works with; Dagger
 * implements it as {@code DaggerFooTrainerComponent}.
 */
final class ComponentWriter {

  private final GeneratedTypes names;
  private final TrainableDescriptor trainable;

  ComponentWriter(GeneratedTypes names) {
    this.names = names;
    this.trainable = names.trainable();
  }

  JavaFile write() {
    TypeSpec.Builder component =
        TypeSpec.interfaceBuilder(names.component())
            .addJavadoc(
                "Trains {@link $T}: {@code $T.factory().create(config)}\n"
                    + "gives a ready {@link $T}, the instance it trains and the {@link $T}\n"
                    + "of its data files. The trainer and the instance are created once per\n"
                    + "component; {@link #close()} releases the trainer.\n",
                names.operation(),
                names.daggerComponent(),
                className(KnownType.TRAINER),
                className(KnownType.DATASET_READER))
            .addAnnotation(GeneratedTypes.generatedAnnotation())
            .addAnnotation(className(KnownType.SINGLETON))
            .addAnnotation(componentAnnotation())
            .addModifiers(names.visibility())
            .addSuperinterface(ParameterizedTypeName.get(className(KnownType.TRAINER_SESSION), names.raw()))
            .addMethod(accessor("trainer", names.trainer()))
            .addMethod(accessor("reader", names.datasetReader()))
            .addMethod(instance())
            .addType(factory());
    return names.file(component);
  }


  private AnnotationSpec componentAnnotation() {
    AnnotationSpec.Builder annotation =
        AnnotationSpec.builder(className(KnownType.DAGGER_COMPONENT)).addMember("modules", "$T.class", names.module());
    for (TypeMirror module : trainable.userModules()) {
      annotation.addMember("modules", "$T.class", TypeName.get(module));
    }
    return annotation.build();
  }

  /** The trained instance, the very object inside {@code trainer()}. */
  private MethodSpec instance() {
    return MethodSpec.methodBuilder(names.instanceName(List.of("trainer", "reader", "close")))
        .addJavadoc("The instance {@link #trainer()} trains.\n")
        .addAnnotation(className(KnownType.TRAINED_INSTANCE))
        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
        .returns(names.operation())
        .build();
  }

  private static MethodSpec accessor(String name, TypeName type) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
        .returns(type)
        .build();
  }

  private TypeSpec factory() {
    ClassName factory = names.component().nestedClass("Factory");
    return TypeSpec.interfaceBuilder(factory)
        .addJavadoc("Creates the component for a configuration.\n")
        .addAnnotation(className(KnownType.DAGGER_COMPONENT).nestedClass("Factory"))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addMethod(
            MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(names.component())
                .addParameter(
                    ParameterSpec.builder(className(KnownType.TRAINER_CONFIG), "config")
                        .addAnnotation(className(KnownType.DAGGER_BINDS_INSTANCE))
                        .build())
                .build())
        .build();
  }
}
