package io.hitgov.change;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code ChangeRequestProcess} (docs/contract.md). */
@Component
public final class ChangeRequestProcess implements ProcessContract {

  public static final String KEY = "ChangeRequestProcess";
  public static final String RESOURCE = "processes/change-request/ChangeRequestProcess.bpmn";
  public static final String ROUTING_DECISION = "ChangeRoutingDecision";
  public static final String ROUTING_RESOURCE = "processes/change-request/ChangeRoutingDecision.dmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ChangeRequested";
    public static final String REGISTER = "ServiceTask_RegisterChangeRequest";
    public static final String ASSESS = "UserTask_AssessImpact";
    public static final String ROUTE = "BusinessRuleTask_RouteChange";
    public static final String APPROVALS = "SubProcess_Approvals";
    public static final String APPROVE = "UserTask_ApproveChange";
    public static final String APPROVAL_OVERDUE = "BoundaryEvent_ApprovalOverdue";
    public static final String ESCALATE = "ServiceTask_EscalateOverdueApproval";
    public static final String DECIDE = "ServiceTask_DecideChange";
    public static final String REVIEW_REJECTION = "UserTask_ReviewRejection";
    public static final String IMPLEMENT = "UserTask_ImplementChange";
    public static final String VERIFY = "UserTask_VerifyChange";
    public static final String RETROSPECTIVE = "UserTask_ReviewEmergencyChange";
    public static final String UPDATE_BASELINES = "ServiceTask_UpdateBaselines";
    public static final String END_CLOSED = "EndEvent_ChangeClosed";
    public static final String END_REJECTED = "EndEvent_ChangeRejected";

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    public static final String PROJECT_ID = "projectId";
    public static final String TITLE = "title";
    public static final String CHANGE_TYPE = "changeType";
    public static final String COST_IMPACT = "costImpact";
    public static final String SCHEDULE_IMPACT_DAYS = "scheduleImpactDays";
    public static final String MOVES_GO_LIVE = "movesGoLive";
    public static final String NEW_GO_LIVE_DATE = "newGoLiveDate";
    public static final String CLINICAL = "clinicalContentImpact";
    public static final String SAFETY = "patientSafetyImpact";
    public static final String PHI = "phiImpact";
    public static final String INTERFACE = "interfaceImpact";
    public static final String JUSTIFICATION = "justification";
    public static final String STANDARD_TEMPLATE = "standardTemplateId";
    /** Comma-separated interface ids of the project (the API also takes a JSON list); an approval re-opens their readiness. */
    public static final String AFFECTED_INTERFACES = "affectedInterfaceIds";
    public static final String CHANGE_REQUEST_ID = "changeRequestId";
    public static final String REQUESTER = "requester";
    /** The project's executive sponsor when the change was raised: assignee of the executiveSponsor approval. */
    public static final String SPONSOR = "sponsor";
    public static final String IN_FREEZE = "inFreezeWindow";
    public static final String BUDGET = "budget";
    public static final String BUDGET_SHARE = "budgetSharePercent";
    public static final String REQUIRED_APPROVALS = "requiredApprovals";
    public static final String APPROVER_GROUP = "approverGroup";
    public static final String APPROVAL_DUE = "approvalDue";
    public static final String APPROVED = "approved";
    public static final String DECISION_COMMENT = "decisionComment";
    public static final String REJECTED = "changeRejected";
    public static final String OUTCOME = "changeOutcome";
    public static final String VERIFIED = "changeVerified";
    public static final String IMPLEMENTER = "implementer";
    public static final String RETROSPECTIVE_DUE = "retrospectiveDue";
    /** Assessment answers that ChangeRoutingDecision reads. */
    public static final List<String> ASSESSMENT = List.of("criticalPath", "movesGate", "scopeChange", "newFunding",
        "crossesFiscalYear", "changesCapitalOperatingSplit", "fiscalYear", "contingencyDrawPercent", "changeRisk",
        "implementationPlan", "backoutPlan", "testPlan");

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> TYPES = List.of("STANDARD", "NORMAL", "EMERGENCY");
    public static final List<String> SCOPE_CHANGES = List.of("NONE", "MINOR_ADDITION", "NEW_MODULE",
        "CLINICIAN_VISIBLE_REMOVAL");
    public static final List<String> RISKS = List.of("LOW", "MODERATE", "HIGH");
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

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
        VariableSpec.oneOf(Variables.CHANGE_TYPE, true, Values.TYPES),
        VariableSpec.longValue(Variables.COST_IMPACT, true, -1_000_000_000_000L, 1_000_000_000_000L),
        VariableSpec.integer(Variables.SCHEDULE_IMPACT_DAYS, true, -500, 500),
        VariableSpec.bool(Variables.MOVES_GO_LIVE, true),
        VariableSpec.bool(Variables.CLINICAL, true),
        VariableSpec.bool(Variables.SAFETY, true),
        VariableSpec.bool(Variables.PHI, true),
        VariableSpec.bool(Variables.INTERFACE, true),
        VariableSpec.isoDate(Variables.NEW_GO_LIVE_DATE, false),
        VariableSpec.string(Variables.JUSTIFICATION, false, 2000),
        VariableSpec.string(Variables.STANDARD_TEMPLATE, false, 100),
        VariableSpec.string(Variables.AFFECTED_INTERFACES, false, 1000));
  }
}
