package org.trainkit.processor.generation;

import static org.trainkit.processor.generation.GeneratedTypes.className;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
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
                        "return $T.run($Z$S, config -> $T.factory().create(config), args)",
                        className(KnownType.TRAINER_CLI),
                        names.trainable().runName(),
                        names.daggerComponent())
                    .build());
    return names.file(main);
  }
}
