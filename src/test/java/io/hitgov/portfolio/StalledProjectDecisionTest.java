package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** StalledProjectDecision row by row, standalone (the DMN engine the watch uses), at and past each threshold. */
class StalledProjectDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = StalledProjectRules.dmnEngine();
    try (InputStream model = Files.newInputStream(Path.of(PortfolioWatchProcess.DECISION_RESOURCE))) {
      decision = dmn.parseDecision(PortfolioWatchProcess.DECISION, model);
    }
  }

  /** A healthy project in P3, far from go-live, with a valid HIPAA pass and recent activity. */
  static Map<String, Object> healthy() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("currentPhase", "P3");
    facts.put("phaseOverrunPercent", 0);
    facts.put("gateDecisionPendingBusinessDays", 0);
    facts.put("daysToGoLive", 200);
    facts.put("hardReadinessRed", false);
    facts.put("hipaaPassValid", true);
    facts.put("extremeRiskOpenBusinessDays", 0);
    facts.put("businessDaysSinceActivity", 1);
    return facts;
  }

  static Arguments row(String name, Object value, Map<String, Object> also, String... findings) {
    Map<String, Object> facts = healthy();
    facts.putAll(also);
    facts.put(name, value);
    return Arguments.of(name + "=" + value + " " + also, facts, List.of(findings));
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("healthy", healthy(), List.of()),
        row("phaseOverrunPercent", 20, Map.of()),
        row("phaseOverrunPercent", 21, Map.of(), "stalledPhase/phaseOverrun"),
        row("gateDecisionPendingBusinessDays", 10, Map.of()),
        row("gateDecisionPendingBusinessDays", 11, Map.of(), "overdueGate/gateDecisionOverdue"),
        row("hardReadinessRed", true, Map.of("daysToGoLive", 31)),
        row("hardReadinessRed", true, Map.of("daysToGoLive", 30), "stalledGoLive/readinessRed"),
        row("hardReadinessRed", true, Map.of("daysToGoLive", 10, "currentPhase", "P7")),
        row("hipaaPassValid", false, Map.of("daysToGoLive", 31)),
        row("hipaaPassValid", false, Map.of("daysToGoLive", 0), "stalledGoLive/noHipaaPass"),
        row("hipaaPassValid", false, Map.of("daysToGoLive", -1)),
        row("extremeRiskOpenBusinessDays", 2, Map.of()),
        row("extremeRiskOpenBusinessDays", 3, Map.of(), "stalledGoLive/extremeRiskOverdue"),
        row("businessDaysSinceActivity", 20, Map.of()),
        row("businessDaysSinceActivity", 21, Map.of(), "staleProject/noActivity"),
        row("hipaaPassValid", false, Map.of("daysToGoLive", 5, "hardReadinessRed", true, "phaseOverrunPercent", 50),
            "stalledPhase/phaseOverrun", "stalledGoLive/readinessRed", "stalledGoLive/noHipaaPass"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void each_row_fires_past_its_threshold_only(String name, Map<String, Object> facts, List<String> expected) {
    List<String> findings = dmn.evaluateDecision(decision, Variables.fromMap(facts)).stream()
        .map(row -> row.getEntry("incidentType") + "/" + row.getEntry("cause")).toList();
    assertThat(findings).containsExactlyInAnyOrderElementsOf(expected);
  }
}
