package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.GateHold;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.event.EscalationRaised;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.project.ProjectDirectory;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The risk register's business logic: registration, scoring by {@code RiskScoreDecision}, the
 * escalation ladder, gate holds for patient-safety risks, acceptance, closure and conversion.
 * Every change is written to the immutable history.
 */
@Service
public class RiskService implements RiskProfile {

  /** The escalation ladder (docs/domain/risk.md#escalation), bottom to top, with the group that owns each level. */
  public enum Level {
    PROJECT_MANAGER(GovernanceGroup.PROJECT_MANAGERS.id()),
    PMO(GovernanceGroup.PMO.id()),
    STEERING_COMMITTEE(GovernanceGroup.STEERING_COMMITTEE.id());

    private final String group;

    Level(String group) {
      this.group = group;
    }

    public String group() {
      return group;
    }

    Level next() {
      return this == STEERING_COMMITTEE ? this : values()[ordinal() + 1];
    }

    /** Where a new risk of the band starts: EXTREME at the steering committee, HIGH at the PMO. */
    static Level forBand(String band) {
      return switch (band) {
        case "EXTREME" -> STEERING_COMMITTEE;
        case "HIGH" -> PMO;
        default -> PROJECT_MANAGER;
      };
    }
  }

  /** The result of scoring; {@code raised} when a re-score moved the band up. */
  public record Score(int score, String band, boolean raised) {}

  static final List<String> HELD_GATES = List.of("G5", "G6");

  private final ProjectDirectory projects;
  private final RiskRepository repository;
  private final DecisionService decisionService;
  private final IdentityService identityService;
  private final RiskProperties properties;
  private final IdCounter idCounter;
  private final ApplicationEventPublisher events;

  public RiskService(RiskRepository repository, DecisionService decisionService, IdentityService identityService,
      RiskProperties properties, IdCounter idCounter, ProjectDirectory projects, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
    this.projects = projects;
    this.decisionService = decisionService;
    this.identityService = identityService;
    this.properties = properties;
    this.idCounter = idCounter;
  }

  // ---------------------------------------------------------------- registration and scoring

  public Risk register(String projectId, String title, String category, int likelihood, int impact, String owner,
      boolean healthItSafetyEvent, String proximityDate, String raisedBy, String processInstanceId) {
    if (!projects.isRegistered(projectId)) {
      throw new InvalidVariablesException("projectId '" + projectId + "' is not a known project");
    }
    if (owner != null) {
      requireUser(owner, "owner");
    }
    String riskId = "RISK-" + projectId + "-" + idCounter.next("RISK/" + projectId);
    Risk risk = new Risk(riskId, projectId, title.strip(), category, likelihood, impact, null, null, owner, raisedBy,
        EngineClock.now(), "OPEN", null, Level.PROJECT_MANAGER.name(), "PATIENT_SAFETY".equals(category),
        healthItSafetyEvent, null, IsoDates.parseOptional("proximityDate", proximityDate), null,
        processInstanceId, null, null);
    repository.insert(risk);
    record(riskId, raisedBy, "RAISED", null, null, null, "category " + category + ", likelihood " + likelihood
        + ", impact " + impact + (owner == null ? "" : ", owner " + owner));
    return risk;
  }

  /** Scores the risk with RiskScoreDecision, records it and places or releases gate holds. */
  public Score score(String riskId, int likelihood, int impact, String actor) {
    Risk risk = repository.get(riskId);
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(RiskEscalationProcess.SCORE_DECISION)
        .variables(Variables.createVariables().putValue("likelihood", likelihood).putValue("impact", impact)
            .putValue("category", risk.category()))
        .evaluate().getSingleResult();
    boolean rescore = risk.score() != null;
    String band = result.getEntry("riskBand");
    boolean raised = rescore && RiskEscalationProcess.Values.BANDS.indexOf(band)
        > RiskEscalationProcess.Values.BANDS.indexOf(risk.band());
    Score score = new Score(((Number) result.getEntry("riskScore")).intValue(), band, raised);
    repository.updateScore(riskId, likelihood, impact, score.score(), score.band());
    record(riskId, actor, rescore ? "RESCORED" : "SCORED", score.band(), score.score(), null,
        "likelihood " + likelihood + " x impact " + impact
            + (rescore ? " (was " + risk.score() + " " + risk.band() + ")" : ""));
    syncGateHolds(repository.get(riskId), rescore, actor);
    return score;
  }

