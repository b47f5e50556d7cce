package io.hitgov.lifecycle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The planned [start, end] of each phase (docs/domain/lifecycle-and-gates.md#phase-plan), computed
 * forward from the project's start and backward from its go-live date: P0-P6 fill the days from the
 * start to the day before go-live, P7 starts on go-live, P8-P9 follow.
 *
 * <ul>
 *   <li>Enough time: P1-P6 keep their planned lengths, laid out backwards from go-live; P0 starts on
 *       the start day and runs until P1 begins (the slack is initiation time, never a phase in the past).
 *   <li>Less time than the planned lengths: every phase before go-live is compressed in proportion
 *       to its planned length, never below its minimum length.
 *   <li>Less time than the minimum lengths: no plan; {@link #earliestGoLive} names the first go-live
 *       date that fits.
 * </ul>
 * A tailored-away phase takes no days (its start and end are the day its predecessor ends). Pure:
 * no Spring, no engine.
 */
final class PhasePlan {

  static final List<String> BEFORE_GO_LIVE = List.of("P0", "P1", "P2", "P3", "P4", "P5", "P6");
  static final List<String> FROM_GO_LIVE = List.of("P7", "P8", "P9");

  private final ToIntFunction<String> daysOf;
  private final ToIntFunction<String> minimumDaysOf;

  /**
   * @param daysOf planned calendar days of a phase ({@code hitgov.lifecycle.phase-days})
   * @param minimumDaysOf the fewest calendar days a phase before go-live may be compressed to
   *     ({@code hitgov.lifecycle.minimum-phase-days})
   */
  PhasePlan(ToIntFunction<String> daysOf, ToIntFunction<String> minimumDaysOf) {
    this.daysOf = daysOf;
    this.minimumDaysOf = minimumDaysOf;
  }

  /** The first go-live date whose phases before go-live fit their minimum lengths when the project starts on {@code start}. */
  LocalDate earliestGoLive(LocalDate start, Set<String> skipped) {
    int minimum = 0;
    for (String phase : BEFORE_GO_LIVE) {
      minimum += skipped.contains(phase) ? 0 : Math.max(1, minimumDaysOf.applyAsInt(phase));
    }
    return start.plusDays(minimum);
  }

  /** True when the phases before go-live fit between {@code start} and the day before {@code goLive}. */
  boolean feasible(LocalDate start, LocalDate goLive, Set<String> skipped) {
    return !goLive.isBefore(earliestGoLive(start, skipped));
  }

  /**
   * [start, end] per phase, in phase order P0..P9.
   *
   * @throws IllegalArgumentException when the go-live date is before {@link #earliestGoLive}
   */
  Map<String, LocalDate[]> plan(LocalDate start, LocalDate goLive, Set<String> skipped) {
    if (!feasible(start, goLive, skipped)) {
      throw new IllegalArgumentException("go-live " + goLive + " is before the earliest feasible "
          + earliestGoLive(start, skipped));
    }
    Map<String, Integer> lengths = lengths((int) ChronoUnit.DAYS.between(start, goLive), skipped);
    Map<String, LocalDate[]> plan = new LinkedHashMap<>();
    LocalDate cursor = start;
    for (String phase : BEFORE_GO_LIVE) {
      int days = lengths.getOrDefault(phase, 0);
      if (days == 0) {
        LocalDate previousEnd = cursor.minusDays(1);
        plan.put(phase, new LocalDate[] {previousEnd, previousEnd});
        continue;
      }
      LocalDate end = cursor.plusDays(days - 1L);
      plan.put(phase, new LocalDate[] {cursor, end});
      cursor = end.plusDays(1);
    }
    cursor = goLive;
    for (String phase : FROM_GO_LIVE) {
      if (skipped.contains(phase)) {
        plan.put(phase, new LocalDate[] {cursor, cursor});
        continue;
      }
      LocalDate end = cursor.plusDays(Math.max(1, daysOf.applyAsInt(phase)) - 1L);
      plan.put(phase, new LocalDate[] {cursor, end});
      cursor = end.plusDays(1);
    }
    return plan;
  }

  /** Days per running phase before go-live, summing to exactly {@code available}. */
  private Map<String, Integer> lengths(int available, Set<String> skipped) {
    List<String> running = BEFORE_GO_LIVE.stream().filter(p -> !skipped.contains(p)).toList();
    Map<String, Integer> lengths = new LinkedHashMap<>();
    int planned = running.stream().mapToInt(p -> Math.max(1, daysOf.applyAsInt(p))).sum();
    if (planned <= available) {
      running.forEach(p -> lengths.put(p, Math.max(1, daysOf.applyAsInt(p))));
      String first = running.get(0);
      lengths.put(first, lengths.get(first) + available - planned); // the slack goes to the start
      return lengths;
    }
    // Proportional compression; a phase that would fall below its minimum is held at it and the
    // others share what is left, until no more phase hits its minimum.
    Set<String> atMinimum = new HashSet<>();
    double factor;
    boolean changed;
    do {
      changed = false;
      int fixed = atMinimum.stream().mapToInt(p -> minimum(p)).sum();
      int share = running.stream().filter(p -> !atMinimum.contains(p)).mapToInt(p -> Math.max(1, daysOf.applyAsInt(p))).sum();
      factor = share == 0 ? 0 : (double) (available - fixed) / share;
      for (String phase : running) {
        if (!atMinimum.contains(phase) && Math.max(1, daysOf.applyAsInt(phase)) * factor < minimum(phase)) {
          atMinimum.add(phase);
          changed = true;
        }
      }
    } while (changed);
    int total = 0;
    List<String> compressed = new ArrayList<>();
    for (String phase : running) {
      int days = atMinimum.contains(phase) ? minimum(phase)
          : Math.max(minimum(phase), (int) Math.floor(Math.max(1, daysOf.applyAsInt(phase)) * factor));
      lengths.put(phase, days);
      total += days;
      if (!atMinimum.contains(phase)) {
        compressed.add(phase);
      }
    }
    // the days lost to rounding go to the compressed phases, one each, last phases first
    for (int i = compressed.size() - 1; total < available; i = i == 0 ? compressed.size() - 1 : i - 1) {
      String phase = compressed.isEmpty() ? running.get(0) : compressed.get(i);
      lengths.put(phase, lengths.get(phase) + 1);
      total++;
    }
    return lengths;
  }

  private int minimum(String phase) {
    return Math.max(1, minimumDaysOf.applyAsInt(phase));
  }
}
