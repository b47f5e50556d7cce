package io.hitgov.risk.delegate;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskEscalationProcess.Elements;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.risk.RiskService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.process.VariableSpec;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Glue for the risk process's user tasks: on creation the task's form fields are reset (a review
 * loop must not show the last answer), on completion the answer is validated and recorded in the
 * register, attributed to the acting user, and the gateway variables are set.
 */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class RiskTaskListener implements TaskListener {

  private final RiskService service;
  private final CurrentUser currentUser;

  RiskTaskListener(RiskService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task, key);
      case EVENTNAME_ASSIGNMENT -> {
        if (Elements.APPROVE_ACCEPTANCE.equals(key) && task.getAssignee() != null
            && task.getAssignee().equals(task.getVariable(OWNER))) {
          throw new org.camunda.bpm.engine.AuthorizationException("User '" + task.getAssignee()
              + "' owns the risk and cannot approve accepting it (four-eyes)");
        }
      }
      case EVENTNAME_COMPLETE -> completed(task, key);
      default -> { }
    }
  }

  private void created(DelegateTask task, String key) {
    switch (key) {
      case Elements.PLAN -> TaskFields.declare(task, RESPONSE_STRATEGY, "mitigationActions", "actionsDueDate");
      case Elements.REVIEW -> TaskFields.declare(task, REVIEW_OUTCOME, "reviewNote", "newLikelihood", "newImpact");
      case Elements.APPROVE_ACCEPTANCE -> TaskFields.declare(task, ACCEPTANCE_APPROVED, "acceptanceComment");
      case Elements.APPROVE_CLOSURE -> TaskFields.declare(task, CLOSURE_APPROVED, "closureComment");
      case Elements.REVIEW_UNACKNOWLEDGED -> service.safetyAcknowledgementOverdue(task.getExecution().getProcessBusinessKey());
      case Elements.REVIEW_OVERDUE_RCA -> service.rootCauseAnalysisOverdue(task.getExecution().getProcessBusinessKey());
      default -> { }
    }
  }

  private void completed(DelegateTask task, String key) {
    String riskId = task.getExecution().getProcessBusinessKey();
    String actor = currentUser.id().orElse(null);
    Gateways execution = new Gateways(task);
    switch (key) {
      case Elements.ASSIGN_OWNER -> {
        String owner = TaskFields.string(task, OWNER);
        service.assignOwner(riskId, owner, actor);
      }
      case Elements.ACKNOWLEDGE_SAFETY -> service.acknowledgeSafetyRisk(riskId, actor,
          TaskFields.string(task, "acknowledgementNote"));
      case Elements.CONTAIN -> {
        String harm = TaskFields.string(task, HARM);
        service.containAndClassify(riskId, TaskFields.string(task, "eventType"), harm,
            TaskFields.string(task, "containment"), actor);
        execution.setVariable(RCA_DUE, service.rootCauseAnalysisDue());
      }
      case Elements.ROOT_CAUSE_ANALYSIS -> service.recordRootCauseAnalysis(riskId,
          TaskFields.string(task, "rcaDocumentId"), TaskFields.string(task, "rcaActionPlan"), actor);
      case Elements.PLAN -> execution.setVariable(NEEDS_STEERING_ACCEPTANCE, service.recordPlan(riskId,
          TaskFields.string(task, RESPONSE_STRATEGY), TaskFields.string(task, "mitigationActions"),
          TaskFields.string(task, "actionsDueDate"), actor));
      case Elements.APPROVE_ACCEPTANCE -> {
        Boolean approved = TaskFields.bool(task, ACCEPTANCE_APPROVED);
        service.decideAcceptance(riskId, approved, TaskFields.string(task, "acceptanceComment"), actor);
        execution.setVariable(ACCEPTANCE_APPROVED, approved);
      }
      case Elements.REVIEW -> review(task, riskId, actor, execution);
      case Elements.APPROVE_CLOSURE -> {
        Boolean approved = TaskFields.bool(task, CLOSURE_APPROVED);
        service.decideClosure(riskId, approved, TaskFields.string(task, "closureComment"), actor);
        execution.setVariable(CLOSURE_APPROVED, approved);
      }
      default -> { }
    }
  }

  private void review(DelegateTask task, String riskId, String actor, Gateways execution) {
    String outcome = TaskFields.string(task, REVIEW_OUTCOME);
    if ("RESCORE".equals(outcome)) {
      Object likelihood = task.getVariable("newLikelihood");
      Object impact = task.getVariable("newImpact");
      VariableSpec.integer("newLikelihood", true, 1, 5).check(likelihood != null, number(likelihood))
          .ifPresent(problem -> { throw new InvalidVariablesException(problem); });
      VariableSpec.integer("newImpact", true, 1, 5).check(impact != null, number(impact))
          .ifPresent(problem -> { throw new InvalidVariablesException(problem); });
      execution.setVariable(LIKELIHOOD, number(likelihood));
      execution.setVariable(IMPACT, number(impact));
    }
    service.recordReview(riskId, outcome, TaskFields.string(task, "reviewNote"), actor);
    execution.setVariable(REVIEW_OUTCOME, outcome);
  }

  /**
   * Writes a gateway variable both where the task runs (a declared form field there, perhaps a
   * parallel branch's local copy, must not shadow the decision) and on the process instance (a
   * task with a boundary event runs in its own scope, which ends with it).
   */
  private record Gateways(DelegateTask task) {
    void setVariable(String name, Object value) {
      task.getExecution().setVariable(name, value);
      task.getExecution().getProcessInstance().setVariable(name, value);
    }
  }

  /** Camunda Forms submit numbers as Long or Double; the scales are Integers. */
  static Object number(Object value) {
    if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return (int) d.doubleValue();
    }
    return value;
  }
}