  /** The fast track: a patient-safety risk with impact 3 or more, or any health-IT safety event. */
  public boolean fastTrack(String riskId) {
    Risk risk = repository.get(riskId);
    return risk.patientSafety() && risk.impact() >= 3 || risk.healthItSafetyEvent();
  }

  private void syncGateHolds(Risk risk, boolean rescore, String actor) {
    // a risk scored for the first time holds nothing yet
    List<GateHold> active = rescore ? repository.activeHoldsOfRisk(risk.riskId()) : List.of();
    if (risk.holdsGates() && active.isEmpty()) {
      repository.insertHolds(HELD_GATES.stream()
          .map(gate -> new GateHold(null, risk.projectId(), gate, risk.riskId(), EngineClock.now(), null)).toList());
      record(risk.riskId(), actor, "GATE_HOLD", risk.band(), risk.score(), null, "Holds " + HELD_GATES
          + " of " + risk.projectId() + " while open at impact >= 4");
    } else if (!risk.holdsGates() && !active.isEmpty()) {
      repository.releaseHolds(risk.riskId(), EngineClock.now());
      record(risk.riskId(), actor, "GATE_RELEASE", risk.band(), risk.score(), null, "Releases " + HELD_GATES);
    }
  }

  /** The gates of a project that may not be passed now, with the risks that hold them. */
  /** Responses that count as mitigation for a patient-safety HIGH risk at G6. */
  static final java.util.Set<String> MITIGATED = java.util.Set.of("MITIGATING", "ACCEPTED", "CLOSURE_PENDING");

  @Override
  public List<String> risksHolding(String projectId, String gateId) {
    return repository.activeHolds(projectId).stream().filter(hold -> hold.gateId().equals(gateId))
        .map(GateHold::riskId).toList();
  }

  @Override
  public List<OpenRisk> topRisks(String projectId, int limit) {
    return repository.findOfProject(projectId, null, null, null).stream().filter(r -> r.closedAt() == null)
        .limit(Math.max(0, limit))
        .map(r -> new OpenRisk(r.riskId(), r.title(), r.category(), r.band(), r.score(), r.owner(), r.status(),
            r.raisedAt() == null ? null : r.raisedAt().toLocalDate()))
        .toList();
  }

  @Override
  public List<String> redFlags(String projectId) {
    List<String> problems = new java.util.ArrayList<>();
    for (Risk risk : repository.findOfProject(projectId, null, null, null)) {
      if (risk.closedAt() != null || risk.band() == null) {
        continue;
      }
      if ("EXTREME".equals(risk.band())) {
        problems.add(risk.riskId() + " is open at EXTREME");
      } else if ((risk.patientSafety() || risk.healthItSafetyEvent()) && "HIGH".equals(risk.band())
          && !MITIGATED.contains(risk.status())) {
        problems.add(risk.riskId() + " is a patient-safety risk at HIGH without accepted mitigation (" + risk.status() + ")");
      }
    }
    return problems;
  }

  public List<GateHold> activeHolds(String projectId) {
    return repository.activeHolds(projectId);
  }

  // ---------------------------------------------------------------- ownership and escalation

  public void assignOwner(String riskId, String owner, String actor) {
    if (owner == null || owner.isBlank()) {
      throw new InvalidVariablesException("owner is required");
    }
    requireUser(owner, "owner");
    repository.updateOwner(riskId, owner);
    record(riskId, actor, "OWNER_ASSIGNED", null, null, null, "owner " + owner);
  }

  /** The ladder's current level (never lowered when the owner plans again). */
  public Level currentLevel(String riskId) {
    return Level.valueOf(repository.get(riskId).escalationLevel());
  }

  /** HIGH risks belong to the PMO and EXTREME ones to the steering committee at once (notified, recorded). */
  public boolean escalateAtOnce(String riskId) {
    Risk risk = repository.get(riskId);
    return Level.valueOf(risk.escalationLevel()).ordinal() < Level.forBand(risk.band()).ordinal();
  }

  /**
   * Escalates one level (EXTREME: straight to the steering committee), records it and returns the
   * new level, whose group is notified with a task.
   */
  public Level escalate(String riskId, String reason) {
    Risk risk = repository.get(riskId);
    Level current = Level.valueOf(risk.escalationLevel());
    Level byBand = Level.forBand(risk.band());
    Level next = current.ordinal() < byBand.ordinal() ? byBand : current.next();
    repository.updateEscalationLevel(riskId, next.name());
    record(riskId, null, "ESCALATED", risk.band(), risk.score(), next.name(),
        reason + ": " + current + " -> " + next + " (notified: " + next.group() + ")");
    events.publishEvent(new EscalationRaised(risk.projectId(), riskId, next.group(),
        reason + ": " + current + " -> " + next));
    return next;
  }

