package io.hitgov.portfolio;

import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A project's RAG ratings, the one rule set behind both the portfolio ({@code GET /api/portfolio},
 * {@code /portfolio}) and the status report ({@code GET /api/projects/{projectId}/status-report}, the
 * weekly mail, the monthly pack) (docs/processes/portfolio-watch.md#rag), as plain functions:
 * <ul>
 *   <li>schedule: RED with an open {@code stalledPhase} or {@code stalledGoLive} finding of the watch,
 *       when go-live slipped more than 30 days past its baseline, or when the current phase runs past
 *       its planned end by more than the stall tolerance; AMBER for any other finding, any slip or any
 *       overrun;
 *   <li>budget: RED more than 10 % over the baseline budget, AMBER over it at all (no baseline: GREEN);
 *   <li>risk: RED with an open EXTREME risk, AMBER with an open HIGH one;
 *   <li>readiness: the latest readiness scoring: RED when NO_GO or a hard criterion is red, AMBER when
 *       GO_WITH_CONDITIONS or a soft criterion is red, GREEN otherwise (also before the first scoring);
 *   <li>overall: the worst of the four.
 * </ul>
 */
public final class ProjectRag {

  public static final String GREEN = "GREEN";
  public static final String AMBER = "AMBER";
  public static final String RED = "RED";
  static final int SLIP_RED_DAYS = 30;
  static final int BUDGET_RED_PERCENT = 10;

  /** The four ratings and the worst of them. */
  public record Rag(String overall, String schedule, String budget, String risk, String readiness) {}

  /**
   * The schedule facts of a project.
   *
   * @param phaseStart planned start of the current phase (null: none, e.g. closed or tailored away)
   * @param phaseEnd planned end of the current phase
   * @param tolerancePercent the stall tolerance, a share of the phase's planned length
   */
  public record Schedule(LocalDate goLive, LocalDate baselineGoLive, LocalDate phaseStart, LocalDate phaseEnd,
      int tolerancePercent) {}

  private ProjectRag() {}

  public static Rag rate(String schedule, String budget, String risk, String readiness) {
    String overall = Stream.of(schedule, budget, risk, readiness).max(Comparator.comparingInt(ProjectRag::rank))
        .orElse(GREEN);
    return new Rag(overall, schedule, budget, risk, readiness);
  }

  /** @param openFindings the incident types of the watch's open findings on the project */
  public static String schedule(Schedule facts, Collection<String> openFindings, LocalDate today) {
    long slip = facts.goLive() == null || facts.baselineGoLive() == null ? 0
        : ChronoUnit.DAYS.between(facts.baselineGoLive(), facts.goLive());
    long overrun = 0;
    long tolerance = 0;
    if (facts.phaseStart() != null && facts.phaseEnd() != null) {
      overrun = ChronoUnit.DAYS.between(facts.phaseEnd(), today);
      long length = ChronoUnit.DAYS.between(facts.phaseStart(), facts.phaseEnd()) + 1;
      tolerance = Math.max(1, length * facts.tolerancePercent() / 100);
    }
    boolean stalled = openFindings.contains(IncidentTypes.STALLED_PHASE) || openFindings.contains(IncidentTypes.STALLED_GO_LIVE);
    if (stalled || slip > SLIP_RED_DAYS || overrun > tolerance) {
      return RED;
    }
    return slip > 0 || overrun > 0 || !openFindings.isEmpty() ? AMBER : GREEN;
  }

  public static String budget(long budget, long baselineBudget) {
    if (baselineBudget <= 0 || budget <= baselineBudget) {
      return GREEN;
    }
    return (budget - baselineBudget) * 100 > (long) BUDGET_RED_PERCENT * baselineBudget ? RED : AMBER;
  }

  /** @param openBands the bands of the project's open risks */
  public static String risk(Collection<String> openBands) {
    return openBands.contains("EXTREME") ? RED : openBands.contains("HIGH") ? AMBER : GREEN;
  }

  /**
   * @param latestOutcome the outcome of the latest readiness scoring, null when never scored
   * @param redHard a hard criterion is red in that scoring
   * @param redSoft a soft criterion is red in that scoring
   */
  public static String readiness(String latestOutcome, boolean redHard, boolean redSoft) {
    if ("NO_GO".equals(latestOutcome) || redHard) {
      return RED;
    }
    return "GO_WITH_CONDITIONS".equals(latestOutcome) || redSoft ? AMBER : GREEN;
  }

  static int rank(String rag) {
    return RED.equals(rag) ? 2 : AMBER.equals(rag) ? 1 : 0;
  }
}
