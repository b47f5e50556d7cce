package io.hitgov.lifecycle;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The planned [start, end] of each phase from the go-live date (docs/domain/lifecycle-and-gates.md):
 * P0-P6 are laid out backwards and end the day before go-live, P7 starts on it, P8-P9 follow. A
 * tailored-away phase takes no days (its start and end are the day its neighbour ends). Pure: no
 * Spring, no engine.
 */
final class PhasePlan {

  static final List<String> BEFORE_GO_LIVE = List.of("P6", "P5", "P4", "P3", "P2", "P1", "P0");
  static final List<String> FROM_GO_LIVE = List.of("P7", "P8", "P9");

  private final ToIntFunction<String> daysOf;

  /** @param daysOf planned calendar days of a phase (e.g. {@code hitgov.lifecycle.phase-days}) */
  PhasePlan(ToIntFunction<String> daysOf) {
    this.daysOf = daysOf;
  }

  /** [start, end] per phase, in phase order P0..P9. */
  Map<String, LocalDate[]> plan(LocalDate goLive, Set<String> skipped) {
    Map<String, LocalDate[]> plan = new LinkedHashMap<>();
    LocalDate end = goLive.minusDays(1);
    for (String phase : BEFORE_GO_LIVE) {
      int days = skipped.contains(phase) ? 0 : daysOf.applyAsInt(phase);
      LocalDate start = end.minusDays(Math.max(days, 1) - 1L);
      plan.put(phase, new LocalDate[] {days == 0 ? end : start, end});
      end = days == 0 ? end : start.minusDays(1);
    }
    LocalDate start = goLive;
    for (String phase : FROM_GO_LIVE) {
      if (skipped.contains(phase)) {
        plan.put(phase, new LocalDate[] {start, start});
        continue;
      }
      LocalDate phaseEnd = start.plusDays(daysOf.applyAsInt(phase) - 1L);
      plan.put(phase, new LocalDate[] {start, phaseEnd});
      start = phaseEnd.plusDays(1);
    }
    Map<String, LocalDate[]> ordered = new LinkedHashMap<>();
    ImplementationLifecycleProcess.Values.PHASES.forEach(p -> ordered.put(p, plan.get(p)));
    return ordered;
  }
}
