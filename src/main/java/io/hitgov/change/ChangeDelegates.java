package io.hitgov.change;

import static io.hitgov.change.ChangeRequestProcess.Variables.*;

import io.hitgov.change.ChangeService.Routing;
import io.hitgov.lifecycle.ProjectBaselines.Baseline;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** The service tasks and listeners of ChangeRequestProcess. */
final class ChangeDelegates {

  private ChangeDelegates() {}

  /** Registers the change (CR-… id, business key) for the authenticated requester; freeze and type rules. */
  @Component("registerChangeRequestDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class RegisterChangeRequest implements JavaDelegate {
    private final ChangeService changes;
    private final CurrentUser currentUser;

    RegisterChangeRequest(ChangeService changes, CurrentUser currentUser) {
      this.changes = changes;
      this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String requester = currentUser.required("Raising a change request");
      ChangeRecords.Raised cr = changes.register(execution.getVariables(), requester, execution.getProcessInstanceId());
      Baseline project = changes.project(cr.projectId());
      execution.setProcessBusinessKey(cr.changeRequestId());
      execution.setVariable(CHANGE_REQUEST_ID, cr.changeRequestId());
      execution.setVariable(REQUESTER, requester);
      execution.setVariable(IN_FREEZE, cr.inFreezeWindow());
      execution.setVariable(BUDGET, project.budget());
      execution.setVariable(BUDGET_SHARE, changes.budgetShare(cr.costImpact(), project.budget()));
      execution.setVariable(COST_IMPACT, cr.costImpact());
      execution.setVariable(REJECTED, false);
      execution.setVariable("assessmentSummary", "not assessed (" + cr.changeType() + ")");
      if (cr.outcome() != null) {
        execution.setVariable(OUTCOME, cr.outcome());
      }
    }
  }

  /** ChangeRoutingDecision over the request, the assessment and the derived inputs: requiredApprovals. */
  @Component("routeChangeDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class RouteChange implements JavaDelegate {
    private final ChangeService changes;

    RouteChange(ChangeService changes) {
      this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Map<String, Object> inputs = new HashMap<>();
      for (String name : List.of(CHANGE_TYPE, COST_IMPACT, SCHEDULE_IMPACT_DAYS, MOVES_GO_LIVE, CLINICAL, SAFETY, PHI,
          INTERFACE, BUDGET, BUDGET_SHARE, IN_FREEZE)) {
        inputs.put(name, execution.getVariable(name));
      }
      for (String name : ChangeRequestProcess.Variables.ASSESSMENT) {
        inputs.put(name, execution.getVariable(name));
      }
      Routing routing = changes.route(execution.getProcessBusinessKey(), inputs);
      execution.setVariable(REQUIRED_APPROVALS, Variables.objectValue(new ArrayList<>(routing.groups())).create());
      execution.setVariable("routingSummary", io.hitgov.shared.process.TaskFields.clipped(routing.summary()));
    }
  }

  /** Each approval instance: its due date, by group and change type. */
  @Component("approvalStartListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class ApprovalStart implements ExecutionListener {
    private final ChangeService changes;

    ApprovalStart(ChangeService changes) {
      this.changes = changes;
    }

    @Override
    public void notify(DelegateExecution execution) {
      execution.setVariableLocal(APPROVAL_DUE, changes.approvalDue((String) execution.getVariable(CHANGE_TYPE),
          (String) execution.getVariable(APPROVER_GROUP)));
    }
  }

  /** An overdue approval: the next level up may now decide it; the change log tells the requester. */
  @Component("escalateOverdueApprovalDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class EscalateOverdueApproval implements JavaDelegate {
    private final ChangeService changes;

    EscalateOverdueApproval(ChangeService changes) {
      this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String group = (String) execution.getVariable(APPROVER_GROUP);
      String next = changes.escalationOf(group);
      var taskService = execution.getProcessEngineServices().getTaskService();
      for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(ChangeRequestProcess.Elements.APPROVE).list()) {
        if (group.equals(taskService.getVariable(task.getId(), APPROVER_GROUP))) {
          taskService.addCandidateGroup(task.getId(), next);
        }
      }
      changes.escalated(execution.getProcessBusinessKey(), group, next);
    }
  }

  @Component("decideChangeDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class DecideChange implements JavaDelegate {
    private final ChangeService changes;

    DecideChange(ChangeService changes) {
      this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String id = execution.getProcessBusinessKey();
      String outcome = changes.decide(id);
      execution.setVariable(OUTCOME, outcome);
      if (ChangeRequestProcess.Values.REJECTED.equals(outcome)) {
        execution.setVariable("rejectionReasons", io.hitgov.shared.process.TaskFields.clipped(changes.rejectionReasons(id)));
      } else if ("EMERGENCY".equals(execution.getVariable(CHANGE_TYPE))) {
        execution.setVariable(RETROSPECTIVE_DUE, changes.retrospectiveDue());
      }
    }
  }

  @Component("updateBaselinesDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class UpdateBaselines implements JavaDelegate {
    private final ChangeService changes;

    UpdateBaselines(ChangeService changes) {
      this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
      changes.updateBaselines(execution.getProcessBusinessKey());
    }
  }
}
