package org.trainkit.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.OnEpochEnd;
import org.trainkit.annotations.Optimizer;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;
import org.trainkit.processor.descriptor.TrainableDescriptor;
import org.trainkit.processor.generation.TrainableWriter;
import org.trainkit.processor.model.AnnotationValues;
import org.trainkit.processor.model.KnownType;
import org.trainkit.processor.model.TrainableClass;
import org.trainkit.processor.model.TrainableClassReader;
import org.trainkit.processor.model.UnresolvedTypes;
import org.trainkit.processor.validation.Message;
import org.trainkit.processor.validation.TrainableValidator;
import org.trainkit.processor.validation.ValidationReport;

/**
 * Checks every {@code @Trainable} class against the training contract and generates its
 * adapter, Dagger module and component, and command-line entry point.
 *
 * <p>For each class, in order of qualified name: find types that do not resolve yet (and if so,
 * defer the class to the next round), read the class into a {@link TrainableClass}, validate it
 * (reporting every error at once) into a {@link TrainableDescriptor}, and only if it is valid,
 * write its four files from the descriptor, each with the
 * class as its one originating element. The processor never claims its annotations, and it
 * keeps nothing from one round to the next but the names of deferred classes.
 */
@AutoService(Processor.class)
public final class TrainableProcessor extends AbstractProcessor {

  private static final List<String> MEMBER_ANNOTATIONS =
      List.of(
          Model.class.getCanonicalName(),
          Preprocess.class.getCanonicalName(),
          Collate.class.getCanonicalName(),
          Forward.class.getCanonicalName(),
          Metric.class.getCanonicalName(),
          OnEpochEnd.class.getCanonicalName(),
          Optimizer.class.getCanonicalName());

  private static final String TRAINABLE = Trainable.class.getCanonicalName();

  /** Classes waiting for a type to be generated, by qualified name, with that type. */
  private final Map<String, String> deferred = new TreeMap<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> supported = new TreeSet<>(MEMBER_ANNOTATIONS);
    supported.add(TRAINABLE);
    return supported;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      reportUnresolved(round);
      return false;
    }
    Set<String> classes = new TreeSet<>(deferred.keySet());
    deferred.clear();
    TypeElement trainable = processingEnv.getElementUtils().getTypeElement(TRAINABLE);
    if (trainable == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(trainable)) {
      if (element instanceof TypeElement) {
        classes.add(((TypeElement) element).getQualifiedName().toString());
      }
    }
    for (String name : classes) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        process(type);
      }
    }
    reportMembersOutsideTrainableClasses(round);
    return false;
  }

  private void process(TypeElement type) {
    try {
      Optional<String> unresolved = UnresolvedTypes.in(type);
      if (unresolved.isPresent()) {
        deferred.put(type.getQualifiedName().toString(), unresolved.get());
        return;
      }
      Optional<String> missing = KnownType.firstMissing(processingEnv.getElementUtils());
      if (missing.isPresent()) {
        error(type, Message.RUNTIME_MISSING.format(missing.get(), type.getSimpleName()));
        return;
      }
      TrainableClass trainable = new TrainableClassReader(processingEnv.getTypeUtils()).read(type);
      ValidationReport report = new ValidationReport();
      Optional<TrainableDescriptor> descriptor =
          new TrainableValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils())
              .createIfValid(trainable, report);
      report.printTo(processingEnv.getMessager());
      if (descriptor.isEmpty()) {
        return;
      }
      for (JavaFile file : TrainableWriter.write(descriptor.get())) {
        file.writeTo(processingEnv.getFiler());
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      error(type, Message.PROCESSOR_ERROR.format(type.getQualifiedName(), trace));
    }
  }

  /** At the end, a class still deferred names the type that never resolved. */
  private void reportUnresolved(RoundEnvironment round) {
    if (!round.errorRaised()) {
      deferred.forEach(
          (name, type) -> {
            TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
            String text = Message.UNRESOLVED_TYPE.format(name, type);
            if (element == null) {
              processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text);
            } else {
              error(element, text);
            }
          });
    }
    deferred.clear();
  }

  /** A member annotation outside a {@code @Trainable} class would silently do nothing. */
  private void reportMembersOutsideTrainableClasses(RoundEnvironment round) {
    for (String annotationName : MEMBER_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(annotationName);
      if (annotation == null) {
        continue;
      }
      for (Element member : round.getElementsAnnotatedWith(annotation)) {
        Element owner = member.getEnclosingElement();
        boolean inTrainableClass =
            (owner.getKind().isClass() || owner.getKind().isInterface())
                && AnnotationValues.has(owner, TRAINABLE);
        if (inTrainableClass) {
          continue;
        }
        AnnotationMirror mirror = AnnotationValues.find(member, annotationName).orElseThrow();
        String simpleName = annotation.getSimpleName().toString();
        String ownerName =
            owner.getKind() == ElementKind.PACKAGE ? owner.toString() : owner.getSimpleName().toString();
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Message.NOT_TRAINABLE.format(simpleName, ownerName),
                member,
                mirror);
      }
    }
  }

  private void error(Element element, String text) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text, element);
  }
}
