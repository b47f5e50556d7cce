package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The readiness scoring rules around GoLiveReadinessDecision, as plain functions (no Spring, no engine). */
class ReadinessPolicyTest {

  static final List<String> CRITERIA = List.of("R02", "R04", "R07", "R10");

  @Test
  void an_applicable_criterion_is_green_only_when_ticked_and_the_others_count_as_green() {
    ReadinessPolicy.Inputs inputs = ReadinessPolicy.inputs(CRITERIA, List.of("R02", "R04", "R10"),
        Map.of("r02", true, "r04", false));
    assertThat(inputs.values()).containsExactly(Map.entry("r02", true), Map.entry("r04", false),
        Map.entry("r07", true), Map.entry("r10", false));
    assertThat(inputs.notApplicable()).containsExactly("R07");
    assertThat(inputs.text()).isEqualTo("red: R04,R10; n/a: R07");
    assertThat(ReadinessPolicy.inputs(CRITERIA, CRITERIA, Map.of("r02", true, "r04", true, "r07", true, "r10", true))
        .text()).isEqualTo("all green");
  }

  @Test
  void before_t30_a_checkpoint_neither_raises_risks_nor_changes_the_proposal() {
    ReadinessPolicy.Actions actions = ReadinessPolicy.checkpoint(45, 30, 7, List.of("R04"), Set.of(), null);
    assertThat(actions.raiseRisksFor()).isEmpty();
    assertThat(actions.proposal()).isNull();
  }

  @Test
  void from_t30_each_red_hard_criterion_raises_one_risk_once() {
    ReadinessPolicy.Actions actions = ReadinessPolicy.checkpoint(30, 30, 7, List.of("R04", "R10"), Set.of("R10"), null);
    assertThat(actions.raiseRisksFor()).containsExactly("R04");
    assertThat(actions.proposal()).as("NO_GO only from T-7").isNull();
  }

  @Test
  void from_t7_a_red_hard_criterion_proposes_no_go_and_green_withdraws_it() {
    assertThat(ReadinessPolicy.checkpoint(7, 30, 7, List.of("R04"), Set.of("R04"), null).proposal()).isEqualTo("NO_GO");
    assertThat(ReadinessPolicy.checkpoint(1, 30, 7, List.of(), Set.of("R04"), "NO_GO").proposal()).isNull();
    assertThat(ReadinessPolicy.checkpoint(14, 30, 7, List.of(), Set.of(), "NO_GO").proposal())
        .as("before T-7 the proposal stays").isEqualTo("NO_GO");
  }
}
