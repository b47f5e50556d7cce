package io.hitgov.change;

import static io.hitgov.change.ChangeRequestProcess.Variables.*;

import io.hitgov.change.ChangeAssessment.Routing;
import io.hitgov.change.ChangeIntake.Registered;
import io.hitgov.interop.InteropReadiness;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.ScopeTasks;
import io.hitgov.shared.project.ProjectDirectory;
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

  /**
   * Registers the change (CR-… id, business key) for the authenticated requester and names the project's
   * sponsor (assignee of the executive sponsor's approval); freeze and type rules.
   */
  @Component("registerChangeRequestDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class RegisterChangeRequest implements JavaDelegate {
    private final ChangeIntake intake;
    private final CurrentUser currentUser;
    private final InteropReadiness interop;
    private final ProjectDirectory directory;

    RegisterChangeRequest(ChangeIntake intake, CurrentUser currentUser, InteropReadiness interop,
        ProjectDirectory directory) {
      this.intake = intake;
      this.currentUser = currentUser;
      this.interop = interop;
      this.directory = directory;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String requester = currentUser.required("Raising a change request");
      checkAffectedInterfaces(execution);
      Registered registered = intake.register(execution.getVariables(), requester, execution.getProcessInstanceId());
      ChangeRecords.Raised cr = registered.change();
      execution.setProcessBusinessKey(cr.changeRequestId());
      execution.setVariable(CHANGE_REQUEST_ID, cr.changeRequestId());
      execution.setVariable(REQUESTER, requester);
      execution.setVariable(SPONSOR, directory.sponsor(cr.projectId()).orElse(null));
      execution.setVariable(IN_FREEZE, cr.inFreezeWindow());
      execution.setVariable(BUDGET, registered.budget());
      execution.setVariable(BUDGET_SHARE, registered.budgetShare());
      execution.setVariable(COST_IMPACT, cr.costImpact());
      execution.setVariable(REJECTED, false);
      execution.setVariable("assessmentSummary", "not assessed (" + cr.changeType() + ")");
      if (cr.outcome() != null) {
        execution.setVariable(OUTCOME, cr.outcome());
      }
    }

    /** affectedInterfaceIds: only with interfaceImpact, and only interfaces of the project (400 otherwise). */
    private void checkAffectedInterfaces(DelegateExecution execution) {
      List<String> interfaces = affectedInterfaces(execution);
      if (interfaces.isEmpty()) {
        return;
      }
      List<String> problems = new ArrayList<>();
      if (!Boolean.TRUE.equals(execution.getVariable(INTERFACE))) {
        problems.add(AFFECTED_INTERFACES + " needs interfaceImpact true");
      }
      List<String> unknown = interop.unknownInterfaces((String) execution.getVariable(PROJECT_ID), interfaces);
      if (!unknown.isEmpty()) {
        problems.add(AFFECTED_INTERFACES + " " + unknown + " are not interfaces of project "
            + execution.getVariable(PROJECT_ID));
      }
      if (!problems.isEmpty()) {
        throw new InvalidVariablesException(problems);
      }
    }
  }

  /** ChangeRoutingDecision over the request, the assessment and the derived inputs: requiredApprovals. */
  @Component("routeChangeDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class RouteChange implements JavaDelegate {
    private final ChangeAssessment assessment;

    RouteChange(ChangeAssessment assessment) {
      this.assessment = assessment;
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
      Routing routing = assessment.route(execution.getProcessBusinessKey(), inputs);
      execution.setVariable(REQUIRED_APPROVALS, Variables.objectValue(new ArrayList<>(routing.groups())).create());
      execution.setVariable("routingSummary", io.hitgov.shared.process.TaskFields.clipped(routing.summary()));
    }
  }

  /** Each approval instance: its due date, by group and change type. */
  @Component("approvalStartListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class ApprovalStart implements ExecutionListener {
    private final ChangeApprovals approvals;

    ApprovalStart(ChangeApprovals approvals) {
      this.approvals = approvals;
    }

    @Override
    public void notify(DelegateExecution execution) {
      execution.setVariableLocal(APPROVAL_DUE, approvals.approvalDue((String) execution.getVariable(CHANGE_TYPE),
          (String) execution.getVariable(APPROVER_GROUP)));
    }
  }

  /** An overdue approval: the next level up may now decide it; the change log tells the requester. */
  @Component("escalateOverdueApprovalDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class EscalateOverdueApproval implements JavaDelegate {
    private final ChangeApprovals approvals;

    EscalateOverdueApproval(ChangeApprovals approvals) {
      this.approvals = approvals;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String group = (String) execution.getVariable(APPROVER_GROUP);
      String next = approvals.escalationOf(group);
      var taskService = execution.getProcessEngineServices().getTaskService();
      // the approval task of this group's instance of the approvals (the one the overdue timer is attached to)
      for (Task task : ScopeTasks.of(execution, APPROVER_GROUP, ChangeRequestProcess.Elements.APPROVE)) {
        taskService.addCandidateGroup(task.getId(), next);
      }
      approvals.escalated(execution.getProcessBusinessKey(), group, next);
    }
  }

  @Component("decideChangeDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class DecideChange implements JavaDelegate {
    private final ChangeApprovals approvals;
    private final InteropReadiness interop;

    DecideChange(ChangeApprovals approvals, InteropReadiness interop) {
      this.approvals = approvals;
      this.interop = interop;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String id = execution.getProcessBusinessKey();
      ChangeApprovals.Decided decided = approvals.decide(id);
      execution.setVariable(OUTCOME, decided.outcome());
      if (decided.rejectionReasons() != null) {
        execution.setVariable("rejectionReasons", io.hitgov.shared.process.TaskFields.clipped(decided.rejectionReasons()));
      }
      if (decided.retrospectiveDue() != null) {
        execution.setVariable(RETROSPECTIVE_DUE, decided.retrospectiveDue());
      }
      if (ChangeRequestProcess.Values.APPROVED.equals(decided.outcome())) {
        // the named interfaces need a new signed test round (the interop feature re-opens their readiness)
        interop.reopen((String) execution.getVariable(PROJECT_ID), affectedInterfaces(execution), id);
      }
    }
  }

  @Component("updateBaselinesDelegate")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class UpdateBaselines implements JavaDelegate {
    private final ChangeBaselineUpdate baselines;

    UpdateBaselines(ChangeBaselineUpdate baselines) {
      this.baselines = baselines;
    }

    @Override
    public void execute(DelegateExecution execution) {
      baselines.updateBaselines(execution.getProcessBusinessKey());
    }
  }

  /** The change's affected interface ids (comma-separated start variable), trimmed, without blanks. */
  static List<String> affectedInterfaces(DelegateExecution execution) {
    Object value = execution.getVariable(ChangeRequestProcess.Variables.AFFECTED_INTERFACES);
    if (!(value instanceof String text) || text.isBlank()) {
      return List.of();
    }
    List<String> ids = java.util.Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty())
        .distinct().toList();
    List<String> malformed = ids.stream().filter(x -> !x.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")).toList();
    if (!malformed.isEmpty()) {
      throw new InvalidVariablesException(ChangeRequestProcess.Variables.AFFECTED_INTERFACES + " " + malformed
          + " are not interface ids");
    }
    return ids;
  }
}
