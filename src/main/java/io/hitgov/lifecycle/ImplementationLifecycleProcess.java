package io.hitgov.lifecycle;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/** The technical contract of {@code ImplementationLifecycleProcess} (docs/contract.md). */
@Component
public final class ImplementationLifecycleProcess implements ProcessContract {

  public static final String KEY = "ImplementationLifecycleProcess";
  public static final String RESOURCE = "processes/implementation-lifecycle/ImplementationLifecycleProcess.bpmn";
  public static final String READINESS_DECISION = "GoLiveReadinessDecision";
  public static final String READINESS_RESOURCE = "processes/implementation-lifecycle/GoLiveReadinessDecision.dmn";
  public static final String GO_LIVE_DATE_CHANGED = "GoLiveDateChanged";
  public static final String TAILORING_DECISION = "LifecycleTailoringDecision";
  public static final String TAILORING_RESOURCE = "processes/implementation-lifecycle/LifecycleTailoringDecision.dmn";

  /** The phase processes the lifecycle calls, one per phase (processes/implementation-lifecycle/phases). */
  public static final String P0_PROCESS = "LifecycleP0InitiationProcess";
  public static final String P1_PROCESS = "LifecycleP1PlanningProcess";
  public static final String P2_PROCESS = "LifecycleP2SelectionProcess";
  public static final String P3_PROCESS = "LifecycleP3DesignProcess";
  public static final String P4_PROCESS = "LifecycleP4BuildProcess";
  public static final String P5_PROCESS = "LifecycleP5TestingProcess";
  public static final String P6_PROCESS = "LifecycleP6TrainingProcess";
  public static final String P7_PROCESS = "LifecycleP7CutoverGoLiveProcess";
  public static final String P8_PROCESS = "LifecycleP8HypercareProcess";
  public static final String P9_PROCESS = "LifecycleP9ClosureProcess";
  /** The phase process of each phase. */
  public static final java.util.Map<String, String> PHASE_PROCESSES = java.util.Map.of("P0", P0_PROCESS,
      "P1", P1_PROCESS, "P2", P2_PROCESS, "P3", P3_PROCESS, "P4", P4_PROCESS, "P5", P5_PROCESS, "P6", P6_PROCESS,
      "P7", P7_PROCESS, "P8", P8_PROCESS, "P9", P9_PROCESS);

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ProjectInitiated";
    public static final String REGISTER = "ServiceTask_RegisterProject";
    public static final String TAILOR = "BusinessRuleTask_TailorLifecycle";
    public static final String CHECK_HIPAA = "ServiceTask_CheckHipaaGate";
    public static final String HIPAA_GATE = "CallActivity_HipaaAuditGate";
    public static final String RESOLVE_BLOCKED_HIPAA = "UserTask_ResolveBlockedHipaaGate";
    public static final String REVIEW_STALLED_PHASE = "UserTask_ReviewStalledPhase";
    public static final String PLAN_CHECKPOINT = "ServiceTask_PlanReadinessCheckpoint";
    public static final String NEXT_CHECKPOINT = "TimerEvent_NextCheckpoint";
    public static final String SCORE_CHECKPOINT = "UserTask_ScoreReadinessCheckpoint";
    public static final String REPLAN = "ServiceTask_ReplanGoLiveDate";
    public static final String END_CLOSED = "EndEvent_ProjectClosed";
    public static final String END_TERMINATED = "EndEvent_ProjectTerminated";
    /** Where a TERMINATE at a gate ends the gate's path (an escalation to END_TERMINATED's sub-process). */
    public static final java.util.Map<String, String> TERMINATED_AT = java.util.Map.of(
        "G0", "EndEvent_G0Terminated", "G1", "EndEvent_G1Terminated", "G2", "EndEvent_G2Terminated",
        "G3", "EndEvent_G3Terminated", "G4", "EndEvent_G4Terminated", "G5", "EndEvent_G5Terminated",
        "G6", "EndEvent_G6Terminated", "G7", "EndEvent_G7Terminated", "G8", "EndEvent_G8Terminated");
    public static final String VALIDATE_CLINICAL_CONTENT = "UserTask_ValidateClinicalContent";
    public static final String RUN_INTEGRATED_TESTING = "UserTask_RunIntegratedTesting";
    public static final String SIGN_OFF_UAT = "UserTask_SignOffUat";
    public static final String CONFIRM_GO_LIVE = "UserTask_ConfirmGoLive";
    public static final String GO_LIVE_MOVED_AFTER_G6 = "BoundaryEvent_GoLiveMovedAfterG6";

    /** The gate call activities, by gate id. */
    public static final java.util.Map<String, String> GATE_CALLS = java.util.Map.of(
        "G0", "CallActivity_G0Charter", "G1", "CallActivity_G1PlanBaseline", "G2", "CallActivity_G2Contract",
        "G3", "CallActivity_G3DesignSignOff", "G4", "CallActivity_G4BuildComplete", "G5", "CallActivity_G5TestExit",
        "G6", "CallActivity_G6GoLiveReadiness", "G7", "CallActivity_G7StabilizationExit", "G8", "CallActivity_G8Closure");

