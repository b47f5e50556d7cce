package io.hitgov.stakeholder;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The status report's RAG ratings (docs/notifications.md#status-report), as plain functions:
 * <ul>
 *   <li>schedule: RED when go-live slipped more than 30 days past its baseline or the current phase
 *       runs past its planned end by more than the stall tolerance; AMBER for any slip or overrun;
 *   <li>budget: RED above 10 % over the baseline budget, AMBER above it at all;
 *   <li>risk: RED with an open EXTREME risk, AMBER with an open HIGH one;
 *   <li>readiness: the latest readiness scoring: NO_GO RED, GO_WITH_CONDITIONS AMBER, GO or none GREEN;
 *   <li>overall: the worst of the four.
 * </ul>
 */
public final class StatusRag {

  public static final String GREEN = "GREEN";
  public static final String AMBER = "AMBER";
  public static final String RED = "RED";
  static final int SLIP_RED_DAYS = 30;
  static final int BUDGET_RED_PERCENT = 10;

  /** The four ratings and the worst of them. */
  public record Rag(String overall, String schedule, String budget, String risk, String readiness) {}

  private StatusRag() {}

  public static Rag rate(String schedule, String budget, String risk, String readiness) {
    String overall = Stream.of(schedule, budget, risk, readiness).max(java.util.Comparator.comparingInt(StatusRag::rank))
        .orElse(GREEN);
    return new Rag(overall, schedule, budget, risk, readiness);
  }

  /**
   * @param phaseStart planned start of the current phase (null: not planned, e.g. after closure)
   * @param phaseEnd planned end of the current phase
   */
  public static String schedule(LocalDate goLive, LocalDate baselineGoLive, LocalDate phaseStart, LocalDate phaseEnd,
      int tolerancePercent, LocalDate today) {
    long slip = goLive == null || baselineGoLive == null ? 0 : ChronoUnit.DAYS.between(baselineGoLive, goLive);
    long overrun = 0;
    long tolerance = 0;
    if (phaseStart != null && phaseEnd != null) {
      overrun = ChronoUnit.DAYS.between(phaseEnd, today);
      long length = ChronoUnit.DAYS.between(phaseStart, phaseEnd) + 1;
      tolerance = Math.max(1, length * tolerancePercent / 100);
    }
    if (slip > SLIP_RED_DAYS || overrun > tolerance) {
      return RED;
    }
    return slip > 0 || overrun > 0 ? AMBER : GREEN;
  }

  public static String budget(long budget, long baselineBudget) {
    if (baselineBudget <= 0 || budget <= baselineBudget) {
      return budget > baselineBudget ? AMBER : GREEN;
    }
    return (budget - baselineBudget) * 100 > (long) BUDGET_RED_PERCENT * baselineBudget ? RED : AMBER;
  }

  /** @param openBands the bands of the project's open risks */
  public static String risk(List<String> openBands) {
    return openBands.contains("EXTREME") ? RED : openBands.contains("HIGH") ? AMBER : GREEN;
  }

  /** @param latestOutcome the outcome of the latest readiness scoring, null when never scored */
  public static String readiness(String latestOutcome) {
    return "NO_GO".equals(latestOutcome) ? RED : "GO_WITH_CONDITIONS".equals(latestOutcome) ? AMBER : GREEN;
  }

  static int rank(String rag) {
    return RED.equals(rag) ? 2 : AMBER.equals(rag) ? 1 : 0;
  }
}
