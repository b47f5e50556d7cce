package io.hitgov.lifecycle;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifecycle and gate settings ({@code hitgov.lifecycle.*}); every value is a DEF default of
 * docs/domain/lifecycle-and-gates.md and docs/domain/readiness.md.
 *
 * @param phaseDays planned calendar days per phase: P0-P6 fill the days from the project's start to the
 *     day before go-live (docs/domain/lifecycle-and-gates.md#phase-plan), P7 starts on it, P8 and P9 follow
 * @param minimumPhaseDays the fewest calendar days a phase before go-live may be compressed to when the
 *     go-live date leaves less time than the planned lengths; a go-live date that does not leave even
 *     these is refused with the earliest feasible date
 * @param stallTolerancePercent a phase running longer than planned by this much opens a PMO task
 * @param gateDecisionBusinessDays a gate decision pending longer escalates to the executive sponsor
 * @param evidencePackBusinessDays due date of a gate's evidence pack after the review opens
 * @param conditionDueDays default due date of a condition raised by an unmet soft criterion
 * @param readinessCheckpointDays readiness checkpoints, in days before go-live
 * @param readinessRiskDays from this many days before go-live a red hard criterion raises a HIGH risk
 * @param readinessNoGoDays from this many days before go-live a red hard criterion proposes NO_GO
 * @param testPassRatePercent G5: integrated test scripts that must pass
 */
@ConfigurationProperties("hitgov.lifecycle")
public record LifecycleProperties(
    Map<String, Integer> phaseDays,
    Map<String, Integer> minimumPhaseDays,
    @DefaultValue("20") int stallTolerancePercent,
    @DefaultValue("10") int gateDecisionBusinessDays,
    @DefaultValue("5") int evidencePackBusinessDays,
    @DefaultValue("14") int conditionDueDays,
    List<Integer> readinessCheckpointDays,
    @DefaultValue("30") int readinessRiskDays,
    @DefaultValue("7") int readinessNoGoDays,
    @DefaultValue("95") int testPassRatePercent) {

  static final Map<String, Integer> DEFAULT_PHASE_DAYS = Map.of("P0", 60, "P1", 60, "P2", 120, "P3", 90,
      "P4", 150, "P5", 75, "P6", 60, "P7", 14, "P8", 60, "P9", 120);
  static final Map<String, Integer> DEFAULT_MINIMUM_PHASE_DAYS = Map.of("P0", 10, "P1", 10, "P2", 20, "P3", 15,
      "P4", 20, "P5", 15, "P6", 10);
  static final List<Integer> DEFAULT_CHECKPOINTS = List.of(90, 60, 30, 14, 7, 1);

  public int phaseDays(String phase) {
    return (phaseDays == null ? DEFAULT_PHASE_DAYS : phaseDays)
        .getOrDefault(phase, DEFAULT_PHASE_DAYS.get(phase));
  }

  /** The fewest days a phase before go-live may be compressed to (1 for a phase without a minimum). */
  public int minimumPhaseDays(String phase) {
    Integer days = (minimumPhaseDays == null ? DEFAULT_MINIMUM_PHASE_DAYS : minimumPhaseDays)
        .getOrDefault(phase, DEFAULT_MINIMUM_PHASE_DAYS.get(phase));
    return days == null ? 1 : Math.max(1, days);
  }

  /** The phase plan rule (docs/domain/lifecycle-and-gates.md#phase-plan) with the configured lengths. */
  public PhasePlan phasePlan() {
    return new PhasePlan(this::phaseDays, this::minimumPhaseDays);
  }

  public List<Integer> checkpoints() {
    List<Integer> days = readinessCheckpointDays == null || readinessCheckpointDays.isEmpty()
        ? DEFAULT_CHECKPOINTS : readinessCheckpointDays;
    return days.stream().sorted(java.util.Comparator.reverseOrder()).toList();
  }
}
