package org.trainkit.processor.generation;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.annotation.processing.Generated;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import org.trainkit.processor.descriptor.OptionsDescriptor;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.model.KnownType;

/**
 * What the four generated types of one {@code @Trainable} class share: their names, the flow
 * types, the {@code @Generated} annotation and how a type becomes a file.
 */
final class GeneratedTypes {

  /** The processor named by every {@code @Generated}; the processor's own name, as a string. */
  static final String PROCESSOR = "org.trainkit.processor.TrainableProcessor";

  private final TrainableDescriptor trainable;

  GeneratedTypes(TrainableDescriptor trainable) {
    this.trainable = trainable;
  }

  TrainableDescriptor trainable() {
    return trainable;
  }

  /** The annotated class. */
  ClassName operation() {
    return ClassName.get(trainable.type());
  }

  ClassName adapter() {
    return ClassName.get(trainable.names().packageName(), trainable.names().adapter());
  }

  ClassName module() {
    return ClassName.get(trainable.names().packageName(), trainable.names().module());
  }

  ClassName component() {
    return ClassName.get(trainable.names().packageName(), trainable.names().component());
  }

  ClassName daggerComponent() {
    return ClassName.get(trainable.names().packageName(), trainable.names().daggerComponent());
  }

  ClassName main() {
    return ClassName.get(trainable.names().packageName(), trainable.names().main());
  }

  /** {@code R}: the raw item type. */
  TypeName raw() {
    return TypeName.get(trainable.rawType());
  }

  /** {@code E}: the example type. */
  TypeName example() {
    return TypeName.get(trainable.exampleType());
  }

  /** {@code B}: the batch type. */
  TypeName batch() {
    return TypeName.get(trainable.batchType());
  }

  /** A runtime, DJL or Dagger type as generated code names it. */
  static ClassName className(KnownType known) {
    List<String> names = known.simpleNames();
    return ClassName.get(
        known.packageName(),
        names.get(0),
        names.subList(1, names.size()).toArray(new String[0]));
  }

  /**
   * The access of the generated types (and of the adapter's factory): public when the class is
   * public and nested only in public classes, else package-private like it.
   */
  Modifier[] visibility() {
    return trainable.isPublic() ? new Modifier[] {Modifier.PUBLIC} : new Modifier[0];
  }

  /** {@code TrainableComponent<R, E, B>}. */
  TypeName trainableComponent() {
    return ParameterizedTypeName.get(className(KnownType.TRAINABLE_COMPONENT), raw(), example(), batch());
  }

  /** {@code Trainer<R, E, B>}. */
  TypeName trainer() {
    return ParameterizedTypeName.get(className(KnownType.TRAINER), raw(), example(), batch());
  }

  /** {@code DatasetReader<R>}. */
  TypeName datasetReader() {
    return ParameterizedTypeName.get(className(KnownType.DATASET_READER), raw());
  }

  /** A variable name for the annotated class's instance: {@code tagger} for {@code Tagger}. */
  String instanceName(List<String> taken) {
    String simple = trainable.type().getSimpleName().toString();
    String name = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    return SourceVersion.isKeyword(name) || taken.contains(name) ? "instance" : name;
  }

  /** {@code trainedTagger} for {@code Tagger}: the module's method for the trained instance. */
  String trainedInstanceMethod() {
    return "trained" + trainable.type().getSimpleName();
  }

  /** The {@code OptionType} that reads and writes {@code option}: a constant, or one for its enum. */
  static CodeBlock optionType(OptionsDescriptor.Option option) {
    ClassName optionType = className(KnownType.OPTION_TYPE);
    if (option.kind() == OptionsDescriptor.Kind.ENUM) {
      return CodeBlock.of("$T.enumOf($T.values())", optionType, TypeName.get(option.type()));
    }
    return CodeBlock.of("$T.$L", optionType, option.kind().name());
  }

  static AnnotationSpec generatedAnnotation() {
    return AnnotationSpec.builder(Generated.class).addMember("value", "$S", PROCESSOR).build();
  }

  /** The file for a generated type; its one originating element is the annotated class. */
  JavaFile file(TypeSpec.Builder type) {
    return JavaFile.builder(
            trainable.names().packageName(),
            type.addOriginatingElement(trainable.type()).build())
        .skipJavaLangImports(true)
        .build();
  }
}
