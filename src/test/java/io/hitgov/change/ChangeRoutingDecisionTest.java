package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ChangeRoutingDecision (docs/domain/change-control.md#routing), one case per routing rule C1-C19 and its edges: each case
 * sets the inputs that trigger the rule on an otherwise neutral NORMAL change (no cost, no slip,
 * no impact, no assessment answers) and expects exactly the rule's groups.
 */
class ChangeRoutingDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of(ChangeRequestProcess.ROUTING_RESOURCE))) {
      decision = dmn.parseDecision(ChangeRequestProcess.ROUTING_DECISION, in);
    }
  }

  /** Inputs as {@code name=value;name=value}; numbers, booleans and strings by their look. */
  static Map<String, Object> inputs(String spec) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("changeType", "NORMAL");
    if (!spec.isBlank()) {
      for (String pair : spec.split(";")) {
        String[] kv = pair.split("=");
        String value = kv[1].strip();
        Object typed = value.equals("true") || value.equals("false") ? Boolean.valueOf(value)
            : value.matches("-?\\d+") ? (Object) Long.valueOf(value)
            : value.matches("-?\\d+\\.\\d+") ? (Object) Double.valueOf(value) : value;
        inputs.put(kv[0].strip(), typed);
      }
    }
    return inputs;
  }

  static DmnDecisionResult route(Map<String, Object> inputs) {
    return dmn.evaluateDecision(decision, inputs);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "C1  | changeType=STANDARD                                     | ",
    "C2  | costImpact=25000;budgetSharePercent=1.0                 | projectManagers",
    "C2  | costImpact=-8000                                        | projectManagers",
    "C3  | costImpact=25001;budgetSharePercent=0.5                 | pmo finance",
    "C3  | costImpact=100000                                       | pmo finance",
    "C3  | costImpact=20000;budgetSharePercent=3.0                 | pmo finance",
    "C3  | costImpact=20000;budget=1000000                         | pmo finance",
    "C4  | costImpact=100001                                       | steeringCommittee",
    "C4  | costImpact=20000;budgetSharePercent=5.5                 | steeringCommittee",
    "C4  | costImpact=-20000;budget=300000                         | steeringCommittee",
    "C4  | contingencyDrawPercent=30                               | steeringCommittee",
    "C5  | newFunding=true                                         | finance executiveSponsor",
    "C5  | crossesFiscalYear=true                                  | finance executiveSponsor",
    "C5  | changesCapitalOperatingSplit=true                       | finance executiveSponsor",
    "C6  | scheduleImpactDays=5                                    | projectManagers",
    "C7  | scheduleImpactDays=10;criticalPath=true                 | pmo",
    "C8  | movesGate=true                                          | steeringCommittee",
    "C8  | scheduleImpactDays=11                                   | steeringCommittee",
    "C9  | movesGoLive=true                                        | executiveSponsor steeringCommittee",
    "C10 | scopeChange=MINOR_ADDITION                              | pmo",
    "C11 | scopeChange=NEW_MODULE                                  | steeringCommittee",
    "C11 | scopeChange=CLINICIAN_VISIBLE_REMOVAL                   | steeringCommittee",
    "C12 | clinicalContentImpact=true                              | cmio",
    "C13 | patientSafetyImpact=true                                | cmio patientSafety",
    "C14 | phiImpact=true                                          | securityOfficer privacyOfficer",
    "C15 | interfaceImpact=true                                    | integration",
    "C16 | changeRisk=MODERATE                                     | changeAdvisoryBoard",
    "C16 | changeRisk=HIGH                                         | changeAdvisoryBoard",
    "C17 | changeRisk=LOW                                          | pmo",
    "C18 | changeType=EMERGENCY                                    | changeAdvisoryBoard",
    "C19 | changeType=EMERGENCY;inFreezeWindow=true                | changeAdvisoryBoard pmo",
  })
  void each_rule_routes_to_its_approvers(String rule, String spec, String groups) {
    DmnDecisionResult result = route(inputs(spec));
    assertThat(result.collectEntries("ruleId")).as("rules matched").containsOnly(
        "C19".equals(rule) ? new Object[] {"C18", "C19"} : new Object[] {rule});
    List<String> expected = groups == null ? List.of() : Arrays.asList(groups.strip().split("\\s+"));
    assertThat(result.collectEntries("approverGroup")).as("approvers").containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "no rule: {0}")
  @CsvSource(delimiter = '|', value = {
    "costImpact=0",
    "scheduleImpactDays=0",
    "scheduleImpactDays=6;criticalPath=false",
    "scopeChange=NONE",
    "changeType=EMERGENCY",
  })
  void edges_that_need_no_extra_approver(String spec) {
    DmnDecisionResult result = route(inputs(spec));
    List<Object> rules = result.collectEntries("ruleId");
    assertThat(rules).as(spec).isSubsetOf("C18");
  }

  @Test
  void rules_combine_into_the_union_of_their_groups() {
    DmnDecisionResult result = route(inputs("costImpact=60000;budgetSharePercent=3.0;movesGoLive=true;"
        + "patientSafetyImpact=true;changeRisk=HIGH"));
    assertThat(result.collectEntries("ruleId")).containsExactly("C3", "C3", "C3", "C3", "C9", "C9", "C13", "C13", "C16");
    assertThat(result.collectEntries("approverGroup")).containsOnly("pmo", "finance", "executiveSponsor",
        "steeringCommittee", "cmio", "patientSafety", "changeAdvisoryBoard");
  }

  @Test
  void an_emergency_is_authorized_by_the_emergency_cab_and_the_owners_of_what_it_touches() {
    // cost, schedule and go-live rules are for NORMAL changes: the process refuses them on an emergency
    DmnDecisionResult result = route(inputs("changeType=EMERGENCY;costImpact=500000;interfaceImpact=true;"
        + "patientSafetyImpact=true"));
    assertThat(result.collectEntries("ruleId")).containsExactly("C13", "C13", "C15", "C18");
    assertThat(result.collectEntries("approverGroup")).containsOnly("cmio", "patientSafety", "integration",
        "changeAdvisoryBoard");
  }

  @Test
  void a_standard_change_needs_no_approver_even_with_flags() {
    DmnDecisionResult result = route(inputs("changeType=STANDARD;clinicalContentImpact=true"));
    assertThat(result.collectEntries("ruleId")).containsExactly("C1");
    assertThat(result.collectEntries("approverGroup")).isEmpty();
  }
}
