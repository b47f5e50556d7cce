package io.hitgov.lifecycle;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code ImplementationLifecycleProcess} (contract.md). */
@Component
public final class ImplementationLifecycleProcess implements ProcessContract {

  public static final String KEY = "ImplementationLifecycleProcess";
  public static final String RESOURCE = "processes/implementation-lifecycle/ImplementationLifecycleProcess.bpmn";
  public static final String READINESS_DECISION = "GoLiveReadinessDecision";
  public static final String READINESS_RESOURCE = "processes/implementation-lifecycle/GoLiveReadinessDecision.dmn";
  public static final String GO_LIVE_DATE_CHANGED = "GoLiveDateChanged";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ProjectInitiated";
    public static final String REGISTER = "ServiceTask_RegisterProject";
    public static final String CHECK_HIPAA = "ServiceTask_CheckHipaaGate";
    public static final String HIPAA_GATE = "CallActivity_HipaaAuditGate";
    public static final String RESOLVE_BLOCKED_HIPAA = "UserTask_ResolveBlockedHipaaGate";
    public static final String REVIEW_STALLED_PHASE = "UserTask_ReviewStalledPhase";
    public static final String PLAN_CHECKPOINT = "ServiceTask_PlanReadinessCheckpoint";
    public static final String NEXT_CHECKPOINT = "TimerEvent_NextCheckpoint";
    public static final String SCORE_CHECKPOINT = "UserTask_ScoreReadinessCheckpoint";
    public static final String EVALUATE_CHECKPOINT = "ServiceTask_EvaluateReadinessCheckpoint";
    public static final String REPLAN = "ServiceTask_ReplanGoLiveDate";
    public static final String END_CLOSED = "EndEvent_ProjectClosed";
    public static final String END_TERMINATED = "EndEvent_ProjectTerminated";
    public static final String RUN_INTEGRATED_TESTING = "UserTask_RunIntegratedTesting";
    public static final String SIGN_OFF_UAT = "UserTask_SignOffUat";
    public static final String CONFIRM_GO_LIVE = "UserTask_ConfirmGoLive";
    public static final String GO_LIVE_MOVED_AFTER_G6 = "BoundaryEvent_GoLiveMovedAfterG6";

    /** The gate call activities, by gate id. */
    public static final java.util.Map<String, String> GATE_CALLS = java.util.Map.of(
        "G0", "CallActivity_G0Charter", "G1", "CallActivity_G1PlanBaseline", "G2", "CallActivity_G2Contract",
        "G3", "CallActivity_G3DesignSignOff", "G4", "CallActivity_G4BuildComplete", "G5", "CallActivity_G5TestExit",
        "G6", "CallActivity_G6GoLiveReadiness", "G7", "CallActivity_G7StabilizationExit", "G8", "CallActivity_G8Closure");

    /** The phase sub-processes, by phase. */
    public static final java.util.Map<String, String> PHASES = java.util.Map.of(
        "P0", "SubProcess_P0Initiation", "P1", "SubProcess_P1Planning", "P2", "SubProcess_P2Selection",
        "P3", "SubProcess_P3Design", "P4", "SubProcess_P4Build", "P5", "SubProcess_P5Testing",
        "P6", "SubProcess_P6Training", "P7", "SubProcess_P7CutoverGoLive", "P8", "SubProcess_P8Hypercare",
        "P9", "SubProcess_P9Closure");

    /** The deliverable tasks of each phase (in the order a walk-through completes them). */
    public static final java.util.Map<String, List<String>> DELIVERABLES = java.util.Map.of(
        "P0", List.of("UserTask_AssessReadiness", "UserTask_DraftCharter"),
        "P1", List.of("UserTask_SetUpGovernance", "UserTask_BaselinePlan", "UserTask_PlanCommunication",
            "UserTask_OpenRiskRegister", "UserTask_MapFunding"),
        "P2", List.of("UserTask_SelectVendor", "UserTask_ExecuteContract", "UserTask_ExecuteVendorBaa"),
        "P3", List.of("UserTask_ValidateWorkflows", "UserTask_SpecifyInterfaces", "UserTask_ApproveSecurityRoles"),
        "P4", List.of("UserTask_CompleteBuild", "UserTask_BuildInterfaces"),
        "P5", List.of("UserTask_RunIntegratedTesting", "UserTask_TestInterfaces", "UserTask_SignOffUat"),
        "P6", List.of("UserTask_TrainEndUsers", "UserTask_BuildSuperUserNetwork",
            "UserTask_PrepareDowntimeProcedures", "UserTask_ApproveCutoverPlan"),
        "P7", List.of("UserTask_ExecuteCutover", "UserTask_ConfirmGoLive"),
        "P8", List.of("UserTask_ReportStabilization"),
        "P9", List.of("UserTask_ReviewImplementation", "UserTask_SurveyUsers", "UserTask_TransferOpenItems"));

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    public static final String PROJECT_ID = "projectId";
    public static final String PROJECT_NAME = "projectName";
    public static final String GO_LIVE_DATE = "goLiveDate";
    public static final String BUDGET = "budget";
    public static final String SPONSOR = "sponsor";
    public static final String PROJECT_MANAGER = "projectManager";
    public static final String VENDOR_SELECTION_REQUIRED = "vendorSelectionRequired";
    public static final String CURRENT_PHASE = "currentPhase";
    public static final String NEXT_GATE = "nextGate";
    public static final String GATE_OUTCOME = "gateOutcome";
    public static final String GATE_COMMENT = "gateComment";
    public static final String HIPAA_PASS_VALID = "hipaaPassValid";
    public static final String HIPAA_GATE_RESULT = "hipaaGateResult";
    public static final String NEXT_CHECKPOINT = "nextCheckpoint";
    public static final String NEXT_CHECKPOINT_DATE = "nextCheckpointDate";
    public static final String READINESS_SUMMARY = "readinessSummary";
    public static final String UAT_DEPARTMENTS = "uatDepartments";
    public static final String NEW_GO_LIVE_DATE = "newGoLiveDate";
    public static final String GO_LIVE_CHANGE_REASON = "goLiveChangeReason";
    /** Set when go-live moves after G6 passed and before the go-live: the go/no-go (G6) runs again (C9). */
    public static final String GO_NO_GO_RERUN = "goNoGoRerunRequired";
    /** Prefix of the per-phase stall dates ({@code stallDateP0} .. {@code stallDateP9}). */
    public static final String STALL_DATE_PREFIX = "stallDate";
    /** The scorecard fields a PMO scores (R01 and R17 are derived by HITGov). */
    public static final List<String> SCORED_CRITERIA = List.of("r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09",
        "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r18", "r19", "r20");

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> PHASES = List.of("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
    public static final List<String> GATES = List.of("G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8");
    public static final List<String> GATE_OUTCOMES = List.of("GO", "GO_WITH_CONDITIONS", "RECYCLE", "NO_GO", "TERMINATE");
    public static final String DONE = "DONE";
    public static final String GO_LIVE = "GO_LIVE";

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
        VariableSpec.string(Variables.PROJECT_NAME, true, 200),
        VariableSpec.isoDate(Variables.GO_LIVE_DATE, true),
        VariableSpec.longValue(Variables.BUDGET, true, 0, 1_000_000_000_000L),
        VariableSpec.id(Variables.SPONSOR, true),
        VariableSpec.id(Variables.PROJECT_MANAGER, true),
        VariableSpec.bool(Variables.VENDOR_SELECTION_REQUIRED, true));
  }
}