    /** The phase call activities of the lifecycle, by phase. */
    public static final java.util.Map<String, String> PHASE_CALLS = java.util.Map.of(
        "P0", "CallActivity_P0Initiation", "P1", "CallActivity_P1Planning", "P2", "CallActivity_P2Selection",
        "P3", "CallActivity_P3Design", "P4", "CallActivity_P4Build", "P5", "CallActivity_P5Testing",
        "P6", "CallActivity_P6Training", "P7", "CallActivity_P7CutoverGoLive", "P8", "CallActivity_P8Hypercare",
        "P9", "CallActivity_P9Closure");

    /** Version 1 only (one diagram, phases embedded): the phase sub-processes, by phase. */
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
        "P5", List.of("UserTask_RunIntegratedTesting", "UserTask_TestInterfaces", "UserTask_ValidateClinicalContent",
            "UserTask_SignOffUat"),
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
    /** Start variable, default EHR_REPLACEMENT: tailors phases, gates and readiness criteria. */
    public static final String PROJECT_TYPE = "projectType";
    /** From LifecycleTailoringDecision: P2 and G2 run. */
    public static final String RUN_P2 = "runP2";
    /** From LifecycleTailoringDecision: P8 and G7 run. */
    public static final String RUN_P8 = "runP8";
    /** From LifecycleTailoringDecision: P5 validates clinical content (CDSS). */
    public static final String CLINICAL_CONTENT_VALIDATION = "clinicalContentValidation";
    /** The readiness criteria that apply to the project, comma-separated (R01,...,R20[,R21...]). */
    public static final String READINESS_CRITERIA = "readinessCriteria";
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
        "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r18", "r19", "r20", "r21", "r22", "r23");

    private Variables() {}
  }

  /** Allowed values. */
  public static final class Values {
    public static final List<String> PHASES = List.of("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
    public static final List<String> GATES = List.of("G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8");
    /** What forms call each phase (docs/domain/lifecycle-and-gates.md#phases). */
    public static final java.util.Map<String, String> PHASE_NAMES = java.util.Map.of("P0", "Initiation & readiness",
        "P1", "Planning & governance", "P2", "Selection & contracting", "P3", "Design / workflow validation",
        "P4", "Build & configuration", "P5", "Testing", "P6", "Training & operational readiness",
        "P7", "Cutover & go-live", "P8", "Stabilization / hypercare", "P9", "Optimization, benefits & closure");
    /** What forms call each gate (docs/domain/lifecycle-and-gates.md#gates). */
    public static final java.util.Map<String, String> GATE_NAMES = java.util.Map.of("G0", "Charter",
        "G1", "Plan baseline", "G2", "Contract", "G3", "Design sign-off", "G4", "Build complete / test entry",
        "G5", "Test exit & UAT", "G6", "Go-live readiness (go/no-go)", "G7", "Stabilization exit", "G8", "Closure");
    public static final List<String> GATE_OUTCOMES = List.of("GO", "GO_WITH_CONDITIONS", "RECYCLE", "NO_GO", "TERMINATE");
    public static final String DONE = "DONE";
    public static final String GO_LIVE = "GO_LIVE";
    public static final List<String> PROJECT_TYPES = List.of("EHR_REPLACEMENT", "EHR_UPGRADE", "INTERFACE", "CDSS",
        "TELEHEALTH", "SMALL_APPLICATION");
    public static final String DEFAULT_PROJECT_TYPE = "EHR_REPLACEMENT";
    /** Every readiness criterion of GoLiveReadinessDecision; R01-R20 apply by default, R21-R23 when tailoring adds them. */
    public static final List<String> READINESS_CRITERIA = java.util.stream.IntStream.rangeClosed(1, 23)
        .mapToObj(i -> String.format("R%02d", i)).toList();
    public static final List<String> DEFAULT_READINESS_CRITERIA = READINESS_CRITERIA.subList(0, 20);
    /** Criteria no tailoring may declare not applicable: the HIPAA gate, the risk analysis, the BAAs. */
    public static final List<String> UNTAILORABLE_CRITERIA = List.of("R01", "R02", "R03");

    private Values() {}
  }

  /** A phase id with its name ({@code P3} -> {@code "P3 Design / workflow validation"}); other values as they are. */
  public static String phaseName(Object phase) {
    return named(phase, Values.PHASE_NAMES);
  }

  /** A gate id with its name ({@code G3} -> {@code "G3 Design sign-off"}); other values as they are. */
  public static String gateName(Object gate) {
    return named(gate, Values.GATE_NAMES);
  }

  private static String named(Object id, java.util.Map<String, String> names) {
    if (!(id instanceof String s) || s.isBlank()) {
      return "—";
    }
    return names.containsKey(s) ? s + " " + names.get(s) : io.hitgov.shared.process.Readable.words(s);
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
        VariableSpec.bool(Variables.VENDOR_SELECTION_REQUIRED, true),
        VariableSpec.oneOf(Variables.PROJECT_TYPE, false, Values.PROJECT_TYPES));
  }
}