  public String planDue(String band) {
    return BusinessCalendar.dueInBusinessDays(properties.planDue(band));
  }

  public String safetyAcknowledgement() {
    return properties.safetyAcknowledgement();
  }

  public String rootCauseAnalysisDue() {
    return BusinessCalendar.dueInBusinessDays(properties.rootCauseAnalysisBusinessDays());
  }

  // ---------------------------------------------------------------- patient safety

  public void fastTrackStarted(String riskId) {
    Risk risk = repository.get(riskId);
    record(riskId, null, "FAST_TRACK", risk.band(), risk.score(), null,
        "patientSafety and cmio notified; acknowledgement due within " + properties.safetyAcknowledgement());
  }

  public void acknowledgeSafetyRisk(String riskId, String actor, String note) {
    record(riskId, actor, "SAFETY_ACKNOWLEDGED", null, null, null, note);
  }

  public void safetyAcknowledgementOverdue(String riskId) {
    Risk risk = repository.get(riskId);
    record(riskId, null, "SAFETY_ACK_OVERDUE", risk.band(), risk.score(), null,
        "Not acknowledged within " + properties.safetyAcknowledgement() + ": executive sponsor and steering committee notified");
  }

  public void rootCauseAnalysisOverdue(String riskId) {
    Risk risk = repository.get(riskId);
    record(riskId, null, "RCA_OVERDUE", risk.band(), risk.score(), null,
        "Root-cause analysis not done by its due date: executive sponsor and steering committee notified");
  }

  public void containAndClassify(String riskId, String eventType, String harm, String containment, String actor) {
    if (!RiskEscalationProcess.Values.EVENT_TYPES.contains(eventType)) {
      throw new InvalidVariablesException("eventType must be one of " + RiskEscalationProcess.Values.EVENT_TYPES);
    }
    if (!RiskEscalationProcess.Values.HARM_SCALE.contains(harm)) {
      throw new InvalidVariablesException("harm must be one of " + RiskEscalationProcess.Values.HARM_SCALE);
    }
    if (containment == null || containment.isBlank()) {
      throw new InvalidVariablesException("containment is required");
    }
    repository.updateHarm(riskId, harm);
    record(riskId, actor, "CONTAINED", null, null, null, eventType + ", harm " + harm + ": " + containment);
  }

  public void recordRootCauseAnalysis(String riskId, String documentId, String actionPlan, String actor) {
    if (documentId == null || documentId.isBlank() || actionPlan == null || actionPlan.isBlank()) {
      throw new InvalidVariablesException("rcaDocumentId and rcaActionPlan are required");
    }
    record(riskId, actor, "ROOT_CAUSE_ANALYSIS", null, null, null, "RCA " + documentId + ": " + actionPlan);
  }

  // ---------------------------------------------------------------- plan, acceptance, review

  /** Records the owner's plan; returns whether accepting it needs the steering committee. */
  public boolean recordPlan(String riskId, String strategy, String actions, String actionsDue, String actor) {
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
    boolean steering = "ACCEPT".equals(strategy) && ("HIGH".equals(risk.band()) || "EXTREME".equals(risk.band()));
    String status = "ACCEPT".equals(strategy) ? (steering ? "ACCEPTANCE_PENDING" : "ACCEPTED") : "MITIGATING";
    repository.updatePlan(riskId, strategy, status, nextReview(risk.band()));
    record(riskId, actor, "PLANNED", risk.band(), risk.score(), null, strategy + ": " + actions
        + (actionsDue == null ? "" : " (due " + actionsDue + ")"));
    return steering;
  }

  /** The steering committee decides on accepting a HIGH or EXTREME risk; the owner cannot approve their own. */
  public void decideAcceptance(String riskId, Boolean approved, String comment, String actor) {
    if (approved == null) {
      throw new InvalidVariablesException("acceptanceApproved is required");
    }
    Risk risk = repository.get(riskId);
    if (actor != null && actor.equals(risk.owner())) {
      throw new AuthorizationException("User '" + actor + "' owns risk " + riskId
          + " and cannot approve accepting it (four-eyes)");
    }
    repository.updateStatus(riskId, approved ? "ACCEPTED" : "OPEN");
    record(riskId, actor, approved ? "ACCEPTANCE_APPROVED" : "ACCEPTANCE_REJECTED", risk.band(), risk.score(),
        null, comment);
  }

