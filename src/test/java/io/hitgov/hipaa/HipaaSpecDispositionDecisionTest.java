package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HipaaSpecDispositionDecision (docs/domain/hipaa-gate.md#gate-rules), row by row, read from processes/ as deployed.
 * Columns: requirement, status, rationale documented, compensating control documented, evidence
 * age (days), validity window (days), evidence predates the last material change → disposition,
 * start of the reason, annual review flag.
 */
class HipaaSpecDispositionDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of(HipaaAuditGateProcess.DISPOSITION_RESOURCE))) {
      decision = dmn.parseDecision(HipaaAuditGateProcess.DISPOSITION_DECISION, in);
    }
  }

  static DmnDecisionResult evaluate(Map<String, Object> inputs) {
    return dmn.evaluateDecision(decision, inputs);
  }

  @ParameterizedTest(name = "{0} {1} rationale={2} control={3} age={4}/{5} predates={6} -> {7}")
  @CsvSource(nullValues = "null", value = {
    // row 1: evidenced and current (any requirement)
    "R,   EVIDENCED,           false, false, 30,   365,  false, PASS,  Evidenced and current,          false",
    "A,   EVIDENCED,           false, false, 365,  365,  false, PASS,  Evidenced and current,          false",
    "STD, EVIDENCED,           false, false, null, null, false, PASS,  Evidenced and current,          false",
    // row 2: stale evidence, by age or by material change
    "R,   EVIDENCED,           false, false, 366,  365,  false, BLOCK, Stale evidence,                 false",
    "A,   EVIDENCED,           false, false, 200,  180,  false, BLOCK, Stale evidence,                 false",
    "R,   EVIDENCED,           false, false, 20,   365,  true,  BLOCK, Stale evidence,                 false",
    // rows 3-4: not applicable needs a rationale
    "R,   NOT_APPLICABLE,      true,  false, null, 365,  false, PASS,  'Not applicable, rationale',    false",
    "A,   NOT_APPLICABLE,      true,  false, null, 365,  false, PASS,  'Not applicable, rationale',    false",
    "R,   NOT_APPLICABLE,      false, false, null, 365,  false, BLOCK, Not applicable without,         false",
    // rows 5-6: a gap always blocks
    "R,   GAP,                 true,  true,  null, 365,  false, BLOCK, Required specification has a gap, false",
    "STD, GAP,                 false, false, null, 365,  false, BLOCK, Required specification has a gap, false",
    "A,   GAP,                 true,  true,  null, 365,  false, BLOCK, Addressable specification,      false",
    // row 7: required specifications cannot be replaced or declined
    "R,   ALTERNATIVE_MEASURE, true,  true,  10,   365,  false, BLOCK, A required specification,       false",
    "R,   NOT_REASONABLE,      true,  false, null, 365,  false, BLOCK, A required specification,       false",
    "STD, NOT_REASONABLE,      true,  false, null, 365,  true,  BLOCK, A required specification,       false",
    // rows 8-11: addressable alternative measure
    "A,   ALTERNATIVE_MEASURE, true,  true,  10,   365,  false, PASS,  Alternative measure with,       false",
    "A,   ALTERNATIVE_MEASURE, true,  true,  400,  365,  false, BLOCK, Stale evidence for the alternative, false",
    "A,   ALTERNATIVE_MEASURE, false, true,  10,   365,  false, BLOCK, Alternative measure without a documented rationale, false",
    "A,   ALTERNATIVE_MEASURE, true,  false, 10,   365,  false, BLOCK, Alternative measure without a documented compensating, false",
    // rows 12-13: addressable, not reasonable and appropriate
    "A,   NOT_REASONABLE,      true,  false, null, 365,  false, PASS,  Not reasonable and appropriate, true",
    "A,   NOT_REASONABLE,      false, false, null, 365,  false, BLOCK, Not reasonable and appropriate without, false",
  })
  void each_row_decides_as_domain_md_says(String requirement, String status, boolean rationale, boolean control,
      Integer ageDays, Integer maxAgeDays, boolean predates, String disposition, String reason, boolean annualReview) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("requirement", requirement);
    inputs.put("status", status);
    inputs.put("rationaleDocumented", rationale);
    inputs.put("compensatingControlDocumented", control);
    inputs.put("evidenceAgeDays", ageDays);
    inputs.put("maxEvidenceAgeDays", maxAgeDays);
    inputs.put("evidencePredatesMaterialChange", predates);

    DmnDecisionResultEntries result = evaluate(inputs).getSingleResult();
    assertThat(result).as("exactly one rule matches").isNotNull();
    assertThat(result.<String>getEntry("disposition")).isEqualTo(disposition);
    assertThat(result.<String>getEntry("dispositionReason")).startsWith(reason);
    assertThat(result.<Boolean>getEntry("annualReview")).isEqualTo(annualReview);
  }

  @Test
  void inputs_the_process_derives_are_optional_and_absent_means_false() {
    // A PMO trying the table through /decision-definition/key/.../evaluate with the two inputs only.
    DmnDecisionResultEntries evidenced = evaluate(Map.of("requirement", "R", "status", "EVIDENCED")).getSingleResult();
    assertThat(evidenced.<String>getEntry("disposition")).isEqualTo("PASS");
    DmnDecisionResultEntries alternative = evaluate(Map.of("requirement", "A", "status", "ALTERNATIVE_MEASURE"))
        .getSingleResult();
    assertThat(alternative.<String>getEntry("disposition")).isEqualTo("BLOCK");
    assertThat(alternative.<String>getEntry("dispositionReason")).contains("without a documented rationale");
  }

  @Test
  void every_requirement_and_status_combination_has_exactly_one_rule() {
    for (String requirement : new String[] {"R", "A", "STD"}) {
      for (String status : HipaaAuditGateProcess.Values.EVIDENCE_STATUSES) {
        for (boolean rationale : new boolean[] {true, false}) {
          for (boolean control : new boolean[] {true, false}) {
            for (boolean predates : new boolean[] {true, false}) {
              Map<String, Object> inputs = new HashMap<>();
              inputs.put("requirement", requirement);
              inputs.put("status", status);
              inputs.put("rationaleDocumented", rationale);
              inputs.put("compensatingControlDocumented", control);
              inputs.put("evidencePredatesMaterialChange", predates);
              assertThat(evaluate(inputs)).as(inputs.toString()).hasSize(1);
            }
          }
        }
      }
    }
  }
}
