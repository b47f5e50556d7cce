package io.hitgov.system;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Boundaries the code must keep; each rule names what it protects. */
@AnalyzeClasses(packages = "io.hitgov", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * A delegate or listener bean is reachable from a model only with {@code @ModelCallable} naming
   * the process keys it serves (docs/model-policy.md); a bean without it could not be used by any
   * model, so every such bean must say which models it serves.
   */
  @ArchTest
  static final ArchRule delegate_and_listener_beans_declare_the_models_they_serve = classes()
      .that().areAnnotatedWith(Component.class)
      .and(assignableTo(JavaDelegate.class).or(assignableTo(TaskListener.class)).or(assignableTo(ExecutionListener.class)))
      .should().beAnnotatedWith(ModelCallable.class)
      .allowEmptyShould(false);

  /** Only the model-policy wiring touches the engine's expression internals. */
  @ArchTest
  static final ArchRule only_the_model_policy_touches_the_expression_language = classes()
      .that().resideOutsideOfPackage("io.hitgov.system.deployment..")
      .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.camunda.bpm.impl.juel..",
          "org.camunda.bpm.engine.impl.el..", "org.camunda.bpm.engine.impl.scripting..");
}
