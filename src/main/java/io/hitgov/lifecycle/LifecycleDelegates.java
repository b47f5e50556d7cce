package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.lifecycle.LifecycleRecords.Registration;
import io.hitgov.lifecycle.ProjectReadiness.NextCheckpoint;
import io.hitgov.lifecycle.ProjectReadiness.Readiness;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The service tasks and listeners of ImplementationLifecycleProcess, one small bean each. */
final class LifecycleDelegates {

  private LifecycleDelegates() {}

  /**
   * Tailors the lifecycle to the project type with LifecycleTailoringDecision: which phases (and
   * their gates) run, whether P5 validates clinical content, which readiness criteria apply.
   */
  @Component("tailorLifecycleDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class TailorLifecycle implements JavaDelegate {
    private final LifecycleTailoring lifecycleTailoring;

    TailorLifecycle(LifecycleTailoring lifecycleTailoring) {
      this.lifecycleTailoring = lifecycleTailoring;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Tailoring tailoring = lifecycleTailoring.tailor(TaskFields.string(execution, PROJECT_TYPE),
          Boolean.TRUE.equals(execution.getVariable(VENDOR_SELECTION_REQUIRED)));
      execution.setVariable(PROJECT_TYPE, tailoring.projectType());
      execution.setVariable(RUN_P2, tailoring.runP2());
      execution.setVariable(RUN_P8, tailoring.runP8());
      execution.setVariable(CLINICAL_CONTENT_VALIDATION, tailoring.clinicalContentValidation());
      execution.setVariable(READINESS_CRITERIA, String.join(",", tailoring.readinessCriteria()));
    }
  }

  /** Registers the project (business key = projectId), plans its phase dates and stall timers. */
  @Component("registerProjectDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class RegisterProject implements JavaDelegate {
    private final ProjectService projects;
    private final CurrentUser currentUser;

    RegisterProject(ProjectService projects, CurrentUser currentUser) {
      this.projects = projects;
      this.currentUser = currentUser;
    }

    /** The tailoring the LifecycleTailoringDecision chose; version 1 of the lifecycle has none: untailored. */
    static Tailoring tailoring(DelegateExecution execution, boolean vendorSelection) {
      return execution.hasVariable(RUN_P2)
          ? new Tailoring(TaskFields.string(execution, PROJECT_TYPE), Boolean.TRUE.equals(execution.getVariable(RUN_P2)),
              !Boolean.FALSE.equals(execution.getVariable(RUN_P8)),
              Boolean.TRUE.equals(execution.getVariable(CLINICAL_CONTENT_VALIDATION)),
              List.of(TaskFields.string(execution, READINESS_CRITERIA, 200).split(",")))
          : Tailoring.untailored(vendorSelection);
    }

    @Override
    public void execute(DelegateExecution execution) {
      Object budget = execution.getVariable(BUDGET);
      boolean vendorSelection = Boolean.TRUE.equals(execution.getVariable(VENDOR_SELECTION_REQUIRED));
      Tailoring tailoring = tailoring(execution, vendorSelection);
      Registration project = projects.register(TaskFields.string(execution, PROJECT_ID),
          TaskFields.string(execution, PROJECT_NAME), TaskFields.string(execution, GO_LIVE_DATE),
          ((Number) budget).longValue(), TaskFields.string(execution, SPONSOR),
          TaskFields.string(execution, PROJECT_MANAGER), vendorSelection, tailoring,
          currentUser.id().orElse(null), execution.getProcessInstanceId());
      execution.setProcessBusinessKey(project.projectId());
      execution.setVariable(BUDGET, project.budget());
      execution.setVariable(CURRENT_PHASE, "P0");
      execution.setVariable(NEXT_GATE, "G0");
      execution.setVariable(GATE_COMMENT, "none");
      execution.setVariable(GO_NO_GO_RERUN, false);
      execution.setVariables(projects.stallDates(project.projectId()));
    }
  }

