package io.hitgov.hipaa;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The technical contract of {@code HipaaAuditGateProcess}: key, resources, element ids, variable
 * names and values, and the start variables a caller or a user must provide.
 */
@Component
public final class HipaaAuditGateProcess implements ProcessContract {

  public static final String KEY = "HipaaAuditGateProcess";
  public static final String RESOURCE = "processes/hipaa-audit-gate/HipaaAuditGateProcess.bpmn";
  public static final String CATALOGUE_DECISION = "HipaaSpecCatalogueDecision";
  public static final String CATALOGUE_RESOURCE = "processes/hipaa-audit-gate/HipaaSpecCatalogueDecision.dmn";
  public static final String DISPOSITION_DECISION = "HipaaSpecDispositionDecision";
  public static final String DISPOSITION_RESOURCE = "processes/hipaa-audit-gate/HipaaSpecDispositionDecision.dmn";

  /** Element ids that tests, Cockpit and code refer to. */
  public static final class Elements {
    public static final String START = "StartEvent_HipaaGateRequested";
    public static final String OPEN_GATE = "ServiceTask_OpenHipaaGate";
    public static final String DEFINE_SCOPE = "UserTask_DefineScope";
    public static final String EVIDENCE_SUBPROCESS = "SubProcess_SpecificationEvidence";
    public static final String SUBMIT_EVIDENCE = "UserTask_SubmitEvidence";
    public static final String DISPOSE = "BusinessRuleTask_DisposeSpecification";
    public static final String RECORD_BAA = "UserTask_RecordBusinessAssociateAgreement";
    public static final String EVALUATE = "ServiceTask_EvaluateHipaaGate";
    public static final String SIGN_SECURITY = "UserTask_SignAsSecurityOfficial";
    public static final String SIGN_PRIVACY = "UserTask_SignAsPrivacyOfficial";
    public static final String ACKNOWLEDGE_RESIDUAL_RISK = "UserTask_AcknowledgeResidualRisk";
    public static final String OPEN_REMEDIATION = "ServiceTask_OpenRemediation";
    public static final String REMEDIATION_SUBPROCESS = "SubProcess_Remediation";
    public static final String REMEDIATE_SPECIFICATION = "UserTask_RemediateSpecification";
    public static final String REDISPOSE = "BusinessRuleTask_RedisposeSpecification";
    public static final String REMEDIATE_BAA = "UserTask_RemediateBusinessAssociateAgreement";
    public static final String REMEDIATION_OVERDUE = "BoundaryEvent_RemediationOverdue";
    public static final String CHASE_REMEDIATION = "UserTask_ChaseOverdueRemediation";
    public static final String RE_REVIEW = "UserTask_ReReviewGate";
    public static final String RECORD_PASSED = "ServiceTask_RecordGatePassed";
    public static final String RECORD_BLOCKED = "ServiceTask_RecordGateBlocked";
    public static final String END_PASSED = "EndEvent_GatePassed";
    public static final String END_BLOCKED = "EndEvent_GateBlocked";

    private Elements() {}
  }

  /** Variable names (docs/contract.md plus this process's own). */
  public static final class Variables {
    public static final String PROJECT_ID = "projectId";
    public static final String GATE_REASON = "gateReason";
    public static final String GO_LIVE_DATE = "goLiveDate";
    public static final String GATE_ID = "hipaaGateId";
    /** The project's executive sponsor (user id), the assignee of the residual-risk acknowledgement. */
    public static final String SPONSOR = "sponsor";
    public static final String SPEC_COUNT = "hipaaSpecCount";
    public static final String BAA_COUNT = "hipaaBaaCount";
    public static final String ROUND = "hipaaRound";
    public static final String GATE_CLEAR = "hipaaGateClear";
    public static final String BLOCKED_COUNT = "hipaaBlockedCount";
    public static final String PASS_COUNT = "hipaaPassCount";
    public static final String ANNUAL_REVIEW_COUNT = "hipaaAnnualReviewCount";
    public static final String FINDINGS = "hipaaFindings";
    public static final String REMEDIATION_COUNT = "hipaaRemediationCount";
    public static final String REMEDIATION_DUE = "hipaaRemediationDue";
    public static final String SECURITY_SIGNED = "securitySignOffApproved";
    public static final String PRIVACY_SIGNED = "privacySignOffApproved";
    public static final String RESIDUAL_RISK_ACCEPTED = "residualRiskAccepted";
    public static final String RE_REVIEW_DECISION = "reReviewDecision";
    public static final String RESULT = "hipaaGateResult";
    public static final String EXPIRES_ON = "hipaaGateExpiresOn";

    // Task-local form fields (evidence, BAA, sign-off)
    public static final String EVIDENCE_STATUS = "evidenceStatus";
    public static final String RATIONALE = "evidenceRationale";
    public static final String COMPENSATING_CONTROL = "compensatingControl";
    public static final String DOCUMENT_ID = "evidenceDocumentId";
    public static final String DOCUMENT_VERSION = "evidenceDocumentVersion";
    public static final String DOCUMENT_HASH = "evidenceDocumentHash";
    public static final String EVIDENCE_DATE = "evidenceDate";
    public static final String BAA_EXECUTED = "baaExecuted";
    public static final String BAA_EFFECTIVE_DATE = "baaEffectiveDate";
    public static final String BAA_EXPIRY_DATE = "baaExpiryDate";
    public static final String BAA_FLOW_DOWN = "baaSubcontractorFlowDown";
    public static final String BAA_DOCUMENT_ID = "baaDocumentId";
    public static final String SECURITY_COMMENT = "securitySignOffComment";
    public static final String PRIVACY_COMMENT = "privacySignOffComment";
    public static final String RESIDUAL_RISK_COMMENT = "residualRiskComment";

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> GATE_REASONS = List.of("GO_LIVE", "UPGRADE", "NEW_BUSINESS_ASSOCIATE");
    public static final List<String> EVIDENCE_STATUSES =
        List.of("EVIDENCED", "NOT_APPLICABLE", "ALTERNATIVE_MEASURE", "NOT_REASONABLE", "GAP");
    public static final List<String> RE_REVIEW_DECISIONS = List.of("REEVALUATE", "CLOSE_BLOCKED");
    public static final String PASS = "PASS";
    public static final String BLOCKED = "BLOCKED";
    public static final String BLOCK = "BLOCK";

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
        VariableSpec.oneOf(Variables.GATE_REASON, false, Values.GATE_REASONS),
        VariableSpec.isoDate(Variables.GO_LIVE_DATE, false));
  }
}
