package io.hitgov.portfolio;

import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.shared.process.RememberingFeelEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code StalledProjectDecision}, the table the PMO edits, evaluated for every active project in
 * memory: the latest deployed version is looked up once per sweep and parsed once per version, so
 * the sweep's statements do not grow with the portfolio (one decision evaluation per project through
 * the engine's DecisionService would look the definition up and write history per project).
 * The table's FEEL is Camunda's, remembering what can only depend on one value
 * ({@link RememberingFeelEngine}): the sweep asks the same few questions of every project.
 * Each matching row names an incident type and a cause; the cause decides the message.
 */
@Component
class StalledProjectRules {

  /** The causes the shipped table yields; a cause a PMO adds gets a generic message. */
  static final String PHASE_OVERRUN = "phaseOverrun";
  static final String GATE_DECISION_OVERDUE = "gateDecisionOverdue";
  static final String READINESS_RED = "readinessRed";
  static final String NO_HIPAA_PASS = "noHipaaPass";
  static final String EXTREME_RISK_OVERDUE = "extremeRiskOverdue";
  static final String NO_ACTIVITY = "noActivity";

  private final RepositoryService repository;
  private final DmnEngine dmn = dmnEngine();
  private final AtomicReference<Parsed> cache = new AtomicReference<>();

  private record Parsed(String definitionId, DmnDecision decision) {}

  StalledProjectRules(RepositoryService repository) {
    this.repository = repository;
  }

  /** Camunda's DMN engine with Camunda's FEEL, remembering what can only depend on one value. */
  static DmnEngine dmnEngine() {
    return RememberingFeelEngine.dmnEngineConfiguration().buildEngine();
  }

  /** The decision's latest version, parsed (one statement when the version is already parsed). */
  DmnDecision latest() {
    DecisionDefinition definition = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(PortfolioWatchProcess.DECISION).latestVersion().singleResult();
    if (definition == null) {
      throw new IllegalStateException(PortfolioWatchProcess.DECISION + " is not deployed");
    }
    Parsed parsed = cache.get();
    if (parsed == null || !parsed.definitionId().equals(definition.getId())) {
      try (InputStream model = repository.getDecisionModel(definition.getId())) {
        parsed = new Parsed(definition.getId(), dmn.parseDecision(PortfolioWatchProcess.DECISION, model));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cache.set(parsed);
    }
    return parsed.decision();
  }

  /** The findings for one project, one per matching row (duplicates of a cause collapse). */
  List<Finding> evaluate(DmnDecision decision, ProjectFacts facts) {
    Map<String, Object> variables = facts.variables();
    List<Finding> findings = new ArrayList<>();
    for (DmnDecisionResultEntries row : dmn.evaluateDecision(decision, Variables.fromMap(variables))) {
      String type = row.getEntry("incidentType");
      String cause = row.getEntry("cause");
      if (type == null || cause == null) {
        continue;
      }
      Finding finding = finding(facts, type, cause);
      if (findings.stream().noneMatch(f -> f.configuration().equals(finding.configuration()) && f.type().equals(type))) {
        findings.add(finding);
      }
    }
    return findings;
  }

  static Finding finding(ProjectFacts facts, String type, String cause) {
    var p = facts.project();
    LocalDate today = facts.today();
    return switch (cause) {
      case PHASE_OVERRUN -> {
        LocalDate end = p.phasePlannedEnd();
        long planned = ChronoUnit.DAYS.between(p.phasePlannedStart(), end) + 1;
        yield new Finding(p.projectId(), p.processInstanceId(), type, cause, p.currentPhase(), end,
            "Phase " + p.currentPhase() + " overran its plan: planned end " + end + ", "
                + ProjectFacts.businessDaysBetween(end, today) + " business days late on " + today + " (planned "
                + planned + " days, " + facts.phaseOverrunPercent() + " % over)");
      }
      case GATE_DECISION_OVERDUE -> {
        var gate = facts.pendingGate();
        LocalDate opened = ProjectFacts.date(gate.openedAt());
        yield new Finding(p.projectId(), p.processInstanceId(), type, cause, gate.gateId(), opened,
            "Gate " + gate.gateId() + " decision pending since " + opened + " (review " + gate.reviewId() + " round "
                + gate.round() + ", " + facts.businessDaysSince(opened) + " business days)");
      }
      case READINESS_RED -> {
        LocalDate scored = ProjectFacts.date(p.readinessScoredAt());
        yield new Finding(p.projectId(), p.processInstanceId(), type, cause, "readiness", scored,
            "Go-live " + p.goLiveDate() + " (in " + ChronoUnit.DAYS.between(today, p.goLiveDate())
                + " days) with red hard readiness criteria " + p.readinessRedHard() + " since the scoring of " + scored);
      }
      case NO_HIPAA_PASS -> new Finding(p.projectId(), p.processInstanceId(), type, cause, "hipaa", p.goLiveDate(),
          "Go-live " + p.goLiveDate() + " (in " + ChronoUnit.DAYS.between(today, p.goLiveDate())
              + " days) without a valid HIPAA audit gate PASS, found on " + today);
      case EXTREME_RISK_OVERDUE -> {
        var risk = facts.extremeRisk();
        LocalDate raised = ProjectFacts.date(risk.raisedAt());
        yield new Finding(p.projectId(), p.processInstanceId(), type, cause, risk.riskId(), raised,
            "EXTREME risk " + risk.riskId() + " open since " + raised + " (" + facts.businessDaysSince(raised)
                + " business days)");
      }
      case NO_ACTIVITY -> {
        LocalDate last = ProjectFacts.date(p.lastActivity());
        yield new Finding(p.projectId(), p.processInstanceId(), type, cause, "activity", last,
            "No governance activity since " + last + " (" + facts.businessDaysSince(last) + " business days)");
      }
      default -> new Finding(p.projectId(), p.processInstanceId(), type, cause, "rule", today,
          PortfolioWatchProcess.DECISION + " found '" + cause + "' on " + today);
    };
  }

  static boolean knownType(String type) {
    return IncidentTypes.ALL.contains(type);
  }
}
