package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rule around a LifecycleTailoringDecision row, as a plain function (no Spring, no engine). */
class TailoringTest {

  @Test
  void a_row_takes_criteria_away_and_adds_new_ones() {
    Tailoring tailoring = Tailoring.resolve("TELEHEALTH", false, true, false, " R05, R09 ,", "R21,R22");
    assertThat(tailoring.readinessCriteria()).contains("R01", "R04", "R20", "R21", "R22").doesNotContain("R05", "R09",
        "R23");
    assertThat(tailoring.skippedPhases()).containsExactly("P2");
  }

  @Test
  void an_empty_row_applies_the_default_criteria() {
    Tailoring tailoring = Tailoring.resolve("EHR_REPLACEMENT", true, true, false, null, "");
    assertThat(tailoring.readinessCriteria())
        .isEqualTo(ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA);
    assertThat(tailoring.skippedPhases()).isEmpty();
  }

  @Test
  void the_hipaa_risk_and_baa_criteria_cannot_be_tailored_away() {
    assertThatThrownBy(() -> Tailoring.resolve("CDSS", true, true, true, "R01,R03", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("R01 applies to every project").hasMessageContaining("R03 applies to every project");
  }

  @Test
  void an_unknown_criterion_stops_the_start() {
    assertThatThrownBy(() -> Tailoring.resolve("INTERFACE", true, false, false, "R99", "X1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown readiness criterion R99").hasMessageContaining("unknown readiness criterion X1");
  }

  @Test
  void version_one_projects_are_untailored() {
    assertThat(Tailoring.untailored(false).skippedPhases()).containsExactly("P2");
    assertThat(Tailoring.untailored(true).skippedPhases()).isEmpty();
  }
}
