package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.process.VariableSpec;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The risk process's forms, one listener each: on creation the form's fields are reset (a review
 * loop must not show the last answer), on completion the answer is validated and recorded in the
 * register, attributed to the acting user, and the gateway variables are set.
 */
final class RiskForms {

  private RiskForms() {}

  /** What every risk form does; a form names its fields and what it records. */
  abstract static class RiskForm<S> extends FormTaskListener {

    final S service;

    RiskForm(S service, CurrentUser currentUser) {
      super(currentUser, "Completing a risk task");
      this.service = service;
    }

    @Override
    protected String[] fields() {
      return new String[0];
    }

    @Override
    protected final void completed(DelegateTask task, String user) {
      record(task, task.getExecution().getProcessBusinessKey(), user);
    }

    /** Validates and records the answer of {@code user} on risk {@code riskId}. */
    abstract void record(DelegateTask task, String riskId, String user);

    /**
     * Writes a gateway variable both where the task runs (a declared form field there, perhaps a
     * parallel branch's local copy, must not shadow the decision) and on the process instance (a
     * task with a boundary event runs in its own scope, which ends with it).
     */
    static void gateway(DelegateTask task, String name, Object value) {
      task.getExecution().setVariable(name, value);
      task.getExecution().getProcessInstance().setVariable(name, value);
    }
  }

  @Component("assignRiskOwnerListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class AssignOwner extends RiskForm<RiskService> {
    AssignOwner(RiskService service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      service.assignOwner(riskId, TaskFields.string(task, OWNER), user);
    }
  }

  @Component("acknowledgeSafetyRiskListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class AcknowledgeSafety extends RiskForm<RiskPatientSafety> {
    AcknowledgeSafety(RiskPatientSafety service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      service.acknowledge(riskId, user, TaskFields.string(task, "acknowledgementNote"));
    }
  }

  @Component("containSafetyEventListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class Contain extends RiskForm<RiskPatientSafety> {
    Contain(RiskPatientSafety service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      gateway(task, RCA_DUE, service.containAndClassify(riskId, TaskFields.string(task, "eventType"),
          TaskFields.string(task, HARM), TaskFields.string(task, "containment"), user));
    }
  }

  @Component("rootCauseAnalysisListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class RootCauseAnalysis extends RiskForm<RiskPatientSafety> {
    RootCauseAnalysis(RiskPatientSafety service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      service.recordRootCauseAnalysis(riskId, TaskFields.string(task, "rcaDocumentId"),
          TaskFields.string(task, "rcaActionPlan"), user);
    }
  }

  /** The executive review of a safety risk nobody acknowledged in time: the lapse is recorded when it opens. */
  @Component("unacknowledgedSafetyRiskListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class ReviewUnacknowledged extends RiskForm<RiskPatientSafety> {
    ReviewUnacknowledged(RiskPatientSafety service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected void created(DelegateTask task) {
      service.acknowledgementOverdue(task.getExecution().getProcessBusinessKey());
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
    }
  }

  /** The executive review of a root-cause analysis not done in time: the lapse is recorded when it opens. */
  @Component("overdueRootCauseAnalysisListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class ReviewOverdueRootCauseAnalysis extends RiskForm<RiskPatientSafety> {
    ReviewOverdueRootCauseAnalysis(RiskPatientSafety service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected void created(DelegateTask task) {
      service.rootCauseAnalysisOverdue(task.getExecution().getProcessBusinessKey());
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
    }
  }

  @Component("planRiskResponseListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class Plan extends RiskForm<RiskResponse> {
    Plan(RiskResponse service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {RESPONSE_STRATEGY, "mitigationActions", "actionsDueDate"};
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      gateway(task, NEEDS_STEERING_ACCEPTANCE, service.recordPlan(riskId, TaskFields.string(task, RESPONSE_STRATEGY),
          TaskFields.string(task, "mitigationActions"), TaskFields.string(task, "actionsDueDate"), user));
    }
  }

  /** The steering committee approves accepting a risk; its owner may not (four-eyes, on claim and on completion). */
  @Component("approveRiskAcceptanceListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class ApproveAcceptance extends RiskForm<RiskResponse> {
    ApproveAcceptance(RiskResponse service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {ACCEPTANCE_APPROVED, "acceptanceComment"};
    }

    @Override
    protected void assigned(DelegateTask task, String assignee) {
      if (assignee.equals(task.getVariable(OWNER))) {
        throw new AuthorizationException("User '" + assignee + "' owns the risk and cannot approve accepting it (four-eyes)");
      }
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      Boolean approved = TaskFields.bool(task, ACCEPTANCE_APPROVED);
      service.decideAcceptance(riskId, approved, TaskFields.string(task, "acceptanceComment"), user);
      gateway(task, ACCEPTANCE_APPROVED, approved);
    }
  }

  @Component("reviewRiskListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class Review extends RiskForm<RiskResponse> {
    Review(RiskResponse service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {REVIEW_OUTCOME, "reviewNote", "newLikelihood", "newImpact"};
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      String outcome = TaskFields.string(task, REVIEW_OUTCOME);
      if ("RESCORE".equals(outcome)) {
        gateway(task, LIKELIHOOD, scale(task, "newLikelihood"));
        gateway(task, IMPACT, scale(task, "newImpact"));
      }
      service.recordReview(riskId, outcome, TaskFields.string(task, "reviewNote"), user);
      gateway(task, REVIEW_OUTCOME, outcome);
    }

    private static Object scale(DelegateTask task, String field) {
      Object value = number(task.getVariable(field));
      VariableSpec.integer(field, true, 1, 5).check(value != null, value)
          .ifPresent(problem -> { throw new InvalidVariablesException(problem); });
      return value;
    }
  }

  @Component("approveRiskClosureListener")
  @ModelCallable(processes = RiskEscalationProcess.KEY)
  static class ApproveClosure extends RiskForm<RiskResponse> {
    ApproveClosure(RiskResponse service, CurrentUser currentUser) {
      super(service, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {CLOSURE_APPROVED, "closureComment"};
    }

    @Override
    void record(DelegateTask task, String riskId, String user) {
      Boolean approved = TaskFields.bool(task, CLOSURE_APPROVED);
      service.decideClosure(riskId, approved, TaskFields.string(task, "closureComment"), user);
      gateway(task, CLOSURE_APPROVED, approved);
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
