package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.Spec;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HIPAA gate rule as a plain rule: no Spring, no engine, no database. */
class HipaaGateRuleTest {

  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  static final LocalDate GO_LIVE = LocalDate.of(2027, 3, 1);
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);

  static Gate gate(LocalDate goLive, LocalDate lastMaterialChange) {
    return new Gate("HIPAA-EHR-1-1", "EHR-1", "pi-1", "GO_LIVE", goLive, lastMaterialChange, false, "catalogue:1",
        "IN_PROGRESS", 1, "simon", AT, "EHR", "cloud", "HL7", "ADT", "simon", null, null, null, null);
  }

  static Spec spec(String specId, Integer maxAgeDays, boolean mustPostdateChange) {
    return new Spec("HIPAA-EHR-1-1", 0, specId, specId, "Administrative", "R", "R", "securityOfficer", maxAgeDays,
        mustPostdateChange, "a document");
  }

  static Evidence evidence(String specId, String disposition, LocalDate evidenceDate, Boolean annualReview) {
    return new Evidence(1L, "HIPAA-EHR-1-1", specId, 1, "EVIDENCED", null, null, "DOC-1", "1", null, evidenceDate,
        null, "carol", AT, disposition, disposition + " because", annualReview, "disposition:1", AT);
  }

  static Baa baa(int position, Boolean executed, LocalDate effective, LocalDate expiry, Boolean flowDown) {
    return new Baa(1L, "HIPAA-EHR-1-1", position, "Cloud Host Inc", executed, effective, expiry, flowDown, "BAA-1",
        "pat", AT, null);
  }

  static Baa inForce(int position) {
    return baa(position, true, LocalDate.of(2026, 1, 1), LocalDate.of(2029, 1, 1), true);
  }

  @Test
  void a_gate_with_every_specification_passed_and_every_baa_in_force_is_clear() {
    HipaaEvaluation evaluation = HipaaGateRule.evaluate(gate(GO_LIVE, null),
        List.of(spec("A", 365, false), spec("B", null, false)),
        Map.of("A", evidence("A", "PASS", TODAY.minusDays(30), true), "B", evidence("B", "PASS", null, false)),
        List.of(inForce(0)), TODAY);
    assertThat(evaluation.clear()).isTrue();
    assertThat(evaluation.passCount()).isEqualTo(2);
    assertThat(evaluation.annualReviewCount()).isEqualTo(1);
    assertThat(evaluation.summary()).isEqualTo("No blocking findings.");
  }

  @Test
  void undecided_blocked_and_stale_evidence_each_block_with_their_finding() {
    HipaaEvaluation evaluation = HipaaGateRule.evaluate(gate(GO_LIVE, null),
        List.of(spec("A", 365, false), spec("B", null, false), spec("C", 365, false), spec("D", null, false)),
        Map.of("B", evidence("B", "BLOCK", TODAY, false), "C", evidence("C", "PASS", TODAY.minusDays(366), false),
            "D", evidence("D", null, TODAY, false)),
        List.of(), TODAY);
    assertThat(evaluation.blockedSpecs()).containsExactly("A", "B", "C", "D");
    assertThat(evaluation.specFindings()).containsEntry("A", "no decided evidence")
        .containsEntry("B", "BLOCK because").containsEntry("D", "no decided evidence");
    assertThat(evaluation.specFindings().get("C")).startsWith("Stale evidence at evaluation");
    assertThat(evaluation.blockedCount()).isEqualTo(4);
    assertThat(evaluation.summary()).contains("A: no decided evidence\nB: BLOCK because");
  }

  @Test
  void evidence_not_newer_than_the_last_material_change_is_stale_where_the_specification_requires_it() {
    Gate changed = gate(GO_LIVE, TODAY.minusDays(10));
    Evidence before = evidence("A", "PASS", TODAY.minusDays(10), false);
    assertThat(HipaaGateRule.staleOn(TODAY, changed, spec("A", null, true), before)).isTrue();
    assertThat(HipaaGateRule.staleOn(TODAY, changed, spec("A", null, false), before)).isFalse();
    assertThat(HipaaGateRule.staleOn(TODAY, changed, spec("A", null, true), evidence("A", "PASS", TODAY.minusDays(9), false)))
        .isFalse();
    assertThat(HipaaGateRule.staleOn(TODAY, changed, spec("A", 5, true), evidence("A", "PASS", null, false)))
        .as("evidence without a date is not aged").isFalse();
  }

  @Test
  void a_baa_must_be_recorded_executed_in_force_on_go_live_and_flow_down() {
    Gate gate = gate(GO_LIVE, null);
    assertThat(HipaaGateRule.baaFinding(gate, inForce(0), TODAY)).isNull();
    assertThat(HipaaGateRule.baaFinding(gate, new Baa(null, "G", 0, "X", null, null, null, null, null, null, null, null),
        TODAY)).isEqualTo("BAA not yet recorded");
    assertThat(HipaaGateRule.baaFinding(gate, baa(0, false, null, null, true), TODAY)).contains("is not executed");
    assertThat(HipaaGateRule.baaFinding(gate, baa(0, true, GO_LIVE.plusDays(1), null, true), TODAY))
        .contains("takes effect only on 2027-03-02");
    assertThat(HipaaGateRule.baaFinding(gate, baa(0, true, null, GO_LIVE.minusDays(1), true), TODAY))
        .contains("expires on 2027-02-28, before 2027-03-01");
    assertThat(HipaaGateRule.baaFinding(gate, baa(0, true, null, null, false), TODAY))
        .contains("does not flow requirements down");
    assertThat(HipaaGateRule.baaFinding(gate(null, null), baa(0, true, null, TODAY.plusDays(1), true), TODAY))
        .as("without a go-live date the BAA must hold today").isNull();
  }

  @Test
  void failing_baas_are_findings_by_position() {
    HipaaEvaluation evaluation = HipaaGateRule.evaluate(gate(GO_LIVE, null), List.of(), Map.of(),
        List.of(inForce(0), baa(1, false, null, null, true)), TODAY);
    assertThat(evaluation.baaFindings()).containsOnlyKeys(1);
    assertThat(evaluation.summary()).isEqualTo("BAA #1: BAA with Cloud Host Inc is not executed");
  }
}
