package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.lifecycle.ProjectReadiness.NextCheckpoint;
import io.hitgov.lifecycle.ProjectReplanning.Replanned;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.EngineWork;
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
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * GoLiveDateChanged: moves goLiveDate, the planned phase dates and every date-bound timer of the
 * project (the waiting readiness checkpoint, the stall timer of the running phase process), and
 * the due dates of the running phase's open deliverables.
 */
@Component("replanGoLiveDateDelegate")
@ModelCallable(processes = ImplementationLifecycleProcess.KEY)
class ReplanGoLiveDateDelegate implements JavaDelegate {
  /** The stall timers: in a phase process (StartEvent_P3Stalled), in version 1 on the phase (BoundaryEvent_P3Stalled). */
  private static final Pattern STALL_TIMER = Pattern.compile("(?:StartEvent|BoundaryEvent)_(P\\d)Stalled");
  private final ProjectReplanning replanning;
  private final CurrentUser currentUser;
  private final LifecycleCalendar calendar;

  ReplanGoLiveDateDelegate(ProjectReplanning replanning, CurrentUser currentUser, LifecycleCalendar calendar) {
    this.replanning = replanning;
    this.currentUser = currentUser;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Replanned replanned = replanning.replan(execution.getProcessBusinessKey(),
        TaskFields.string(execution, NEW_GO_LIVE_DATE), TaskFields.string(execution, GO_LIVE_CHANGE_REASON, 1000),
        currentUser.id().orElse(null));
    String goLive = replanned.project().goLiveDate().toString();
    execution.getProcessInstance().setVariable(GO_LIVE_DATE, goLive);
    execution.getProcessInstance().setVariables(replanned.stallDates());
    for (String instanceId : instancesWithTimers(execution, replanned.stallDates(), goLive)) {
      retime(execution, instanceId, replanned.next(), replanned.stallDates());
    }
    execution.removeVariable(NEW_GO_LIVE_DATE);
    execution.removeVariable(GO_LIVE_CHANGE_REASON);
    if (replanned.goNoGoRerun()) {
      execution.getProcessInstance().setVariable(GO_NO_GO_RERUN, true);
    }
  }

  /** An instance's timers follow the new plan; in the running phase process also its open deliverables. */
  private void retime(DelegateExecution execution, String instanceId, NextCheckpoint next,
      Map<String, String> stallDates) {
    retimeTimers(execution, instanceId, next, stallDates);
    if (!instanceId.equals(execution.getProcessInstanceId())) {
      moveDeliverables(execution, instanceId, execution.getProcessBusinessKey());
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

  /**
   * The open deliverables of a running phase follow the new plan: due when the phase now ends,
   * their reminder moved by as much.
   */
  private void moveDeliverables(DelegateExecution execution, String phaseInstanceId, String projectId) {
    var engine = execution.getProcessEngineServices();
    var tasks = engine.getTaskService();
    String key = engine.getRepositoryService().getProcessDefinition(engine.getRuntimeService()
        .createProcessInstanceQuery().processInstanceId(phaseInstanceId).singleResult().getProcessDefinitionId()).getKey();
    String phase = ImplementationLifecycleProcess.PHASE_PROCESSES.entrySet().stream()
        .filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).findFirst().orElseThrow();
    Date due = date(calendar.phaseDue(projectId, phase));
    EngineWork.withoutAuthorization(() -> {
      for (var task : tasks.createTaskQuery().processInstanceId(phaseInstanceId)
          .taskDefinitionKeyIn(ImplementationLifecycleProcess.Elements.DELIVERABLES.get(phase).toArray(String[]::new))
          .list()) {
        if (task.getFollowUpDate() != null && task.getDueDate() != null) {
          task.setFollowUpDate(new Date(task.getFollowUpDate().getTime() + due.getTime()
              - task.getDueDate().getTime()));
        }
        task.setDueDate(due);
        tasks.saveTask(task);
      }
    });
  }

  private static Date date(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
