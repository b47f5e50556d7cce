package io.hitgov.system;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.hitgov.shared.process.ModelCallable;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The package boundaries of docs/adr/0004-feature-packages.md, each rule naming what it protects:
 * features talk to each other through public services and ports, never through each other's tables.
 */
@AnalyzeClasses(packages = "io.hitgov", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final List<String> FEATURES = List.of("lifecycle", "stagegate", "change", "risk", "hipaa", "interop", "portfolio",
      "notification", "stakeholder");

  /** No two top-level packages depend on each other (directly or around a loop). */
  @ArchTest
  static final ArchRule top_level_packages_are_free_of_cycles = slices().matching("io.hitgov.(*)..")
      .should().beFreeOfCycles();

  /** {@code shared} is the floor: it depends on nothing of ours. */
  @ArchTest
  static final ArchRule shared_depends_on_nothing_of_ours = noClasses().that().resideInAPackage("io.hitgov.shared..")
      .should().dependOnClassesThat().resideInAnyPackage("io.hitgov.lifecycle..", "io.hitgov.stagegate..",
          "io.hitgov.change..", "io.hitgov.risk..", "io.hitgov.hipaa..", "io.hitgov.interop..", "io.hitgov.portfolio..",
          "io.hitgov.notification..", "io.hitgov.stakeholder..", "io.hitgov.system..")
      .allowEmptyShould(true);

  /** A feature's repositories and row records are its own; neighbours ask its services or ports. */
  @ArchTest
  static final ArchRule repositories_and_records_stay_inside_their_feature = CompositeArchRule.of(
      FEATURES.stream().map(ArchitectureTest::ownTables).toList());

  private static ArchRule ownTables(String feature) {
    String inside = "io.hitgov." + feature + "..";
    return classes().that().resideInAPackage(inside)
        .and().haveNameMatching(".*\\.[A-Za-z]+(Repository|Records)(\\$.*)?")
        .should().onlyBeAccessed().byAnyPackage(inside)
        .allowEmptyShould(true)
        .as(feature + "'s repositories and records are used only inside " + feature);
  }

  /**
   * The compiler enforces the rule above: repositories and row records are package-private, so
   * their controllers, delegates and listeners live in the feature's root package with them and
   * nothing outside can even name them. Public types of a feature are its services, ports, process
   * constants and the small view records they return.
   */
  @ArchTest
  static final ArchRule repositories_and_records_are_package_private = CompositeArchRule.of(
      FEATURES.stream().map(ArchitectureTest::packagePrivateTables).toList());

  private static ArchRule packagePrivateTables(String feature) {
    return classes().that().resideInAPackage("io.hitgov." + feature + "..")
        .and().haveNameMatching(".*\\.[A-Za-z]+(Repository|Records)")
        .should().notBePublic().andShould().notBeProtected()
        .allowEmptyShould(false)
        .as(feature + "'s repositories and row records are package-private");
  }

  /**
   * Camunda's internal API ({@code org.camunda.bpm.engine.impl..}) only in the wrapped places that
   * docs/adr/0004-feature-packages.md lists: the engine plugins and error mapping in {@code shared}
   * and {@code system}; features use only the engine's public API.
   */
  @ArchTest
  static final ArchRule engine_internals_only_in_the_wrapped_places = noClasses()
      .that().resideOutsideOfPackages("io.hitgov.shared.process..", "io.hitgov.shared.web..",
          "io.hitgov.system.deployment..", "io.hitgov.system.security..")
      .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..");

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

  /**
   * The portfolio reads the other features only through their public ports (set-based reads such as
   * {@code ProjectPortfolio}, {@code RiskPortfolio}), never their services that write, and no
   * feature it reads depends on it.
   */
  @ArchTest
  static final ArchRule the_portfolio_reads_features_through_their_ports = noClasses()
      .that().resideInAPackage("io.hitgov.portfolio..")
      .should().dependOnClassesThat().haveNameMatching("io\\.hitgov\\.(lifecycle|stagegate|change|risk|hipaa)\\..*(Service|Repository|Records|Delegates?|Listener|Controller)(\\$.*)?");

  @ArchTest
  static final ArchRule nothing_but_wiring_depends_on_the_portfolio = noClasses()
      .that().resideInAnyPackage("io.hitgov.lifecycle..", "io.hitgov.stagegate..", "io.hitgov.change..",
          "io.hitgov.risk..", "io.hitgov.hipaa..", "io.hitgov.shared..")
      .should().dependOnClassesThat().resideInAPackage("io.hitgov.portfolio..");

  /**
   * The stakeholder mailings (the status report, the monthly pack) read the portfolio only through
   * its rating rules and read ports, never its web layer, view or repositories.
   */
  @ArchTest
  static final ArchRule stakeholders_read_the_portfolio_through_its_ports = noClasses()
      .that().resideInAPackage("io.hitgov.stakeholder..")
      .should().dependOnClassesThat().haveNameMatching(
          "io\\.hitgov\\.portfolio\\.(?!(ProjectRag|WatchFindings|PortfolioRatings)(\\$.*)?$).*");

  /** Only the model-policy wiring touches the engine's expression and scripting internals. */
  @ArchTest
  static final ArchRule only_the_model_policy_touches_the_expression_language = classes()
      .that().resideOutsideOfPackage("io.hitgov.system.deployment..")
      .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.camunda.bpm.impl.juel..",
          "org.camunda.bpm.engine.impl.el..", "org.camunda.bpm.engine.impl.scripting..");

}