  public String nextReviewDue(String riskId) {
    LocalDate next = nextReview(repository.get(riskId).band());
    repository.updateNextReview(riskId, next);
    return BusinessCalendar.startOfDay(next);
  }

  private LocalDate nextReview(String band) {
    return EngineClock.today().plusDays(properties.reviewCadence(band));
  }

  public void recordReview(String riskId, String outcome, String note, String actor) {
    if (outcome == null || !RiskEscalationProcess.Values.REVIEW_OUTCOMES.contains(outcome)) {
      throw new InvalidVariablesException("reviewOutcome must be one of " + RiskEscalationProcess.Values.REVIEW_OUTCOMES);
    }
    Risk risk = repository.get(riskId);
    record(riskId, actor, "REVIEWED", risk.band(), risk.score(), null, outcome + (note == null ? "" : ": " + note));
    if ("CLOSE".equals(outcome)) {
      repository.updateStatus(riskId, "CLOSURE_PENDING");
    }
  }

  public void decideClosure(String riskId, Boolean approved, String comment, String actor) {
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
      boolean severe = "SEVERE".equals(risk.harm()) || "DEATH".equals(risk.harm());
      if (events.contains("FAST_TRACK") && !events.contains("CONTAINED")
          || severe && !events.contains("ROOT_CAUSE_ANALYSIS")) {
        throw new InvalidVariablesException("closureApproved: risk " + riskId
            + " cannot close while its patient-safety containment or root-cause analysis is open");
      }
    }
    if (!approved) {
      repository.updateStatus(riskId, "MITIGATING");
    }
    record(riskId, actor, approved ? "CLOSURE_APPROVED" : "CLOSURE_REJECTED", risk.band(), risk.score(), null, comment);
  }

  // ---------------------------------------------------------------- end states

  public void close(String riskId) {
    repository.close(riskId, "CLOSED", null, EngineClock.now());
    Risk risk = repository.get(riskId);
    record(riskId, null, "CLOSED", risk.band(), risk.score(), null, null);
    syncGateHolds(risk, true, null);
  }

  /**
   * A risk that materialized becomes an issue of the same lineage (ISSUE-… for RISK-…). Its gate
   * holds stay: the hazard has happened; the patient-safety office releases them explicitly.
   */
  public String convertToIssue(String riskId) {
    String issueId = riskId.replaceFirst("^RISK-", "ISSUE-");
    repository.close(riskId, "CONVERTED_TO_ISSUE", issueId, EngineClock.now());
    Risk risk = repository.get(riskId);
    record(riskId, null, "CONVERTED_TO_ISSUE", risk.band(), risk.score(), null, "issue " + issueId
        + (repository.activeHoldsOfRisk(riskId).isEmpty() ? "" : "; gate holds stay until released"));
    return issueId;
  }

  /** The patient-safety office releases the holds of a converted risk, with a reason. */
  public int releaseHolds(String riskId, String reason, String actor) {
    Risk risk = repository.get(riskId);
    if (reason == null || reason.isBlank()) {
      throw new InvalidVariablesException("reason is required");
    }
    if (risk.closedAt() == null) {
      throw new InvalidVariablesException("risk " + riskId + " is open: its holds are released when it closes");
    }
    int held = repository.activeHoldsOfRisk(riskId).size();
    repository.releaseHolds(riskId, EngineClock.now());
    record(riskId, actor, "GATE_RELEASE", risk.band(), risk.score(), null, "Released by " + actor + ": " + reason);
    return held;
  }

  // ---------------------------------------------------------------- helpers

  public Risk risk(String riskId) {
    return repository.get(riskId);
  }

  private void requireUser(String userId, String field) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      throw new InvalidVariablesException(field + " '" + userId + "' is not a known user");
    }
  }

  private void record(String riskId, String actor, String event, String band, Integer score, String level,
      String details) {
    String text = details == null ? null : details.length() > 2000 ? details.substring(0, 2000) : details;
    repository.insertEvent(new RiskEvent(null, riskId, EngineClock.now(), actor, event, band, score, level, text));
  }
}
