package org.trainkit.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.trainkit.annotations.Collate;
import org.trainkit.annotations.Forward;
import org.trainkit.annotations.Metric;
import org.trainkit.annotations.Model;
import org.trainkit.annotations.OnEpochEnd;
import org.trainkit.annotations.Optimizer;
import org.trainkit.annotations.Preprocess;
import org.trainkit.annotations.Trainable;

/**
 * Reads a {@code @Trainable} class into a {@link TrainableClass}. It records what is declared
 * and judges nothing; call it only for classes whose types all resolve (see {@link
 * UnresolvedTypes}).
 */
public final class TrainableClassReader {

  private final Types types;

  public TrainableClassReader(Types types) {
    this.types = types;
  }

  public TrainableClass read(TypeElement type) {
    AnnotationMirror trainable =
        AnnotationValues.find(type, Trainable.class.getCanonicalName()).orElseThrow();
    GeneratedNames names = GeneratedNames.of(type);

    Optional<AnnotationValue> nameValue = AnnotationValues.explicit(trainable, "name");
    String name =
        nameValue
            .map(v -> v.getValue().toString())
            .filter(n -> !n.isEmpty())
            .orElse(type.getSimpleName().toString());

    Optional<AnnotationValue> readerValue = AnnotationValues.explicit(trainable, "reader");
    Optional<TypeMirror> reader =
        readerValue.flatMap(AnnotationValues::type).filter(t -> t.getKind() != TypeKind.VOID);

    Optional<AnnotationValue> optionsValue = AnnotationValues.explicit(trainable, "options");
    Optional<AnnotationValue> writerValue = AnnotationValues.explicit(trainable, "writer");

    List<ModuleReference> modules = new ArrayList<>();
    AnnotationValues.explicit(trainable, "modules")
        .map(AnnotationValues::entries)
        .orElse(List.of())
        .forEach(
            entry ->
                AnnotationValues.type(entry)
                    .ifPresent(t -> modules.add(new ModuleReference(t, entry))));
    List<ModuleBinding> bindings = moduleBindings(modules);

    Members members = new Members();
    for (Element enclosed : type.getEnclosedElements()) {
      for (AnnotationMirror mirror : enclosed.getAnnotationMirrors()) {
        members.add(new AnnotatedMember(enclosed, mirror));
      }
    }

    return new TrainableClass(
        type,
        trainable,
        names,
        name,
        nameValue,
        reader,
        readerValue,
        modules,
        bindings,
        members.models,
        members.preprocessors,
        members.collators,
        members.forwards,
        members.metrics,
        members.epochEndHooks,
        members.optimizers,
        supertype(type, KnownType.DATA_DEPENDENT),
        supertype(type, KnownType.PREDICTION_RENDERER),
        supertype(type, KnownType.USES_TRAINED_MODEL),
        supertype(type, KnownType.PREDICTS_PRETRAINED),
        writerValue.flatMap(AnnotationValues::type).filter(t -> t.getKind() != TypeKind.VOID),
        writerValue,
        optionsValue.flatMap(AnnotationValues::type).filter(t -> t.getKind() != TypeKind.VOID),
        optionsValue,
        AnnotationValues.explicit(trainable, "defaults").map(AnnotationValues::entries).orElse(List.of()));
  }

