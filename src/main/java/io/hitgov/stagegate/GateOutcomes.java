package io.hitgov.stagegate;

import io.hitgov.lifecycle.LifecycleProperties;
import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.risk.RiskProfile;
import io.hitgov.shared.event.GateDecided;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.GatePolicy.Blockers;
import io.hitgov.stagegate.GatePolicy.Facts;
import io.hitgov.stagegate.GateRecords.GateRecord;
import io.hitgov.stagegate.GateRecords.RaisedCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A gate review's outcome: the blockers HITGov finds itself (gate holds, G5 test exit, HIPAA, risk
 * profile, readiness; the rules are {@link GatePolicy}), the votes and blockers decided by
 * GateOutcomeDecision, and the conditions a GO_WITH_CONDITIONS raises.
 */
@Service
public class GateOutcomes {

  /** The decided outcome and what the lifecycle and the conditions need. */
  public record Decision(String outcome, String reason, String comment, List<RaisedCondition> conditions) {}

  private final GateRepository repository;
  private final GateLog log;
  private final GateReviews reviews;
  private final GateConditions conditions;
  private final ProjectGates projects;
  private final RiskProfile risks;
  private final DecisionService decisionService;
  private final LifecycleProperties properties;
  private final ApplicationEventPublisher events;

  GateOutcomes(GateRepository repository, GateLog log, GateReviews reviews, GateConditions conditions,
      ProjectGates projects, RiskProfile risks, DecisionService decisionService, LifecycleProperties properties,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.log = log;
    this.reviews = reviews;
    this.conditions = conditions;
    this.projects = projects;
    this.risks = risks;
    this.decisionService = decisionService;
    this.properties = properties;
    this.events = events;
  }

  /** What HITGov itself finds against passing the gate now (GatePolicy over the review and the project's facts). */
  public Blockers blockers(String reviewId, String projectId, String gateId) {
    boolean g6 = "G6".equals(gateId);
    Facts facts = new Facts(
        "G5".equals(gateId) ? projects.testExitProblems(projectId) : List.of(),
        risks.risksHolding(projectId, gateId),
        !g6 || projects.hipaaPassValid(projectId),
        g6 ? projects.riskProfileProblems(projectId) : List.of(),
        g6 ? projects.latestReadiness(projectId, "G6").orElse(null) : null);
    return GatePolicy.blockers(gateId, repository.reviewRecords(reviewId), reviews.checklist(gateId), facts);
  }

  public Decision decide(String reviewId, String projectId, String gateId, int round) {
    List<GateRecord> votes = repository.reviewRecords(reviewId).stream().filter(r -> "VOTE".equals(r.kind())).toList();
    Blockers blockers = blockers(reviewId, projectId, gateId);
    Map<String, Object> counts = GatePolicy.outcomeInputs(votes, blockers);
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(StageGateReviewProcess.OUTCOME_DECISION)
        .variables(Variables.fromMap(counts)).evaluate();
    String outcome = result.getSingleResult().getEntry("gateOutcome");
    String reason = result.getSingleResult().getEntry("gateOutcomeReason");
    String comment = votes.stream().filter(v -> v.comment() != null)
        .map(v -> v.groupId() + " (" + v.userId() + ", " + v.outcome() + "): " + v.comment())
        .collect(Collectors.joining("\n"));
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "DECISION")
        .outcome(outcome, comment.isEmpty() ? reason : comment)
        .decision(StageGateReviewProcess.OUTCOME_DECISION, projects.latestVersion(StageGateReviewProcess.OUTCOME_DECISION))
        .details(reason + "; inputs " + counts + "; blockers " + blockers.hard() + " soft " + blockers.soft()));
    List<RaisedCondition> raised = "GO_WITH_CONDITIONS".equals(outcome)
        ? raiseConditions(reviewId, projectId, gateId, votes, blockers) : List.of();
    events.publishEvent(new GateDecided(projectId, gateId, round, outcome));
    return new Decision(outcome, reason, comment.isEmpty() ? reason : comment, raised);
  }

  /** The signatories' conditions, and one for the project manager per soft gap. */
  private List<RaisedCondition> raiseConditions(String reviewId, String projectId, String gateId,
      List<GateRecord> votes, Blockers blockers) {
    List<RaisedCondition> raised = new ArrayList<>();
    String projectManager = projects.projectManager(projectId);
    for (GateRecord vote : votes) {
      if (vote.conditionText() != null) {
        raised.add(conditions.raise(reviewId, projectId, gateId, vote.conditionText(), vote.conditionOwner(),
            vote.conditionDue(), vote.userId()));
      }
    }
    for (String gap : blockers.soft()) {
      raised.add(conditions.raise(reviewId, projectId, gateId, "Close the gap: " + gap, projectManager,
          EngineClock.today().plusDays(properties.conditionDueDays()), null));
    }
    return raised;
  }
}
