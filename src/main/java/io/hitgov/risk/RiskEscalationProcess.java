package io.hitgov.risk;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code RiskEscalationProcess} (docs/contract.md). */
@Component
public final class RiskEscalationProcess implements ProcessContract {

  public static final String KEY = "RiskEscalationProcess";
  public static final String RESOURCE = "processes/risk-escalation/RiskEscalationProcess.bpmn";
  public static final String SCORE_DECISION = "RiskScoreDecision";
  public static final String SCORE_RESOURCE = "processes/risk-escalation/RiskScoreDecision.dmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_RiskReported";
    public static final String REGISTER = "ServiceTask_RegisterRisk";
    public static final String SCORE = "BusinessRuleTask_ScoreRisk";
    public static final String FAST_TRACK = "SubProcess_PatientSafetyFastTrack";
    public static final String ACKNOWLEDGE_SAFETY = "UserTask_AcknowledgeSafetyRisk";
    public static final String SAFETY_ACK_OVERDUE = "BoundaryEvent_SafetyAcknowledgementOverdue";
    public static final String REVIEW_UNACKNOWLEDGED = "UserTask_ReviewUnacknowledgedSafetyRisk";
    public static final String CONTAIN = "UserTask_ContainAndClassifySafetyEvent";
    public static final String ROOT_CAUSE_ANALYSIS = "UserTask_RootCauseAnalysis";
    public static final String REVIEW_OVERDUE_RCA = "UserTask_ReviewOverdueRootCauseAnalysis";
    public static final String ASSIGN_OWNER = "UserTask_AssignRiskOwner";
    public static final String OWNERSHIP = "SubProcess_Ownership";
    public static final String PLAN = "UserTask_PlanMitigation";
    public static final String PLAN_OVERDUE = "TimerEvent_PlanOverdue";
    public static final String ESCALATE = "ServiceTask_EscalateRisk";
    public static final String REVIEW_ESCALATED = "UserTask_ReviewEscalatedRisk";
    public static final String APPROVE_ACCEPTANCE = "UserTask_ApproveRiskAcceptance";
    public static final String REVIEW = "UserTask_ReviewRisk";
    public static final String REVIEW_OVERDUE = "BoundaryEvent_ReviewOverdue";
    public static final String ESCALATE_OVERDUE_REVIEW = "ServiceTask_EscalateOverdueReview";
    public static final String REVIEW_OVERDUE_ESCALATION = "UserTask_ReviewOverdueRisk";
    public static final String RESCORE = "BusinessRuleTask_RescoreRisk";
    public static final String APPROVE_CLOSURE = "UserTask_ApproveRiskClosure";
    public static final String CLOSE = "ServiceTask_CloseRisk";
    public static final String CONVERT = "ServiceTask_ConvertRiskToIssue";
    public static final String END_CLOSED = "EndEvent_RiskClosed";
    public static final String END_CONVERTED = "EndEvent_RiskConvertedToIssue";

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    public static final String PROJECT_ID = "projectId";
    public static final String TITLE = "title";
    public static final String CATEGORY = "category";
    public static final String LIKELIHOOD = "likelihood";
    public static final String IMPACT = "impact";
    public static final String OWNER = "owner";
    public static final String HEALTH_IT_SAFETY_EVENT = "healthItSafetyEvent";
    public static final String PROXIMITY_DATE = "proximityDate";
    public static final String RISK_ID = "riskId";
    public static final String SCORE = "riskScore";
    public static final String BAND = "riskBand";
    public static final String FAST_TRACK = "patientSafetyFastTrack";
    public static final String ESCALATION_LEVEL = "escalationLevel";
    public static final String ESCALATION_GROUP = "escalationGroup";
    public static final String ESCALATION_DUE = "escalationDue";
    public static final String ESCALATE_NOW = "escalateNow";
    public static final String TOP_LEVEL_REACHED = "escalationTopReached";
    /** Input of each escalation task: why the risk goes up ({@code BAND}, {@code PLAN_OVERDUE}, {@code REVIEW_OVERDUE}). */
    public static final String ESCALATION_REASON = "escalationReason";
    public static final String SAFETY_ACK_DURATION = "safetyAcknowledgementDuration";
    public static final String HARM = "harm";
    public static final String RCA_DUE = "rootCauseAnalysisDue";
    public static final String RESPONSE_STRATEGY = "responseStrategy";
    public static final String NEEDS_STEERING_ACCEPTANCE = "needsSteeringAcceptance";
    public static final String ACCEPTANCE_APPROVED = "acceptanceApproved";
    public static final String NEXT_REVIEW_DUE = "nextReviewDue";
    public static final String REVIEW_OUTCOME = "reviewOutcome";
    public static final String CLOSURE_APPROVED = "closureApproved";

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> CATEGORIES =
        List.of("PATIENT_SAFETY", "REGULATORY", "SCHEDULE", "BUDGET", "TECHNICAL", "ADOPTION");
    public static final List<String> BANDS = List.of("LOW", "MODERATE", "HIGH", "EXTREME");
    public static final List<String> STRATEGIES = List.of("AVOID", "MITIGATE", "TRANSFER", "ACCEPT");
    public static final List<String> REVIEW_OUTCOMES = List.of("CONTINUE", "RESCORE", "CLOSE", "MATERIALIZED");
    public static final List<String> HARM_SCALE = List.of("DEATH", "SEVERE", "MODERATE", "MILD", "NO_HARM", "UNKNOWN");
    public static final List<String> EVENT_TYPES = List.of("INCIDENT", "NEAR_MISS", "UNSAFE_CONDITION");
    public static final List<String> ESCALATION_REASONS = List.of("BAND", "PLAN_OVERDUE", "REVIEW_OVERDUE");

    private Values() {}
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of(
        VariableSpec.id(Variables.PROJECT_ID, true),
        VariableSpec.string(Variables.TITLE, true, 300),
        VariableSpec.oneOf(Variables.CATEGORY, true, Values.CATEGORIES),
        VariableSpec.integer(Variables.LIKELIHOOD, true, 1, 5),
        VariableSpec.integer(Variables.IMPACT, true, 1, 5),
        VariableSpec.id(Variables.OWNER, false),
        VariableSpec.bool(Variables.HEALTH_IT_SAFETY_EVENT, false),
        VariableSpec.isoDate(Variables.PROXIMITY_DATE, false));
  }
}
