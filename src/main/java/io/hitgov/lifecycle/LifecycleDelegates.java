package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.lifecycle.ProjectService.NextCheckpoint;
import io.hitgov.lifecycle.ProjectService.Readiness;
import io.hitgov.lifecycle.ProjectService.Tailoring;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
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
    private final ProjectService projects;

    TailorLifecycle(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Tailoring tailoring = projects.tailor(TaskFields.string(execution, PROJECT_TYPE),
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
      Project project = projects.register(TaskFields.string(execution, PROJECT_ID),
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
    private final ProjectService projects;

    PhaseListener(ProjectService projects) {
      this.projects = projects;
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
        projects.phaseEntered(projectId, phase);
        execution.getProcessInstance().setVariable(CURRENT_PHASE, phase);
      } else if (EVENTNAME_END.equals(execution.getEventName())) {
        projects.phaseCompleted(projectId, phase);
      }
    }
  }

  /** Records which gate the project is at when a gate call starts. */
  @Component("gateListener")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class GateListener implements ExecutionListener {
    private static final Pattern GATE = Pattern.compile("CallActivity_(G\\d).*");
    private final ProjectService projects;

    GateListener(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Matcher matcher = GATE.matcher(execution.getCurrentActivityId());
      if (!matcher.matches()) {
        throw new IllegalStateException("gateListener on " + execution.getCurrentActivityId());
      }
      projects.gateReached(execution.getProcessBusinessKey(), matcher.group(1));
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
    private final ProjectService projects;

    CheckHipaaGate(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(HIPAA_PASS_VALID, projects.hipaaPassValid(execution.getProcessBusinessKey()));
    }
  }

  /** Plans the next readiness checkpoint (T-90 ... T-1), or the go-live date, or DONE. */
  @Component("planReadinessCheckpointDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class PlanReadinessCheckpoint implements JavaDelegate {
    private final ProjectService projects;

    PlanReadinessCheckpoint(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
      NextCheckpoint next = projects.nextCheckpoint(execution.getProcessBusinessKey());
      execution.setVariable(NEXT_CHECKPOINT, next.label());
      execution.setVariable(NEXT_CHECKPOINT_DATE, next.dueAt());
    }
  }

  /** Scores the checkpoint with GoLiveReadinessDecision, keeps the trend, raises risks and proposes NO_GO. */
  @Component("evaluateReadinessCheckpointDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class EvaluateReadinessCheckpoint implements JavaDelegate {
    private final ProjectService projects;
    private final CurrentUser currentUser;

    EvaluateReadinessCheckpoint(ProjectService projects, CurrentUser currentUser) {
      this.projects = projects;
      this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Readiness readiness = projects.scoreReadiness(execution.getProcessBusinessKey(),
          (String) execution.getVariable(NEXT_CHECKPOINT), ProjectGates.scorecard(execution),
          TaskFields.string(execution, "readinessNote", 2000), currentUser.id().orElse(null), true);
      execution.getProcessInstance().setVariable(READINESS_SUMMARY, TaskFields.clipped(readiness.summary()));
    }
  }

  /**
   * GoLiveDateChanged: moves goLiveDate, the planned phase dates and every date-bound timer of the
   * project (the waiting readiness checkpoint, the stall timer of the running phase process), and
   * the due dates of the running phase's open deliverables.
   */
  @Component("replanGoLiveDateDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class ReplanGoLiveDate implements JavaDelegate {
    /** The stall timers: in a phase process (StartEvent_P3Stalled), in version 1 on the phase (BoundaryEvent_P3Stalled). */
    private static final Pattern STALL_TIMER = Pattern.compile("(?:StartEvent|BoundaryEvent)_(P\\d)Stalled");
    private final ProjectService projects;
    private final CurrentUser currentUser;

    private final LifecycleCalendar calendar;

    ReplanGoLiveDate(ProjectService projects, CurrentUser currentUser, LifecycleCalendar calendar) {
      this.projects = projects;
      this.currentUser = currentUser;
      this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String projectId = execution.getProcessBusinessKey();
      Project project = projects.replan(projectId, TaskFields.string(execution, NEW_GO_LIVE_DATE),
          TaskFields.string(execution, GO_LIVE_CHANGE_REASON, 1000), currentUser.id().orElse(null));
      Map<String, String> stallDates = projects.stallDates(projectId);
      execution.getProcessInstance().setVariable(GO_LIVE_DATE, project.goLiveDate().toString());
      execution.getProcessInstance().setVariables(stallDates);
      NextCheckpoint next = projects.nextCheckpoint(projectId);
      for (String instanceId : instancesWithTimers(execution, stallDates, project.goLiveDate().toString())) {
        retime(execution, instanceId, next, stallDates);
      }
      execution.removeVariable(NEW_GO_LIVE_DATE);
      execution.removeVariable(GO_LIVE_CHANGE_REASON);
      if ("P7".equals(project.currentPhase()) && project.actualGoLiveDate() == null) {
        // G6 was passed for the old date: the go/no-go runs again (docs/domain/change-control.md#routing, C9)
        projects.recordEvent(projectId, currentUser.id().orElse(null), "GO_NO_GO_RERUN",
            "go-live moved to " + project.goLiveDate() + " after G6");
        execution.getProcessInstance().setVariable(GO_NO_GO_RERUN, true);
      }
    }

    /** An instance's timers follow the new plan; in the running phase process also its open deliverables. */
    private void retime(DelegateExecution execution, String instanceId, NextCheckpoint next,
        Map<String, String> stallDates) {
      retimeTimers(execution, instanceId, next, stallDates);
      if (!instanceId.equals(execution.getProcessInstanceId())) {
        moveDeliverables(execution, instanceId, execution.getProcessBusinessKey(), calendar);
      }
    }

    /** The lifecycle and the phase process running now (its stall timer), the phase told the new dates. */
    private static List<String> instancesWithTimers(DelegateExecution execution, Map<String, String> stallDates,
        String goLive) {
      var runtime = execution.getProcessEngineServices().getRuntimeService();
      var definitions = execution.getProcessEngineServices().getRepositoryService();
      List<String> instances = new ArrayList<>(List.of(execution.getProcessInstanceId()));
      runtime.createProcessInstanceQuery().superProcessInstanceId(execution.getProcessInstanceId()).list().stream()
          .filter(child -> ImplementationLifecycleProcess.PHASE_PROCESSES.containsValue(
              definitions.getProcessDefinition(child.getProcessDefinitionId()).getKey()))
          .forEach(child -> {
            runtime.setVariables(child.getId(), stallDates);
            runtime.setVariable(child.getId(), GO_LIVE_DATE, goLive);
            instances.add(child.getId());
          });
      return instances;
    }

    /** Moves the instance's checkpoint and stall timers to the new plan (a timer's activity from its job definition). */
    private static void retimeTimers(DelegateExecution execution, String instanceId, NextCheckpoint next,
        Map<String, String> stallDates) {
      ManagementService management = execution.getProcessEngineServices().getManagementService();
      for (Job job : management.createJobQuery().processInstanceId(instanceId).timers().list()) {
        String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
            .singleResult().getActivityId();
        Matcher stall = STALL_TIMER.matcher(activity == null ? "" : activity);
        if (ImplementationLifecycleProcess.Elements.NEXT_CHECKPOINT.equals(activity)) {
          retimeCheckpoint(execution, job, next);
        } else if (stall.matches()) {
          management.setJobDuedate(job.getId(), date(stallDates.get(STALL_DATE_PREFIX + stall.group(1))));
        }
      }
    }

    /** The waiting checkpoint becomes whatever is next under the new date. */
    private static void retimeCheckpoint(DelegateExecution execution, Job job, NextCheckpoint next) {
      var runtime = execution.getProcessEngineServices().getRuntimeService();
      runtime.setVariable(job.getExecutionId(), NEXT_CHECKPOINT,
          ImplementationLifecycleProcess.Values.DONE.equals(next.label())
              ? ImplementationLifecycleProcess.Values.GO_LIVE : next.label());
      runtime.setVariable(job.getExecutionId(), NEXT_CHECKPOINT_DATE, next.dueAt());
      if (next.dueAt() != null) {
        execution.getProcessEngineServices().getManagementService().setJobDuedate(job.getId(), date(next.dueAt()));
      }
    }

    private static Date date(String isoDateTime) {
      return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
    }
  }

  /**
   * The open deliverables of a running phase follow the new plan: due when the phase now ends,
   * their reminder moved by as much.
   */
  static void moveDeliverables(DelegateExecution execution, String phaseInstanceId, String projectId,
      LifecycleCalendar calendar) {
    var tasks = execution.getProcessEngineServices().getTaskService();
    String key = execution.getProcessEngineServices().getRepositoryService().getProcessDefinition(execution.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceQuery().processInstanceId(phaseInstanceId).singleResult().getProcessDefinitionId()).getKey();
    String phase = ImplementationLifecycleProcess.PHASE_PROCESSES.entrySet().stream()
        .filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).findFirst().orElseThrow();
    java.util.Date due = java.util.Date.from(java.time.OffsetDateTime.parse(
        calendar.phaseDue(projectId, phase)).toInstant());
    io.hitgov.shared.process.EngineWork.withoutAuthorization(() -> {
      for (var task : tasks.createTaskQuery().processInstanceId(phaseInstanceId)
          .taskDefinitionKeyIn(ImplementationLifecycleProcess.Elements.DELIVERABLES.get(phase).toArray(String[]::new))
          .list()) {
        if (task.getFollowUpDate() != null && task.getDueDate() != null) {
          task.setFollowUpDate(new java.util.Date(task.getFollowUpDate().getTime() + due.getTime()
              - task.getDueDate().getTime()));
        }
        task.setDueDate(due);
        tasks.saveTask(task);
      }
    });
  }

  @Component("closeProjectDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class CloseProject implements JavaDelegate {
    private final ProjectService projects;

    CloseProject(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
      projects.close(execution.getProcessBusinessKey());
    }
  }

  @Component("terminateProjectDelegate")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class TerminateProject implements JavaDelegate {
    private final ProjectService projects;

    TerminateProject(ProjectService projects) {
      this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
      projects.terminate(execution.getProcessBusinessKey(), "at " + execution.getVariable(NEXT_GATE) + ": "
          + execution.getVariable(GATE_COMMENT));
    }
  }
}
