package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The phase plan as a plain rule: no Spring, no engine. */
class PhasePlanTest {

  static final Map<String, Integer> DAYS = Map.of("P0", 60, "P1", 60, "P2", 120, "P3", 90, "P4", 150, "P5", 75,
      "P6", 60, "P7", 14, "P8", 60, "P9", 120);
  static final LocalDate GO_LIVE = LocalDate.of(2028, 3, 1);
  final PhasePlan plan = new PhasePlan(DAYS::get);

  @Test
  void phases_before_go_live_end_the_day_before_it_and_follow_each_other_without_gaps() {
    Map<String, LocalDate[]> dates = plan.plan(GO_LIVE, Set.of());
    assertThat(dates.keySet()).containsExactly("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
    assertThat(dates.get("P6")[1]).isEqualTo(GO_LIVE.minusDays(1));
    assertThat(dates.get("P6")[0]).isEqualTo(GO_LIVE.minusDays(60));
    for (String[] pair : new String[][] {{"P0", "P1"}, {"P1", "P2"}, {"P2", "P3"}, {"P5", "P6"}, {"P7", "P8"}}) {
      assertThat(dates.get(pair[1])[0]).as(pair[1] + " starts the day after " + pair[0] + " ends")
          .isEqualTo(dates.get(pair[0])[1].plusDays(1));
    }
    assertThat(dates.get("P7")[0]).isEqualTo(GO_LIVE);
    assertThat(dates.get("P7")[1]).isEqualTo(GO_LIVE.plusDays(13));
  }

  @Test
  void a_tailored_away_phase_takes_no_days() {
    Map<String, LocalDate[]> full = plan.plan(GO_LIVE, Set.of());
    Map<String, LocalDate[]> withoutSelection = plan.plan(GO_LIVE, Set.of("P2"));
    assertThat(withoutSelection.get("P2")[0]).isEqualTo(withoutSelection.get("P2")[1]);
    assertThat(withoutSelection.get("P1")[1]).as("P1 ends where P3 begins, P2 takes no days")
        .isEqualTo(withoutSelection.get("P3")[0].minusDays(1));
    assertThat(withoutSelection.get("P0")[0]).isEqualTo(full.get("P0")[0].plusDays(120));
    Map<String, LocalDate[]> withoutHypercare = plan.plan(GO_LIVE, Set.of("P8"));
    assertThat(withoutHypercare.get("P9")[0]).isEqualTo(GO_LIVE.plusDays(14));
  }
}
