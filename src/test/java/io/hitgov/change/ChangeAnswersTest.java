package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The type rules of a raised change and the assessment's answers, as plain functions (no Spring, no engine). */
class ChangeAnswersTest {

  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  static final LocalDate GO_LIVE = LocalDate.of(2027, 6, 1);
  static final List<String> TEMPLATES = List.of("STD-PRINTER-MAPPING");

  @Test
  void a_normal_change_moving_go_live_names_a_new_future_date() {
    Map<String, Object> v = change("NORMAL", 1000, 0);
    v.put("movesGoLive", true);
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems())
        .containsExactly("newGoLiveDate is required when movesGoLive is true");
    v.put("newGoLiveDate", "2027-06-01");
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems())
        .containsExactly("newGoLiveDate 2027-06-01 is the current go-live date");
    v.put("newGoLiveDate", "2027-07-01");
    ChangeAnswers.RaiseCheck check = ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES);
    assertThat(check.problems()).isEmpty();
    assertThat(check.newGoLive()).isEqualTo(LocalDate.of(2027, 7, 1));
  }

  @Test
  void a_new_date_without_moving_go_live_is_refused() {
    Map<String, Object> v = change("NORMAL", 0, 0);
    v.put("newGoLiveDate", "2027-07-01");
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems())
        .containsExactly("newGoLiveDate is only for a change with movesGoLive true");
  }

  @Test
  void a_standard_change_uses_a_template_and_has_no_impact() {
    Map<String, Object> v = change("STANDARD", 0, 0);
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems())
        .containsExactly("standardTemplateId is required for a STANDARD change");
    v.put("standardTemplateId", "STD-PRINTER-MAPPING");
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems()).isEmpty();
    v.put("phiImpact", true);
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems()).singleElement().asString()
        .startsWith("a STANDARD change has no cost");
    v.put("standardTemplateId", "STD-OTHER");
    assertThat(ChangeAnswers.raise(v, GO_LIVE, TODAY, TEMPLATES).problems()).hasSize(2)
        .first().asString().contains("is not a pre-authorized template");
  }

  @Test
  void an_emergency_change_moves_no_baseline() {
    assertThat(ChangeAnswers.raise(change("EMERGENCY", 500, 0), GO_LIVE, TODAY, TEMPLATES).problems())
        .singleElement().asString().startsWith("an EMERGENCY change restores service");
    assertThat(ChangeAnswers.raise(change("EMERGENCY", 0, 0), GO_LIVE, TODAY, TEMPLATES).problems()).isEmpty();
  }

  @Test
  void an_assessment_names_each_bad_answer() {
    Map<String, Object> answers = new HashMap<>(Map.of("scopeChange", "HUGE", "criticalPath", "yes",
        "contingencyDrawPercent", 120, "backoutPlan", "restore"));
    assertThat(ChangeAnswers.assessment(answers)).containsExactly(
        "scopeChange must be one of " + ChangeRequestProcess.Values.SCOPE_CHANGES,
        "changeRisk must be one of " + ChangeRequestProcess.Values.RISKS,
        "implementationPlan is required",
        "criticalPath must be a Boolean, not yes",
        "contingencyDrawPercent must be a number 0..100");
    Map<String, Object> good = Map.of("scopeChange", ChangeRequestProcess.Values.SCOPE_CHANGES.get(0),
        "changeRisk", ChangeRequestProcess.Values.RISKS.get(0), "implementationPlan", "deploy",
        "backoutPlan", "restore", "criticalPath", false);
    assertThat(ChangeAnswers.assessment(good)).isEmpty();
  }

  private static Map<String, Object> change(String type, long cost, int days) {
    Map<String, Object> v = new HashMap<>();
    v.put("changeType", type);
    v.put("costImpact", cost);
    v.put("scheduleImpactDays", days);
    return v;
  }
}