  /** The supertype of {@code type} that is {@code known}, as {@code type} sees it. */
  private Optional<DeclaredType> supertype(TypeElement type, KnownType known) {
    Deque<TypeMirror> pending = new ArrayDeque<>(types.directSupertypes(type.asType()));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      if (known.names((TypeElement) declared.asElement())) {
        return Optional.of(declared);
      }
      pending.addAll(types.directSupertypes(declared));
    }
    return Optional.empty();
  }

  /** The annotated members of a class, by annotation, in declaration order. */
  private static final class Members {
    final List<AnnotatedMember> models = new ArrayList<>();
    final List<AnnotatedMember> preprocessors = new ArrayList<>();
    final List<AnnotatedMember> collators = new ArrayList<>();
    final List<AnnotatedMember> forwards = new ArrayList<>();
    final List<MetricMember> metrics = new ArrayList<>();
    final List<AnnotatedMember> epochEndHooks = new ArrayList<>();
    final List<AnnotatedMember> optimizers = new ArrayList<>();

    void add(AnnotatedMember member) {
      String annotation = AnnotationValues.qualifiedName(member.annotation());
      if (annotation.equals(Model.class.getCanonicalName())) {
        models.add(member);
      } else if (annotation.equals(Preprocess.class.getCanonicalName())) {
        preprocessors.add(member);
      } else if (annotation.equals(Collate.class.getCanonicalName())) {
        collators.add(member);
      } else if (annotation.equals(Forward.class.getCanonicalName())) {
        forwards.add(member);
      } else if (annotation.equals(Metric.class.getCanonicalName())) {
        metrics.add(metric(member));
      } else if (annotation.equals(OnEpochEnd.class.getCanonicalName())) {
        epochEndHooks.add(member);
      } else if (annotation.equals(Optimizer.class.getCanonicalName())) {
        optimizers.add(member);
      }
    }

    private static MetricMember metric(AnnotatedMember member) {
      Optional<AnnotationValue> nameValue = AnnotationValues.explicit(member.annotation(), "name");
      String name =
          nameValue.map(v -> v.getValue().toString()).filter(n -> !n.isEmpty()).orElse(member.name());
      MetricMember.Kind kind =
          member.isMethod() && member.parameters().isEmpty()
              ? MetricMember.Kind.COMPUTER
              : MetricMember.Kind.AVERAGED;
      return new MetricMember(member, name, nameValue, kind);
    }
  }

  /**
   * Every unqualified, non-multibinding {@code @Provides} or {@code @Binds} method of the listed
   * modules and of the modules they include, in declaration order.
   */
  private List<ModuleBinding> moduleBindings(List<ModuleReference> modules) {
    List<ModuleBinding> bindings = new ArrayList<>();
    Deque<TypeMirror> pending = new ArrayDeque<>();
    modules.forEach(m -> pending.add(m.type()));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement module = (TypeElement) ((DeclaredType) next).asElement();
      Optional<AnnotationMirror> annotation =
          AnnotationValues.find(module, KnownType.DAGGER_MODULE.qualifiedName());
      if (annotation.isEmpty() || !seen.add(module.getQualifiedName().toString())) {
        continue;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(module.getEnclosedElements())) {
        if (bindsItsReturnType(method)) {
          bindings.add(new ModuleBinding(module, method, method.getReturnType()));
        }
      }
      AnnotationValues.explicit(annotation.get(), "includes")
          .map(AnnotationValues::entries)
          .orElse(List.of())
          .forEach(entry -> AnnotationValues.type(entry).ifPresent(pending::add));
    }
    return bindings;
  }

  private static boolean bindsItsReturnType(ExecutableElement method) {
    boolean binding =
        AnnotationValues.has(method, KnownType.DAGGER_PROVIDES.qualifiedName())
            || AnnotationValues.has(method, KnownType.DAGGER_BINDS.qualifiedName());
    boolean contribution =
        AnnotationValues.has(method, KnownType.INTO_SET.qualifiedName())
            || AnnotationValues.has(method, KnownType.INTO_MAP.qualifiedName())
            || AnnotationValues.has(method, KnownType.ELEMENTS_INTO_SET.qualifiedName());
    boolean qualified =
        method.getAnnotationMirrors().stream()
            .map(a -> a.getAnnotationType().asElement())
            .anyMatch(
                a ->
                    AnnotationValues.has(a, KnownType.JAVAX_QUALIFIER.qualifiedName())
                        || AnnotationValues.has(a, KnownType.JAKARTA_QUALIFIER.qualifiedName()));
    return binding && !contribution && !qualified;
  }
}
