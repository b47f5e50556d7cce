package io.hitgov.stagegate;

import io.hitgov.lifecycle.LifecycleProperties;
import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectReadiness;
import io.hitgov.risk.RiskProfile;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.event.GateDecided;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.project.ProjectConditions;
import io.hitgov.stagegate.GatePolicy.Blockers;
import io.hitgov.stagegate.GatePolicy.Facts;
import io.hitgov.stagegate.GateRecords.Criterion;
import io.hitgov.stagegate.GateRecords.GateCondition;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Stage gate reviews (StageGateReviewProcess): the checklist and signatories from their decision
 * tables, the evidence pack, each signatory's vote with four-eyes rules, the blockers HITGov finds
 * itself (gate holds, HIPAA, risk profile, readiness), the outcome from GateOutcomeDecision, and the
 * conditions of a GO_WITH_CONDITIONS. Every step is a row of the append-only gate record. The rules
 * themselves (blockers, what a vote may say, four-eyes, the outcome inputs) are {@link GatePolicy}.
 */
@Service
public class GateService implements ProjectConditions {

  /** A review round as opened. */
  public record Review(String reviewId, int round, List<Criterion> checklist, List<String> reviewers,
      String checklistText, String previousComments) {}

  /** The decided outcome and what the lifecycle and the conditions need. */
  public record Decision(String outcome, String reason, String comment, List<GateCondition> conditions) {}

  private final GateRepository repository;
  private final ProjectGates projects;
  private final RiskProfile risks;
  private final DecisionService decisionService;
  private final IdentityService identityService;
  private final IdCounter idCounter;
  private final LifecycleProperties properties;
  private final ApplicationEventPublisher events;

  public GateService(GateRepository repository, ProjectGates projects, RiskProfile risks,
      DecisionService decisionService, IdentityService identityService, IdCounter idCounter,
      LifecycleProperties properties, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
    this.projects = projects;
    this.risks = risks;
    this.decisionService = decisionService;
    this.identityService = identityService;
    this.idCounter = idCounter;
    this.properties = properties;
  }

  // ---------------------------------------------------------------- opening and evidence

  public List<Criterion> checklist(String gateId) {
    return decisionService.evaluateDecisionByKey(StageGateReviewProcess.CHECKLIST_DECISION)
        .variables(Variables.createVariables().putValue("gateId", gateId)).evaluate().stream()
        .map(row -> new Criterion((String) row.get("criterionId"), (String) row.get("criterion"),
            Boolean.TRUE.equals(row.get("hard"))))
        .toList();
  }

  public Review open(String projectId, String gateId, String user) {
    List<Criterion> checklist = checklist(gateId);
    List<String> reviewers = decisionService.evaluateDecisionByKey(StageGateReviewProcess.SIGNATORIES_DECISION)
        .variables(Variables.createVariables().putValue("gateId", gateId)).evaluate()
        .collectEntries("signatoryGroup").stream().map(String.class::cast).distinct().toList();
    if (reviewers.isEmpty()) {
      throw new IllegalStateException(StageGateReviewProcess.SIGNATORIES_DECISION + " names no signatory for " + gateId);
    }
    String previous = previousComments(projectId, gateId);
    int round = (int) idCounter.next("GATE/" + projectId + "/" + gateId);
    String reviewId = "GATE-" + projectId + "-" + gateId + "-" + round;
    record(GateRecord.step(reviewId, projectId, gateId, round, "OPENED").by(user, null)
        .decision(StageGateReviewProcess.CHECKLIST_DECISION,
            projects.latestVersion(StageGateReviewProcess.CHECKLIST_DECISION))
        .details("signatories " + reviewers + "; checklist " + checklist.stream().map(Criterion::criterionId).toList()));
    String text = checklist.stream().map(c -> "- **" + c.criterionId() + "** " + (c.hard() ? "(hard) " : "(soft) ")
        + c.criterion()).collect(Collectors.joining("\n"));
    return new Review(reviewId, round, checklist, reviewers, text, previous);
  }

  private String previousComments(String projectId, String gateId) {
    String text = repository.gateHistory(projectId, gateId).stream()
        .filter(r -> r.comment() != null)
        .map(r -> "- round " + r.round() + " " + r.kind().toLowerCase() + " " + (r.outcome() == null ? "" : r.outcome() + " ")
            + "by " + r.userId() + (r.groupId() == null ? "" : " (" + r.groupId() + ")") + ": " + r.comment())
        .collect(Collectors.joining("\n"));
    return text.isEmpty() ? "none" : text;
  }

