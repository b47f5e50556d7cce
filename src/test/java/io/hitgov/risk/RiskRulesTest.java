package io.hitgov.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.risk.RiskRecords.Risk;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The escalation ladder, its reasons and the register's rules as plain rules: no Spring, no engine. */
class RiskRulesTest {

  static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.UTC);

  /** An open risk as the register holds it: raised, then scored into {@code band}. */
  static Risk risk(String category, int impact, boolean safetyEvent, String band, String status) {
    return new RiskRecords.RaisedRisk("RISK-EHR-1-1", "EHR-1", "title", category, 3, impact, "mike", "carla", AT,
        status, "PROJECT_MANAGER", "PATIENT_SAFETY".equals(category), safetyEvent, null, "pi-1").asRow()
        .withScore(3, impact, 3 * impact, band);
  }

  @ParameterizedTest
  @CsvSource({
      "PROJECT_MANAGER, LOW, PMO",
      "PROJECT_MANAGER, MODERATE, PMO",
      "PMO, MODERATE, STEERING_COMMITTEE",
      "STEERING_COMMITTEE, MODERATE, STEERING_COMMITTEE",
      "PROJECT_MANAGER, HIGH, PMO",
      "PROJECT_MANAGER, EXTREME, STEERING_COMMITTEE",
      "PMO, HIGH, STEERING_COMMITTEE"})
  void each_escalation_climbs_one_level_or_straight_to_where_the_band_belongs(EscalationLevel from, String band,
      EscalationLevel to) {
    assertThat(from.escalated(band)).isEqualTo(to);
  }

  @Test
  void high_and_extreme_risks_start_above_the_project_manager() {
    assertThat(EscalationLevel.PROJECT_MANAGER.belowBand("HIGH")).isTrue();
    assertThat(EscalationLevel.PMO.belowBand("HIGH")).isFalse();
    assertThat(EscalationLevel.PMO.belowBand("EXTREME")).isTrue();
    assertThat(EscalationLevel.PROJECT_MANAGER.belowBand("MODERATE")).isFalse();
    assertThat(EscalationLevel.STEERING_COMMITTEE.top()).isTrue();
  }

  @Test
  void the_reasons_say_why_the_risk_went_up() {
    assertThat(EscalationReason.BAND.text("HIGH")).isEqualTo("HIGH risk: owned at this level from the start");
    assertThat(EscalationReason.PLAN_OVERDUE.text("LOW")).isEqualTo("No mitigation plan in time");
    assertThat(EscalationReason.REVIEW_OVERDUE.text("LOW")).isEqualTo("Review overdue");
    assertThat(RiskEscalationProcess.Values.ESCALATION_REASONS)
        .containsExactlyElementsOf(List.of(EscalationReason.values()).stream().map(Enum::name).toList());
  }

  @Test
  void the_fast_track_takes_patient_safety_risks_at_impact_3_and_every_safety_event() {
    assertThat(RiskPolicy.fastTrack(risk("PATIENT_SAFETY", 3, false, "MODERATE", "OPEN"))).isTrue();
    assertThat(RiskPolicy.fastTrack(risk("PATIENT_SAFETY", 2, false, "LOW", "OPEN"))).isFalse();
    assertThat(RiskPolicy.fastTrack(risk("TECHNICAL", 1, true, "LOW", "OPEN"))).isTrue();
    assertThat(RiskPolicy.fastTrack(risk("TECHNICAL", 5, false, "HIGH", "OPEN"))).isFalse();
  }

  @Test
  void accepting_a_high_or_extreme_risk_waits_for_the_steering_committee() {
    assertThat(RiskPolicy.statusAfterPlan("ACCEPT", "HIGH")).isEqualTo("ACCEPTANCE_PENDING");
    assertThat(RiskPolicy.statusAfterPlan("ACCEPT", "EXTREME")).isEqualTo("ACCEPTANCE_PENDING");
    assertThat(RiskPolicy.statusAfterPlan("ACCEPT", "MODERATE")).isEqualTo("ACCEPTED");
    assertThat(RiskPolicy.statusAfterPlan("MITIGATE", "EXTREME")).isEqualTo("MITIGATING");
    assertThat(RiskPolicy.needsSteeringAcceptance("TRANSFER", "EXTREME")).isFalse();
  }

  @Test
  void a_risk_cannot_close_while_containment_or_a_root_cause_analysis_is_open() {
    assertThat(RiskPolicy.safetyWorkOpen(List.of("RAISED", "FAST_TRACK"), null)).isTrue();
    assertThat(RiskPolicy.safetyWorkOpen(List.of("RAISED", "FAST_TRACK", "CONTAINED"), "MILD")).isFalse();
    assertThat(RiskPolicy.safetyWorkOpen(List.of("FAST_TRACK", "CONTAINED"), "SEVERE")).isTrue();
    assertThat(RiskPolicy.safetyWorkOpen(List.of("FAST_TRACK", "CONTAINED", "ROOT_CAUSE_ANALYSIS"), "DEATH")).isFalse();
    assertThat(RiskPolicy.safetyWorkOpen(List.of("RAISED"), null)).isFalse();
  }

  @Test
  void open_extreme_risks_and_unmitigated_patient_safety_high_risks_are_red_flags() {
    assertThat(RiskPolicy.redFlag(risk("BUDGET", 4, false, "EXTREME", "MITIGATING")))
        .hasValue("RISK-EHR-1-1 is open at EXTREME");
    assertThat(RiskPolicy.redFlag(risk("PATIENT_SAFETY", 4, false, "HIGH", "OPEN")))
        .hasValueSatisfying(flag -> assertThat(flag).contains("patient-safety risk at HIGH without accepted mitigation"));
    assertThat(RiskPolicy.redFlag(risk("PATIENT_SAFETY", 4, false, "HIGH", "MITIGATING"))).isEmpty();
    assertThat(RiskPolicy.redFlag(risk("BUDGET", 4, false, "HIGH", "OPEN"))).isEmpty();
    assertThat(RiskPolicy.redFlag(risk("BUDGET", 2, false, "LOW", "OPEN").withScore(1, 1, 1, null)))
        .as("not scored").isEmpty();
  }
}
