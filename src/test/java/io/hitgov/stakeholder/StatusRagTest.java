package io.hitgov.stakeholder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status report's RAG rules (docs/notifications.md#status-report), without Spring. */
class StatusRagTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  @Test
  void schedule_turns_amber_for_any_slip_or_overrun_and_red_past_30_days_or_the_stall_tolerance() {
    LocalDate start = TODAY.minusDays(99);
    LocalDate end = TODAY.plusDays(10); // a 110-day phase: 22 days tolerance at 20 %
    LocalDate baseline = LocalDate.of(2027, 9, 1);
    assertThat(StatusRag.schedule(baseline, baseline, start, end, 20, TODAY)).isEqualTo("GREEN");
    assertThat(StatusRag.schedule(baseline.plusDays(30), baseline, start, end, 20, TODAY)).isEqualTo("AMBER");
    assertThat(StatusRag.schedule(baseline.plusDays(31), baseline, start, end, 20, TODAY)).isEqualTo("RED");
    assertThat(StatusRag.schedule(baseline, baseline, start.minusDays(20), TODAY.minusDays(1), 20, TODAY))
        .isEqualTo("AMBER");
    LocalDate overrunStart = TODAY.minusDays(133);
    LocalDate overrunEnd = TODAY.minusDays(24); // 110 days, 24 days over: past 22
    assertThat(StatusRag.schedule(baseline, baseline, overrunStart, overrunEnd, 20, TODAY)).isEqualTo("RED");
    assertThat(StatusRag.schedule(baseline, baseline, null, null, 20, TODAY)).isEqualTo("GREEN");
  }

  @Test
  void budget_turns_amber_over_the_baseline_and_red_past_ten_percent() {
    assertThat(StatusRag.budget(1_000_000, 1_000_000)).isEqualTo("GREEN");
    assertThat(StatusRag.budget(900_000, 1_000_000)).isEqualTo("GREEN");
    assertThat(StatusRag.budget(1_100_000, 1_000_000)).isEqualTo("AMBER");
    assertThat(StatusRag.budget(1_100_001, 1_000_000)).isEqualTo("RED");
  }

  @Test
  void risk_and_readiness_follow_the_worst_open_band_and_the_latest_scoring() {
    assertThat(StatusRag.risk(List.of("LOW", "MODERATE"))).isEqualTo("GREEN");
    assertThat(StatusRag.risk(List.of("LOW", "HIGH"))).isEqualTo("AMBER");
    assertThat(StatusRag.risk(List.of("HIGH", "EXTREME"))).isEqualTo("RED");
    assertThat(StatusRag.readiness(null)).isEqualTo("GREEN");
    assertThat(StatusRag.readiness("GO")).isEqualTo("GREEN");
    assertThat(StatusRag.readiness("GO_WITH_CONDITIONS")).isEqualTo("AMBER");
    assertThat(StatusRag.readiness("NO_GO")).isEqualTo("RED");
  }

  @Test
  void overall_is_the_worst_of_the_four() {
    assertThat(StatusRag.rate("GREEN", "GREEN", "GREEN", "GREEN").overall()).isEqualTo("GREEN");
    assertThat(StatusRag.rate("GREEN", "AMBER", "GREEN", "GREEN").overall()).isEqualTo("AMBER");
    assertThat(StatusRag.rate("AMBER", "GREEN", "RED", "AMBER").overall()).isEqualTo("RED");
  }
}
