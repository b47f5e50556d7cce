package io.hitgov.stagegate;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code StageGateReviewProcess}, called by the lifecycle for each gate. */
@Component
public final class StageGateReviewProcess implements ProcessContract {

  public static final String KEY = "StageGateReviewProcess";
  public static final String RESOURCE = "processes/stage-gate-review/StageGateReviewProcess.bpmn";
  public static final String CHECKLIST_DECISION = "StageGateChecklistDecision";
  public static final String SIGNATORIES_DECISION = "StageGateSignatoriesDecision";
  public static final String OUTCOME_DECISION = "GateOutcomeDecision";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_GateReviewRequested";
    public static final String OPEN = "ServiceTask_OpenGateReview";
    public static final String ASSEMBLE_EVIDENCE = "UserTask_AssembleEvidencePack";
    public static final String SCORE_READINESS = "UserTask_ScoreGoLiveReadiness";
    public static final String REVIEW = "UserTask_ReviewGate";
    public static final String DECISION_OVERDUE = "BoundaryEvent_GateDecisionOverdue";
    public static final String CHASE_OVERDUE_DECISION = "UserTask_ChaseOverdueGateDecision";
    public static final String DECIDE = "BusinessRuleTask_DecideGateOutcome";
    public static final String DECIDE_HELD_GATE = "UserTask_DecideHeldGate";
    public static final String END_DECIDED = "EndEvent_GateDecided";
    public static final String END_TERMINATED = "EndEvent_GateTerminated";

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    public static final String GATE_ID = "gateId";
    public static final String REVIEW_ID = "gateReviewId";
    public static final String ROUND = "gateRound";
    public static final String REVIEWERS = "gateReviewers";
    public static final String REVIEWER_GROUP = "reviewerGroup";
    /** The project manager (user id): the evidence pack is assigned to them. */
    public static final String PROJECT_MANAGER = "projectManager";
    /** The executive sponsor (user id): the sponsor's review and the overdue-decision chase are assigned to them. */
    public static final String SPONSOR = "sponsor";
    public static final String CHECKLIST_TEXT = "gateChecklistText";
    public static final String PREVIOUS_COMMENTS = "gatePreviousComments";
    public static final String EVIDENCE_REFERENCES = "gateEvidenceReferences";
    public static final String UNMET_CRITERIA = "gateUnmetCriteria";
    public static final String BLOCKERS_TEXT = "gateBlockersText";
    public static final String PENDING_GROUPS = "gatePendingGroups";
    public static final String DECISION_DUE = "gateDecisionDue";
    public static final String EVIDENCE_PACK_DUE = "evidencePackDue";
    public static final String OUTCOME = "gateOutcome";
    public static final String OUTCOME_REASON = "gateOutcomeReason";
    public static final String COMMENT = "gateComment";
    public static final String HOLD_DECISION = "holdDecision";

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> HOLD_DECISIONS = List.of("RE_REVIEW", "TERMINATE");

    private Values() {}
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of(
        VariableSpec.id("projectId", true),
        VariableSpec.oneOf(Variables.GATE_ID, true, ImplementationLifecycleProcess.Values.GATES),
        VariableSpec.string("projectName", false, 200),
        VariableSpec.isoDate("goLiveDate", false));
  }
}
