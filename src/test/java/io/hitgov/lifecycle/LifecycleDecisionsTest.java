package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.GovernanceGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GoLiveReadinessDecision (docs/domain/readiness.md#scorecard) and GateOutcomeDecision (docs/domain/lifecycle-and-gates.md#gate-outcomes) row by row, and the gate
 * catalogue tables (checklist, signatories) checked for completeness.
 */
class LifecycleDecisionsTest {

  static DmnEngine dmn;
  static DmnDecision readiness;
  static DmnDecision outcome;
  static DmnDecision checklist;
  static DmnDecision signatories;

  static DmnDecision parse(String file, String key) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return dmn.parseDecision(key, in);
    }
  }

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    readiness = parse(ImplementationLifecycleProcess.READINESS_RESOURCE, "GoLiveReadinessDecision");
    outcome = parse("processes/stage-gate-review/GateOutcomeDecision.dmn", "GateOutcomeDecision");
    checklist = parse("processes/stage-gate-review/StageGateChecklistDecision.dmn", "StageGateChecklistDecision");
    signatories = parse("processes/stage-gate-review/StageGateSignatoriesDecision.dmn", "StageGateSignatoriesDecision");
  }

  static Map<String, Object> allGreen() {
    Map<String, Object> inputs = new HashMap<>();
    IntStream.rangeClosed(1, 23).forEach(i -> inputs.put(String.format("r%02d", i), true));
    return inputs;
  }

  // ---------------------------------------------------------------- GoLiveReadinessDecision

  @ParameterizedTest(name = "{0} red: {1} ({2})")
  @CsvSource({
    "R01, NO_GO, HARD", "R02, NO_GO, HARD", "R03, NO_GO, HARD", "R04, NO_GO, HARD", "R05, NO_GO, HARD",
    "R06, NO_GO, HARD", "R07, NO_GO, HARD", "R08, NO_GO, HARD", "R09, NO_GO, HARD",
    "R10, GO_WITH_CONDITIONS, SOFT", "R11, NO_GO, HARD", "R12, NO_GO, HARD", "R13, NO_GO, HARD",
    "R14, GO_WITH_CONDITIONS, SOFT", "R15, GO_WITH_CONDITIONS, SOFT", "R16, GO_WITH_CONDITIONS, SOFT",
    "R17, NO_GO, HARD", "R18, GO_WITH_CONDITIONS, SOFT", "R19, GO_WITH_CONDITIONS, SOFT",
    "R20, GO_WITH_CONDITIONS, SOFT", "R21, NO_GO, HARD", "R22, NO_GO, HARD", "R23, GO_WITH_CONDITIONS, SOFT"})
  void one_red_criterion_decides_the_outcome(String criterion, String expected, String type) {
    Map<String, Object> inputs = allGreen();
    inputs.put(criterion.toLowerCase(), false);
    DmnDecisionResult result = dmn.evaluateDecision(readiness, inputs);
    assertThat(result.get(0)).containsEntry("readinessOutcome", expected).containsEntry("criterionId", criterion)
        .containsEntry("criterionType", type);
    assertThat(result).hasSize(2);
    assertThat(result.get(1)).containsEntry("readinessOutcome", "GO").doesNotContainKey("criterionId");
  }

  @Test
  void all_green_is_go() {
    DmnDecisionResult result = dmn.evaluateDecision(readiness, allGreen());
    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).containsEntry("readinessOutcome", "GO");
  }

  @Test
  void a_criterion_not_assessed_counts_as_red_and_hard_blockers_come_first() {
    Map<String, Object> inputs = allGreen();
    inputs.remove("r20");
    inputs.put("r06", false);
    DmnDecisionResult result = dmn.evaluateDecision(readiness, inputs);
    assertThat(result.collectEntries("criterionId")).containsExactly("R06", "R20");
    assertThat(result).hasSize(3);
    assertThat((String) result.get(0).get("readinessOutcome")).isEqualTo("NO_GO");
  }

  // ---------------------------------------------------------------- LifecycleTailoringDecision

  @ParameterizedTest(name = "{0}: runP2 {1}, runP8 {2}, clinical content {3}, n/a [{4}], added [{5}]")
  @CsvSource(delimiter = ';', value = {
    "EHR_REPLACEMENT; true; true; false; ; ", "EHR_UPGRADE; true; true; false; R07; ",
    "INTERFACE; true; true; false; R09,R10; ", "CDSS; true; true; true; R07; R21",
    "TELEHEALTH; true; true; false; R07; R22,R23", "SMALL_APPLICATION; false; false; false; R07,R10,R11,R12; "})
  void each_project_type_has_one_tailoring_row(String type, boolean runP2, boolean runP8, boolean clinical,
      String notApplicable, String added) throws IOException {
    DmnDecision tailoring = parse(ImplementationLifecycleProcess.TAILORING_RESOURCE, "LifecycleTailoringDecision");
    DmnDecisionResult result = dmn.evaluateDecision(tailoring, Map.of("projectType", type, "vendorSelectionRequired", true));
    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).containsEntry("runP2", runP2).containsEntry("runP8", runP8)
        .containsEntry("clinicalContentValidation", clinical)
        .containsEntry("readinessNotApplicable", notApplicable == null ? "" : notApplicable)
        .containsEntry("readinessAdded", added == null ? "" : added)
        .as("no output could skip the HIPAA gate or G6").containsOnlyKeys("runP2", "runP8", "clinicalContentValidation",
            "readinessNotApplicable", "readinessAdded");
    assertThat(dmn.evaluateDecision(tailoring, Map.of("projectType", type, "vendorSelectionRequired", false))
        .getSingleResult().<Boolean>getEntry("runP2")).as("P2 needs vendor selection").isFalse();
  }

  // ---------------------------------------------------------------- GateOutcomeDecision

  @ParameterizedTest(name = "terminate {0}, noGo {1}, recycle {2}, hard {3}, conditions {4}, soft {5} -> {6}")
  @CsvSource({
    // one row each
    "1, 0, 0, 0, 0, 0, TERMINATE",
    "0, 1, 0, 0, 0, 0, NO_GO",
    "0, 0, 1, 0, 0, 0, RECYCLE",
    "0, 0, 0, 1, 0, 0, NO_GO",
    "0, 0, 0, 0, 1, 0, GO_WITH_CONDITIONS",
    "0, 0, 0, 0, 0, 1, GO_WITH_CONDITIONS",
    "0, 0, 0, 0, 0, 0, GO",
    // precedence
    "1, 2, 1, 3, 1, 1, TERMINATE",
    "0, 1, 1, 0, 0, 0, NO_GO",
    "0, 0, 1, 2, 0, 0, RECYCLE",
    "0, 0, 0, 1, 2, 1, NO_GO",
    "0, 0, 0, 0, 1, 3, GO_WITH_CONDITIONS"})
  void votes_and_blockers_decide_the_gate(int terminate, int noGo, int recycle, int hard, int conditions, int soft,
      String expected) {
    Map<String, Object> inputs = Map.of("terminateVotes", terminate, "noGoVotes", noGo, "recycleVotes", recycle,
        "hardBlockers", hard, "conditionVotes", conditions, "softGaps", soft);
    assertThat((String) dmn.evaluateDecision(outcome, inputs).getSingleResult().getEntry("gateOutcome"))
        .isEqualTo(expected);
  }

  @Test
  void missing_inputs_are_absent_not_an_error() {
    assertThat((String) dmn.evaluateDecision(outcome, Map.of("softGaps", 1)).getSingleResult().getEntry("gateOutcome"))
        .isEqualTo("GO_WITH_CONDITIONS");
  }

  // ---------------------------------------------------------------- gate catalogue

  @ParameterizedTest
  @ValueSource(strings = {"G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"})
  void every_gate_has_hard_criteria_and_known_signatories(String gate) {
    DmnDecisionResult criteria = dmn.evaluateDecision(checklist, Map.of("gateId", gate));
    assertThat(criteria.collectEntries("hard")).contains(true);
    List<Object> ids = criteria.collectEntries("criterionId");
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat((String) id).startsWith(gate + "-"));
    List<Object> groups = dmn.evaluateDecision(signatories, Map.of("gateId", gate)).collectEntries("signatoryGroup");
    assertThat(groups).isNotEmpty().allSatisfy(g -> assertThat(GovernanceGroup.isKnown((String) g)).as((String) g).isTrue());
  }

  @Test
  void the_go_live_panel_includes_the_sponsor_and_both_hipaa_officials() {
    assertThat(dmn.evaluateDecision(signatories, Map.of("gateId", "G6")).collectEntries("signatoryGroup"))
        .contains("executiveSponsor", "steeringCommittee", "securityOfficer", "privacyOfficer", "cmio");
    assertThat(dmn.evaluateDecision(signatories, Map.of("gateId", "G2")).collectEntries("signatoryGroup"))
        .as("the contract gate needs the privacy official for the BAA").contains("privacyOfficer");
  }
}