  /** Records the evidence pack; refuses unknown criterion ids. Returns the normalized unmet ids. */
  public String recordEvidence(String reviewId, String projectId, String gateId, int round, String references,
      String unmet, String note, String user) {
    if (references == null) {
      throw new InvalidVariablesException("evidenceReferences is required");
    }
    Set<String> known = checklist(gateId).stream().map(Criterion::criterionId).collect(Collectors.toSet());
    List<String> ids = unmet == null ? List.of() : Arrays.stream(unmet.split("[,;\\s]+"))
        .filter(s -> !s.isBlank()).map(String::toUpperCase).distinct().toList();
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException("unmetCriteria " + unknown + " are not criteria of " + gateId + " "
          + known.stream().sorted().toList());
    }
    String normalized = String.join(",", ids);
    record(GateRecord.step(reviewId, projectId, gateId, round, "EVIDENCE").by(user, null).outcome(null, note)
        .evidence(references, normalized.isEmpty() ? null : normalized));
    return normalized.isEmpty() ? "none" : normalized;
  }

  public void recordReadiness(String reviewId, String projectId, String gateId, int round, ProjectReadiness.Readiness r,
      String user) {
    record(GateRecord.step(reviewId, projectId, gateId, round, "READINESS").by(user, null).outcome(r.outcome(), null)
        .evidence(null, r.redHard().isEmpty() && r.redSoft().isEmpty() ? null
            : String.join(",", concat(r.redHard(), r.redSoft())))
        .decision("GoLiveReadinessDecision", projects.latestVersion("GoLiveReadinessDecision")).details(r.summary()));
  }

  // ---------------------------------------------------------------- blockers

  /** What HITGov itself finds against passing the gate now (GatePolicy over the review and the project's facts). */
  public Blockers blockers(String reviewId, String projectId, String gateId) {
    boolean g6 = "G6".equals(gateId);
    Facts facts = new Facts(
        "G5".equals(gateId) ? projects.testExitProblems(projectId) : List.of(),
        risks.risksHolding(projectId, gateId),
        !g6 || projects.hipaaPassValid(projectId),
        g6 ? projects.riskProfileProblems(projectId) : List.of(),
        g6 ? projects.latestReadiness(projectId, "G6").orElse(null) : null);
    return GatePolicy.blockers(gateId, repository.reviewRecords(reviewId), checklist(gateId), facts);
  }

  // ---------------------------------------------------------------- votes

  /** A signatory may vote once per round and not on an evidence pack they submitted. */
  public void checkSignatory(String reviewId, String user) {
    GatePolicy.fourEyesViolation(reviewId, repository.reviewRecords(reviewId), user).ifPresent(violation -> {
      throw new AuthorizationException(violation);
    });
  }

  public void vote(String reviewId, String projectId, String gateId, int round, String group, String user,
      String outcome, String comment, String conditionText, String conditionOwner, String conditionDue) {
    LocalDate due = "GO_WITH_CONDITIONS".equals(outcome) && conditionDue != null
        ? IsoDates.parseRequired("conditionDue", conditionDue) : null;
    List<String> problems = GatePolicy.voteProblems(group, outcome, comment, conditionText, conditionOwner,
        owner -> identityService.createUserQuery().userId(owner).count() > 0, due, EngineClock.today());
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    checkSignatory(reviewId, user);
    boolean conditions = "GO_WITH_CONDITIONS".equals(outcome);
    GateRecords.Step vote = GateRecord.step(reviewId, projectId, gateId, round, "VOTE").by(user, group)
        .outcome(outcome, comment);
    record(conditions ? vote.condition(conditionText, conditionOwner, due) : vote);
  }

  /** The signatory groups that have not voted yet in this round. */
  public List<String> pendingGroups(String reviewId, List<String> reviewers) {
    return GatePolicy.pendingGroups(repository.reviewRecords(reviewId), reviewers);
  }

  public void recordEscalation(String reviewId, String projectId, String gateId, int round, String user,
      String note, List<String> pending) {
    record(GateRecord.step(reviewId, projectId, gateId, round, "ESCALATED")
        .by(user, GovernanceGroup.EXECUTIVE_SPONSOR.id()).outcome(null, note)
        .details("decision overdue; pending " + pending));
  }

  // ---------------------------------------------------------------- decision

  public Decision decide(String reviewId, String projectId, String gateId, int round) {
    List<GateRecord> votes = repository.reviewRecords(reviewId).stream().filter(r -> "VOTE".equals(r.kind())).toList();
    Blockers blockers = blockers(reviewId, projectId, gateId);
    Map<String, Object> counts = GatePolicy.outcomeInputs(votes, blockers);
    VariableMap inputs = Variables.fromMap(counts);
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(StageGateReviewProcess.OUTCOME_DECISION)
        .variables(inputs).evaluate();
    String outcome = result.getSingleResult().getEntry("gateOutcome");
    String reason = result.getSingleResult().getEntry("gateOutcomeReason");
    String comment = votes.stream().filter(v -> v.comment() != null)
        .map(v -> v.groupId() + " (" + v.userId() + ", " + v.outcome() + "): " + v.comment())
        .collect(Collectors.joining("\n"));
    record(GateRecord.step(reviewId, projectId, gateId, round, "DECISION").outcome(outcome, comment.isEmpty() ? reason : comment)
        .decision(StageGateReviewProcess.OUTCOME_DECISION, projects.latestVersion(StageGateReviewProcess.OUTCOME_DECISION))
        .details(reason + "; inputs " + counts + "; blockers " + blockers.hard() + " soft " + blockers.soft()));
    List<GateCondition> conditions = new ArrayList<>();
    if ("GO_WITH_CONDITIONS".equals(outcome)) {
      String projectManager = projects.projectManager(projectId);
      for (GateRecord vote : votes) {
        if (vote.conditionText() != null) {
          conditions.add(condition(reviewId, projectId, gateId, vote.conditionText(), vote.conditionOwner(),
              vote.conditionDue(), vote.userId()));
        }
      }
      for (String gap : blockers.soft()) {
        conditions.add(condition(reviewId, projectId, gateId, "Close the gap: " + gap, projectManager,
            EngineClock.today().plusDays(properties.conditionDueDays()), null));
      }
    }
    events.publishEvent(new GateDecided(projectId, gateId, round, outcome));
    return new Decision(outcome, reason, comment.isEmpty() ? reason : comment, conditions);
  }

  private GateCondition condition(String reviewId, String projectId, String gateId, String text, String owner,
      LocalDate due, String raisedBy) {
    String id = "COND-" + projectId + "-" + gateId + "-" + idCounter.next("COND/" + projectId + "/" + gateId);
    GateCondition condition = new GateCondition(id, reviewId, projectId, gateId, text, owner, due, raisedBy,
        EngineClock.now(), "OPEN", null, null, null, null);
    repository.insertCondition(condition);
    return condition;
  }

  public String conditionDueAt(GateCondition condition) {
    return BusinessCalendar.startOfDay(condition.dueDate());
  }

  public void recordHoldDecision(String reviewId, String projectId, String gateId, int round, String user,
      String decision, String comment) {
    if (decision == null || !StageGateReviewProcess.Values.HOLD_DECISIONS.contains(decision)) {
      throw new InvalidVariablesException("holdDecision must be one of " + StageGateReviewProcess.Values.HOLD_DECISIONS);
    }
    if (comment == null) {
      throw new InvalidVariablesException("holdComment is required");
    }
    record(GateRecord.step(reviewId, projectId, gateId, round, "HOLD_DECISION")
        .by(user, GovernanceGroup.STEERING_COMMITTEE.id())
        .outcome("TERMINATE".equals(decision) ? "TERMINATE" : "RE_REVIEW", comment));
  }

  public void fulfilCondition(String conditionId, String evidence, String note, String user) {
    GateCondition condition = repository.findCondition(conditionId)
        .orElseThrow(() -> new IllegalStateException("No condition " + conditionId));
    if (evidence == null) {
      throw new InvalidVariablesException("conditionEvidence is required");
    }
    repository.fulfilCondition(conditionId, evidence, note, user, EngineClock.now());
    projects.recordEvent(condition.projectId(), user, "CONDITION_MET", conditionId + ": " + evidence);
  }

  public void conditionOverdue(String conditionId, String user, String note) {
    GateCondition condition = repository.findCondition(conditionId)
        .orElseThrow(() -> new IllegalStateException("No condition " + conditionId));
    projects.recordEvent(condition.projectId(), user, "CONDITION_CHASED", conditionId + " overdue since "
        + condition.dueDate() + (note == null ? "" : ": " + note));
  }

  /** The conditions of the project's gate decisions, for the project's own view (GET /api/projects/{id}). */
  @Override
  public List<GateCondition> conditions(String projectId) {
    return repository.conditions(projectId);
  }

  public String decisionDue() {
    return BusinessCalendar.dueInBusinessDays(properties.gateDecisionBusinessDays());
  }

  public String evidencePackDue() {
    return BusinessCalendar.dueInBusinessDays(properties.evidencePackBusinessDays());
  }

  // ---------------------------------------------------------------- helpers

  private void record(GateRecords.Step step) {
    repository.insertGateRecord(step.at(EngineClock.now()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(new LinkedHashSet<>(a));
    all.addAll(b);
    return all;
  }
}