  /**
   * Keeps currentPhase and the phase's actual dates current: start and end of each phase call
   * activity (version 1: of each phase sub-process).
   */
  @Component("phaseListener")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class PhaseListener implements ExecutionListener {
    private static final Pattern PHASE = Pattern.compile("(?:CallActivity|SubProcess)_(P\\d).*");
    private final ProjectProgress progress;

    PhaseListener(ProjectProgress progress) {
      this.progress = progress;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Matcher matcher = PHASE.matcher(execution.getCurrentActivityId());
      if (!matcher.matches()) {
        throw new IllegalStateException("phaseListener on " + execution.getCurrentActivityId()
            + ": only phase call activities (CallActivity_P<n>...) may use it");
      }
      String phase = matcher.group(1);
      String projectId = execution.getProcessBusinessKey();
      if (EVENTNAME_START.equals(execution.getEventName())) {
        progress.phaseEntered(projectId, phase);
        execution.getProcessInstance().setVariable(CURRENT_PHASE, phase);
      } else if (EVENTNAME_END.equals(execution.getEventName())) {
        progress.phaseCompleted(projectId, phase);
      }
    }
  }

  /** Records which gate the project is at when a gate call starts. */
  @Component("gateListener")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class GateListener implements ExecutionListener {
    private static final Pattern GATE = Pattern.compile("CallActivity_(G\\d).*");
    private final ProjectProgress progress;

    GateListener(ProjectProgress progress) {
      this.progress = progress;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Matcher matcher = GATE.matcher(execution.getCurrentActivityId());
      if (!matcher.matches()) {
        throw new IllegalStateException("gateListener on " + execution.getCurrentActivityId());
      }
      progress.gateReached(execution.getProcessBusinessKey(), matcher.group(1));
      execution.getProcessInstance().setVariable(NEXT_GATE, matcher.group(1));
      if ("G6".equals(matcher.group(1))) {
        execution.getProcessInstance().setVariable(GO_NO_GO_RERUN, false);
      }
    }
  }

  /** Before G6: does the project hold a HIPAA audit gate PASS that is valid today? */
  @Component("checkHipaaGateDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class CheckHipaaGate implements JavaDelegate {
    private final ProjectReadiness readiness;

    CheckHipaaGate(ProjectReadiness readiness) {
      this.readiness = readiness;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(HIPAA_PASS_VALID, readiness.hipaaPassValid(execution.getProcessBusinessKey()));
    }
  }

  /** Plans the next readiness checkpoint (T-90 ... T-1), or the go-live date, or DONE. */
  @Component("planReadinessCheckpointDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class PlanReadinessCheckpoint implements JavaDelegate {
    private final ProjectReadiness readiness;

    PlanReadinessCheckpoint(ProjectReadiness readiness) {
      this.readiness = readiness;
    }

    @Override
    public void execute(DelegateExecution execution) {
      NextCheckpoint next = readiness.nextCheckpoint(execution.getProcessBusinessKey());
      execution.setVariable(NEXT_CHECKPOINT, next.label());
      execution.setVariable(NEXT_CHECKPOINT_DATE, next.dueAt());
    }
  }

  /** Scores the checkpoint with GoLiveReadinessDecision, keeps the trend, raises risks and proposes NO_GO. */
  @Component("evaluateReadinessCheckpointDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class EvaluateReadinessCheckpoint implements JavaDelegate {
    private final ProjectReadiness projectReadiness;
    private final CurrentUser currentUser;

    EvaluateReadinessCheckpoint(ProjectReadiness projectReadiness, CurrentUser currentUser) {
      this.projectReadiness = projectReadiness;
      this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Readiness readiness = projectReadiness.scoreReadiness(execution.getProcessBusinessKey(),
          (String) execution.getVariable(NEXT_CHECKPOINT), ProjectGates.scorecard(execution),
          TaskFields.string(execution, "readinessNote", 2000), currentUser.id().orElse(null), true);
      execution.getProcessInstance().setVariable(READINESS_SUMMARY, TaskFields.clipped(readiness.summary()));
    }
  }

  @Component("closeProjectDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class CloseProject implements JavaDelegate {
    private final ProjectProgress progress;

    CloseProject(ProjectProgress progress) {
      this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
      progress.close(execution.getProcessBusinessKey());
    }
  }

  @Component("terminateProjectDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class TerminateProject implements JavaDelegate {
    private final ProjectProgress progress;

    TerminateProject(ProjectProgress progress) {
      this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
      progress.terminate(execution.getProcessBusinessKey(), "at " + execution.getVariable(NEXT_GATE) + ": "
          + execution.getVariable(GATE_COMMENT));
    }
  }
}
