package io.hitgov.stagegate;

import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * The signatories' side of a gate review: each group's vote under the four-eyes rules
 * ({@link GatePolicy}), the sponsor's chase of an overdue decision, and the steering committee's
 * decision on a held gate.
 */
@Service
public class GateVotes {

  private final GateRepository repository;
  private final GateLog log;
  private final IdentityService identityService;

  GateVotes(GateRepository repository, GateLog log, IdentityService identityService) {
    this.repository = repository;
    this.log = log;
    this.identityService = identityService;
  }

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
    log.record(conditions ? vote.condition(conditionText, conditionOwner, due) : vote);
  }

  /** The signatory groups that have not voted yet in this round. */
  public List<String> pendingGroups(String reviewId, List<String> reviewers) {
    return GatePolicy.pendingGroups(repository.reviewRecords(reviewId), reviewers);
  }

  public void recordEscalation(String reviewId, String projectId, String gateId, int round, String user,
      String note, List<String> pending) {
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "ESCALATED")
        .by(user, GovernanceGroup.EXECUTIVE_SPONSOR.id()).outcome(null, note)
        .details("decision overdue; pending " + pending));
  }

  public void recordHoldDecision(String reviewId, String projectId, String gateId, int round, String user,
      String decision, String comment) {
    if (decision == null || !StageGateReviewProcess.Values.HOLD_DECISIONS.contains(decision)) {
      throw new InvalidVariablesException("holdDecision must be one of " + StageGateReviewProcess.Values.HOLD_DECISIONS);
    }
    if (comment == null) {
      throw new InvalidVariablesException("holdComment is required");
    }
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "HOLD_DECISION")
        .by(user, GovernanceGroup.STEERING_COMMITTEE.id())
        .outcome("TERMINATE".equals(decision) ? "TERMINATE" : "RE_REVIEW", comment));
  }
}
