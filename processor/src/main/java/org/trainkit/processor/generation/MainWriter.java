package org.trainkit.processor.generation;

import static org.trainkit.processor.generation.GeneratedTypes.className;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.trainkit.processor.descriptor.OptionsDescriptor;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.model.KnownType;

/**
 * Writes {@code FooTrainerMain}: the command-line entry point, which hands the runtime's {@code
 * TrainerCli} a way to build a {@code DaggerFooTrainerComponent} for each configuration.
 */
final class MainWriter {

  private final GeneratedTypes names;

  MainWriter(GeneratedTypes names) {
    this.names = names;
  }

  JavaFile write() {
    TypeName strings = ArrayTypeName.of(String.class);
    TypeSpec.Builder main =
        TypeSpec.classBuilder(names.main())
            .addJavadoc(
                "Trains and evaluates {@link $T} from the command line; run it with\n"
                    + "{@code --help} for the subcommands and options.\n",
                names.operation())
            .addAnnotation(GeneratedTypes.generatedAnnotation())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethod(
                MethodSpec.methodBuilder("main")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addParameter(strings, "args")
                    .addStatement("$T.exit(run(args))", System.class)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("run")
                    .addJavadoc(
                        "Runs the command line and returns its exit code: 0 on success,\n"
                            + "1 when training fails, 2 on a usage or input error, 130 when\n"
                            + "Ctrl-C stopped training (after saving the last checkpoint).\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(TypeName.INT)
                    .addParameter(strings, "args")
                    .varargs()
                    .addStatement(
                        "return $T.run($Z$S, defaults(), config -> $T.factory().create(config), args)",
                        className(KnownType.TRAINER_CLI),
                        names.trainable().runName(),
                        names.daggerComponent())
                    .build())
            .addMethod(defaults());
    return names.file(main);
  }

  /**
   * What a new run starts from: trainkit's defaults, then the class's own for the loop's keys,
   * with the class's options at their defaults.
   */
  private MethodSpec defaults() {
    TrainableDescriptor trainable = names.trainable();
    ClassName config = className(KnownType.TRAINER_CONFIG);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("defaults")
            .addJavadoc(
                "The configuration a new run of {@link $T} starts from, before its file and\n"
                    + "command line: trainkit's defaults, then {@code @Trainable(defaults)},\n"
                    + "with the class's own options at their defaults.\n",
                names.operation())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(config);
    CodeBlock.Builder built = CodeBlock.builder().add("$T.builder()", config);
    if (trainable.options().isPresent()) {
      OptionsDescriptor options = trainable.options().get();
      TypeName type = TypeName.get(options.type());
      method.addStatement("$T options = $T.defaults()", type, type);
      built.add("\n.options($T.builder()", className(KnownType.COMPONENT_OPTIONS)).indent().indent();
      for (OptionsDescriptor.Option option : options.options()) {
        built.add(
            "\n.add($S, $L, options.$N())",
            option.name(),
            GeneratedTypes.optionType(option),
            option.name());
      }
      built.add("\n.build())").unindent().unindent();
    }
    built.add("\n.build()");
    if (trainable.loopDefaults().isEmpty()) {
      return method.addStatement("return $L", built.build()).build();
    }
    List<CodeBlock> entries = new ArrayList<>();
    trainable
        .loopDefaults()
        .forEach((key, value) -> entries.add(CodeBlock.of("$T.entry($S, $S)", Map.class, key, value)));
    return method
        .addStatement("$T base = $L", config, built.build())
        .addStatement(
            "return $T.withOverrides(base, $T.ofEntries(\n$L))",
            className(KnownType.TRAINER_CONFIG_YAML),
            Map.class,
            CodeBlock.join(entries, ",\n"))
        .build();
  }
}
