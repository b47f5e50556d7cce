package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.portfolio.ProjectRag.Schedule;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one RAG rule set of the portfolio and the status report (docs/processes/portfolio-watch.md#rag), without Spring. */
class ProjectRagTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  static final LocalDate BASELINE = LocalDate.of(2027, 9, 1);

  static Schedule plan(LocalDate goLive, LocalDate phaseStart, LocalDate phaseEnd) {
    return new Schedule(goLive, BASELINE, phaseStart, phaseEnd, 20);
  }

  @Test
  void schedule_turns_amber_for_any_slip_or_overrun_and_red_past_30_days_or_the_stall_tolerance() {
    LocalDate start = TODAY.minusDays(99);
    LocalDate end = TODAY.plusDays(10); // a 110-day phase: 22 days tolerance at 20 %
    assertThat(ProjectRag.schedule(plan(BASELINE, start, end), Set.of(), TODAY)).isEqualTo("GREEN");
    assertThat(ProjectRag.schedule(plan(BASELINE.plusDays(30), start, end), Set.of(), TODAY)).isEqualTo("AMBER");
    assertThat(ProjectRag.schedule(plan(BASELINE.plusDays(31), start, end), Set.of(), TODAY)).isEqualTo("RED");
    assertThat(ProjectRag.schedule(plan(BASELINE, start.minusDays(20), TODAY.minusDays(1)), Set.of(), TODAY))
        .isEqualTo("AMBER");
    // 110 days, 22 days over: within the tolerance; 23 days over: past it
    assertThat(ProjectRag.schedule(plan(BASELINE, TODAY.minusDays(131), TODAY.minusDays(22)), Set.of(), TODAY))
        .isEqualTo("AMBER");
    assertThat(ProjectRag.schedule(plan(BASELINE, TODAY.minusDays(132), TODAY.minusDays(23)), Set.of(), TODAY))
        .isEqualTo("RED");
    assertThat(ProjectRag.schedule(plan(BASELINE, null, null), Set.of(), TODAY)).isEqualTo("GREEN");
  }

  @Test
  void the_watchs_findings_colour_the_schedule() {
    Schedule onPlan = plan(BASELINE, TODAY.minusDays(10), TODAY.plusDays(50));
    assertThat(ProjectRag.schedule(onPlan, Set.of("stalledPhase"), TODAY)).isEqualTo("RED");
    assertThat(ProjectRag.schedule(onPlan, Set.of("stalledGoLive"), TODAY)).isEqualTo("RED");
    assertThat(ProjectRag.schedule(onPlan, Set.of("overdueGate"), TODAY)).isEqualTo("AMBER");
    assertThat(ProjectRag.schedule(onPlan, Set.of("staleProject"), TODAY)).isEqualTo("AMBER");
  }

  @Test
  void budget_turns_amber_over_the_baseline_and_red_past_ten_percent() {
    assertThat(ProjectRag.budget(1_000_000, 1_000_000)).isEqualTo("GREEN");
    assertThat(ProjectRag.budget(900_000, 1_000_000)).isEqualTo("GREEN");
    assertThat(ProjectRag.budget(1_100_000, 1_000_000)).isEqualTo("AMBER");
    assertThat(ProjectRag.budget(1_100_001, 1_000_000)).isEqualTo("RED");
    assertThat(ProjectRag.budget(50_000, 0)).as("no baseline to compare with").isEqualTo("GREEN");
  }

  @Test
  void risk_follows_the_worst_open_band() {
    assertThat(ProjectRag.risk(List.of())).isEqualTo("GREEN");
    assertThat(ProjectRag.risk(List.of("LOW", "MODERATE"))).isEqualTo("GREEN");
    assertThat(ProjectRag.risk(List.of("LOW", "HIGH"))).isEqualTo("AMBER");
    assertThat(ProjectRag.risk(List.of("HIGH", "EXTREME"))).isEqualTo("RED");
  }

  @Test
  void readiness_follows_the_latest_scoring_and_its_red_criteria() {
    assertThat(ProjectRag.readiness(null, false, false)).isEqualTo("GREEN");
    assertThat(ProjectRag.readiness("GO", false, false)).isEqualTo("GREEN");
    assertThat(ProjectRag.readiness("GO_WITH_CONDITIONS", false, false)).isEqualTo("AMBER");
    assertThat(ProjectRag.readiness("GO", false, true)).isEqualTo("AMBER");
    assertThat(ProjectRag.readiness("NO_GO", false, false)).isEqualTo("RED");
    assertThat(ProjectRag.readiness("GO_WITH_CONDITIONS", true, false)).isEqualTo("RED");
  }

  @Test
  void overall_is_the_worst_of_the_four() {
    assertThat(ProjectRag.rate("GREEN", "GREEN", "GREEN", "GREEN").overall()).isEqualTo("GREEN");
    assertThat(ProjectRag.rate("GREEN", "AMBER", "GREEN", "GREEN").overall()).isEqualTo("AMBER");
    assertThat(ProjectRag.rate("AMBER", "GREEN", "RED", "AMBER").overall()).isEqualTo("RED");
  }
}
