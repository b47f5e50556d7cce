package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;

/**
 * A risk's response to its end: the owner's plan, the steering committee's acceptance, the
 * periodic review, the closure (four-eyes) and the end states, closed or converted to an issue.
 */
@Service
class RiskResponse {

  private final RiskRepository repository;
  private final RiskHistory history;
  private final RiskGateHolds holds;
  private final RiskProperties properties;

  RiskResponse(RiskRepository repository, RiskHistory history, RiskGateHolds holds, RiskProperties properties) {
    this.repository = repository;
    this.history = history;
    this.holds = holds;
    this.properties = properties;
  }

  /** Records the owner's plan; returns whether accepting it needs the steering committee. */
  boolean recordPlan(String riskId, String strategy, String actions, String actionsDue, String actor) {
    if (strategy == null || !RiskEscalationProcess.Values.STRATEGIES.contains(strategy)) {
      throw new InvalidVariablesException("responseStrategy must be one of " + RiskEscalationProcess.Values.STRATEGIES);
    }
    if (actions == null || actions.isBlank()) {
      throw new InvalidVariablesException("mitigationActions is required (for ACCEPT: the acceptance rationale)");
    }
    if (!"ACCEPT".equals(strategy) && (actionsDue == null || actionsDue.isBlank())) {
      throw new InvalidVariablesException("actionsDueDate is required for " + strategy);
    }
    if (actionsDue != null && !actionsDue.isBlank()) {
      LocalDate due = IsoDates.parseRequired("actionsDueDate", actionsDue);
      if (due.isBefore(EngineClock.today())) {
        throw new InvalidVariablesException("actionsDueDate " + due + " is in the past");
      }
    }
    Risk risk = repository.get(riskId);
    repository.updatePlan(riskId, strategy, RiskPolicy.statusAfterPlan(strategy, risk.band()), nextReview(risk.band()));
    history.state(risk, actor, "PLANNED", strategy + ": " + actions + (actionsDue == null ? "" : " (due " + actionsDue + ")"));
    return RiskPolicy.needsSteeringAcceptance(strategy, risk.band());
  }

  /** The steering committee decides on accepting a HIGH or EXTREME risk; the owner cannot approve their own. */
  void decideAcceptance(String riskId, Boolean approved, String comment, String actor) {
    if (approved == null) {
      throw new InvalidVariablesException("acceptanceApproved is required");
    }
    Risk risk = repository.get(riskId);
    if (actor != null && actor.equals(risk.owner())) {
      throw new AuthorizationException("User '" + actor + "' owns risk " + riskId
          + " and cannot approve accepting it (four-eyes)");
    }
    repository.updateStatus(riskId, approved ? "ACCEPTED" : "OPEN");
    history.state(risk, actor, approved ? "ACCEPTANCE_APPROVED" : "ACCEPTANCE_REJECTED", comment);
  }

  /** Schedules the next review by the band's cadence; returns its due date for the timer. */
  String nextReviewDue(String riskId) {
    LocalDate next = nextReview(repository.get(riskId).band());
    repository.updateNextReview(riskId, next);
    return BusinessCalendar.startOfDay(next);
  }

  private LocalDate nextReview(String band) {
    return EngineClock.today().plusDays(properties.reviewCadence(band));
  }

  void recordReview(String riskId, String outcome, String note, String actor) {
    if (outcome == null || !RiskEscalationProcess.Values.REVIEW_OUTCOMES.contains(outcome)) {
      throw new InvalidVariablesException("reviewOutcome must be one of " + RiskEscalationProcess.Values.REVIEW_OUTCOMES);
    }
    history.state(repository.get(riskId), actor, "REVIEWED", outcome + (note == null ? "" : ": " + note));
    if ("CLOSE".equals(outcome)) {
      repository.updateStatus(riskId, "CLOSURE_PENDING");
    }
  }

  void decideClosure(String riskId, Boolean approved, String comment, String actor) {
    if (approved == null) {
      throw new InvalidVariablesException("closureApproved is required");
    }
    Risk risk = repository.get(riskId);
    if (approved && actor != null && actor.equals(risk.owner())) {
      throw new AuthorizationException("User '" + actor + "' owns risk " + riskId
          + " and cannot approve closing it (four-eyes)");
    }
    if (approved) {
      List<String> events = repository.events(riskId).stream().map(RiskEvent::event).toList();
      if (RiskPolicy.safetyWorkOpen(events, risk.harm())) {
        throw new InvalidVariablesException("closureApproved: risk " + riskId
            + " cannot close while its patient-safety containment or root-cause analysis is open");
      }
    } else {
      repository.updateStatus(riskId, "MITIGATING");
    }
    history.state(risk, actor, approved ? "CLOSURE_APPROVED" : "CLOSURE_REJECTED", comment);
  }

  /** Closes the risk; its gate holds end with it. */
  void close(String riskId) {
    repository.close(riskId, "CLOSED", null, EngineClock.now());
    Risk risk = repository.get(riskId);
    history.state(risk, null, "CLOSED", null);
    holds.sync(risk, true, null);
  }

  /**
   * A risk that materialized becomes an issue of the same lineage (ISSUE-… for RISK-…). Its gate
   * holds stay: the hazard has happened; the patient-safety office releases them explicitly.
   */
  String convertToIssue(String riskId) {
    String issueId = riskId.replaceFirst("^RISK-", "ISSUE-");
    repository.close(riskId, "CONVERTED_TO_ISSUE", issueId, EngineClock.now());
    history.state(repository.get(riskId), null, "CONVERTED_TO_ISSUE", "issue " + issueId
        + (holds.holding(riskId) ? "; gate holds stay until released" : ""));
    return issueId;
  }
}
