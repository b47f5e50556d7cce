package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The phase plan as a plain rule: no Spring, no engine. */
class PhasePlanTest {

  static final Map<String, Integer> DAYS = Map.of("P0", 60, "P1", 60, "P2", 120, "P3", 90, "P4", 150, "P5", 75,
      "P6", 60, "P7", 14, "P8", 60, "P9", 120);
  static final Map<String, Integer> MINIMUM = Map.of("P0", 10, "P1", 10, "P2", 20, "P3", 15, "P4", 20, "P5", 15,
      "P6", 10);
  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  static final LocalDate GO_LIVE = LocalDate.of(2028, 12, 1);
  final PhasePlan plan = new PhasePlan(DAYS::get, p -> MINIMUM.getOrDefault(p, 1));

  static long days(LocalDate[] dates) {
    return ChronoUnit.DAYS.between(dates[0], dates[1]) + 1;
  }

  static void assertContiguous(Map<String, LocalDate[]> dates, LocalDate start, LocalDate goLive, Set<String> skipped) {
    LocalDate next = start;
    for (String phase : PhasePlan.BEFORE_GO_LIVE) {
      if (skipped.contains(phase)) {
        assertThat(dates.get(phase)[0]).as(phase + " takes no days").isEqualTo(dates.get(phase)[1]);
        continue;
      }
      assertThat(dates.get(phase)[0]).as(phase + " starts the day after its predecessor ends").isEqualTo(next);
      assertThat(dates.get(phase)[0]).as(phase + " is not planned before the start").isAfterOrEqualTo(start);
      next = dates.get(phase)[1].plusDays(1);
    }
    assertThat(next).as("the phases before go-live end the day before it").isEqualTo(goLive);
  }

  @Test
  void with_time_to_spare_p1_to_p6_keep_their_lengths_backwards_from_go_live_and_p0_starts_today() {
    Map<String, LocalDate[]> dates = plan.plan(TODAY, GO_LIVE, Set.of());
    assertThat(dates.keySet()).containsExactly("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
    assertContiguous(dates, TODAY, GO_LIVE, Set.of());
    assertThat(dates.get("P6")[0]).isEqualTo(GO_LIVE.minusDays(60));
    assertThat(days(dates.get("P4"))).isEqualTo(150);
    assertThat(dates.get("P0")[0]).isEqualTo(TODAY);
    assertThat(days(dates.get("P0"))).as("P0 takes the slack").isGreaterThan(60);
    assertThat(dates.get("P7")[0]).isEqualTo(GO_LIVE);
    assertThat(dates.get("P7")[1]).isEqualTo(GO_LIVE.plusDays(13));
    assertThat(dates.get("P8")[0]).isEqualTo(GO_LIVE.plusDays(14));
  }

  @Test
  void with_less_time_every_phase_is_compressed_in_proportion_and_none_is_in_the_past() {
    LocalDate nineMonths = TODAY.plusDays(270); // 495 planned days without P2
    Map<String, LocalDate[]> dates = plan.plan(TODAY, nineMonths, Set.of("P2"));
    assertContiguous(dates, TODAY, nineMonths, Set.of("P2"));
    double factor = 270.0 / 495;
    for (String phase : new String[] {"P0", "P1", "P3", "P4", "P5", "P6"}) {
      assertThat((double) days(dates.get(phase))).as(phase + " compressed by the same factor")
          .isBetween(Math.floor(DAYS.get(phase) * factor), Math.floor(DAYS.get(phase) * factor) + 1);
    }
    assertThat(days(dates.get("P4"))).as("the longest phase stays the longest").isGreaterThan(days(dates.get("P3")));
  }

  @Test
  void a_phase_is_never_compressed_below_its_minimum() {
    LocalDate close = TODAY.plusDays(90); // 80 minimum days without P2
    Map<String, LocalDate[]> dates = plan.plan(TODAY, close, Set.of("P2"));
    assertContiguous(dates, TODAY, close, Set.of("P2"));
    for (String phase : new String[] {"P0", "P1", "P3", "P4", "P5", "P6"}) {
      assertThat(days(dates.get(phase))).as(phase).isGreaterThanOrEqualTo(MINIMUM.get(phase));
    }
  }

  @Test
  void a_go_live_closer_than_the_minimum_lengths_has_no_plan_and_names_the_earliest_date() {
    assertThat(plan.earliestGoLive(TODAY, Set.of("P2"))).isEqualTo(TODAY.plusDays(80));
    assertThat(plan.earliestGoLive(TODAY, Set.of())).isEqualTo(TODAY.plusDays(100));
    assertThat(plan.feasible(TODAY, TODAY.plusDays(80), Set.of("P2"))).isTrue();
    assertThat(plan.feasible(TODAY, TODAY.plusDays(79), Set.of("P2"))).isFalse();
    assertContiguous(plan.plan(TODAY, TODAY.plusDays(80), Set.of("P2")), TODAY, TODAY.plusDays(80), Set.of("P2"));
    assertThatThrownBy(() -> plan.plan(TODAY, TODAY.plusDays(79), Set.of("P2")))
        .hasMessageContaining(TODAY.plusDays(80).toString());
  }

  @Test
  void a_tailored_away_phase_takes_no_days() {
    Map<String, LocalDate[]> full = plan.plan(TODAY, GO_LIVE, Set.of());
    Map<String, LocalDate[]> withoutSelection = plan.plan(TODAY, GO_LIVE, Set.of("P2"));
    assertThat(withoutSelection.get("P2")[0]).isEqualTo(withoutSelection.get("P2")[1]);
    assertThat(withoutSelection.get("P1")[1]).as("P1 ends where P3 begins, P2 takes no days")
        .isEqualTo(withoutSelection.get("P3")[0].minusDays(1));
    assertThat(days(withoutSelection.get("P0"))).as("P0 takes the 120 days P2 does not need")
        .isEqualTo(days(full.get("P0")) + 120);
    Map<String, LocalDate[]> withoutHypercare = plan.plan(TODAY, GO_LIVE, Set.of("P8"));
    assertThat(withoutHypercare.get("P9")[0]).isEqualTo(GO_LIVE.plusDays(14));
  }
}
