package io.hitgov.portfolio;

import io.hitgov.lifecycle.ProjectPortfolio.ActiveProject;
import io.hitgov.risk.RiskPortfolio.OpenExtreme;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.PendingGateDecisions.PendingGate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code StalledProjectDecision} is asked about one project on one day, gathered from the
 * portfolio's set-based reads (docs/processes/portfolio-watch.md#inputs). Numbers that do not apply
 * are 0, never null, so every rule of the table compares plain values.
 */
record ProjectFacts(ActiveProject project, LocalDate today, PendingGate pendingGate, OpenExtreme extremeRisk,
    boolean hipaaPassValid) {

  /** The decision's input variables. */
  Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("currentPhase", project.currentPhase());
    variables.put("phaseOverrunPercent", phaseOverrunPercent());
    variables.put("gateDecisionPendingBusinessDays", pendingGate == null ? 0 : businessDaysSince(date(pendingGate.openedAt())));
    variables.put("daysToGoLive", (int) ChronoUnit.DAYS.between(today, project.goLiveDate()));
    variables.put("hardReadinessRed", !blank(project.readinessRedHard()));
    variables.put("hipaaPassValid", hipaaPassValid);
    variables.put("extremeRiskOpenBusinessDays", extremeRisk == null ? 0 : businessDaysSince(date(extremeRisk.raisedAt())));
    variables.put("businessDaysSinceActivity", businessDaysSince(date(project.lastActivity())));
    return variables;
  }

  /**
   * Days past the current phase's planned end, in percent of its planned length (0 while on plan,
   * and once the phase's deliverables are done: the project then waits for its gate).
   */
  int phaseOverrunPercent() {
    if (project.phaseActualEnd() != null || project.phasePlannedStart() == null || project.phasePlannedEnd() == null || !today.isAfter(project.phasePlannedEnd())) {
      return 0;
    }
    long length = ChronoUnit.DAYS.between(project.phasePlannedStart(), project.phasePlannedEnd()) + 1;
    return (int) (ChronoUnit.DAYS.between(project.phasePlannedEnd(), today) * 100 / Math.max(1, length));
  }

  int businessDaysSince(LocalDate day) {
    return businessDaysBetween(day, today);
  }

  /** Business days after {@code from} up to and including {@code to} (0 when {@code to} is not later). */
  static int businessDaysBetween(LocalDate from, LocalDate to) {
    if (from == null || !to.isAfter(from)) {
      return 0;
    }
    long days = ChronoUnit.DAYS.between(from, to);
    int count = (int) (days / 7 * 5);
    for (LocalDate day = from.plusDays(days / 7 * 7 + 1); !day.isAfter(to); day = day.plusDays(1)) {
      if (BusinessCalendar.isBusinessDay(day)) {
        count++;
      }
    }
    return count;
  }

  static LocalDate date(OffsetDateTime at) {
    return at == null ? null : at.atZoneSameInstant(EngineClock.zone()).toLocalDate();
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
