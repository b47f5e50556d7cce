package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The change freeze as a plain rule: no Spring, no engine. */
class FreezePolicyTest {

  static final LocalDate GO_LIVE = LocalDate.of(2027, 5, 3);
  final FreezePolicy policy = new FreezePolicy(14, 14);

  @Test
  void the_window_runs_from_fourteen_days_before_to_fourteen_days_after_go_live_both_included() {
    FreezePolicy.Window window = policy.window(GO_LIVE);
    assertThat(window.from()).isEqualTo(LocalDate.of(2027, 4, 19));
    assertThat(window.to()).isEqualTo(LocalDate.of(2027, 5, 17));
    assertThat(window.contains(LocalDate.of(2027, 4, 18))).isFalse();
    assertThat(window.contains(LocalDate.of(2027, 4, 19))).isTrue();
    assertThat(window.contains(LocalDate.of(2027, 5, 17))).isTrue();
    assertThat(window.contains(LocalDate.of(2027, 5, 18))).isFalse();
  }

  @Test
  void only_emergency_changes_are_raised_in_the_freeze() {
    LocalDate inside = GO_LIVE.minusDays(3);
    assertThat(policy.refusesRaising("EHR-1", GO_LIVE, "NORMAL", inside)).hasValueSatisfying(problem ->
        assertThat(problem).contains("EHR-1 is in its change freeze (2027-04-19 to 2027-05-17)"));
    assertThat(policy.refusesRaising("EHR-1", GO_LIVE, "STANDARD", inside)).isPresent();
    assertThat(policy.refusesRaising("EHR-1", GO_LIVE, "EMERGENCY", inside)).isEmpty();
    assertThat(policy.refusesRaising("EHR-1", GO_LIVE, "NORMAL", GO_LIVE.minusDays(15))).isEmpty();
  }

  @Test
  void in_the_freeze_only_configuration_changes_wait_for_their_first_implementation() {
    LocalDate inside = GO_LIVE.plusDays(1);
    assertThat(policy.refusesImplementing("CR-1", GO_LIVE, "NORMAL", true, true, inside)).isPresent();
    assertThat(policy.refusesImplementing("CR-1", GO_LIVE, "NORMAL", false, true, inside))
        .as("a re-baseline goes ahead").isEmpty();
    assertThat(policy.refusesImplementing("CR-1", GO_LIVE, "NORMAL", true, false, inside))
        .as("a fix after a failed verification goes ahead").isEmpty();
    assertThat(policy.refusesImplementing("CR-1", GO_LIVE, "EMERGENCY", true, true, inside)).isEmpty();
    assertThat(policy.refusesImplementing("CR-1", GO_LIVE, "NORMAL", true, true, GO_LIVE.plusDays(15))).isEmpty();
  }
}
