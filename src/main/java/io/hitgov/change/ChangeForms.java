package io.hitgov.change;

import static io.hitgov.change.ChangeRequestProcess.Variables.*;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The change request's forms, one listener each: fields declared on creation, segregation of
 * duties on claim and on completion (whatever the client: Tasklist, /engine-rest, HITGov's API),
 * each answer validated and recorded for the acting user.
 */
final class ChangeForms {

  private ChangeForms() {}

  /** What every change form does; a form names its fields, its duty check and what it records. */
  abstract static class ChangeForm extends FormTaskListener {

    final CurrentUser currentUser;

    ChangeForm(CurrentUser currentUser) {
      super(currentUser, "Completing a change request task");
      this.currentUser = currentUser;
    }

    /** Refuses {@code user} where segregation of duties forbids them this form (default: nobody refused). */
    void checkDuties(String changeRequestId, String user) {
    }

    /** Validates and records the answer of {@code user}. */
    abstract void record(DelegateTask task, String changeRequestId, String user);

    @Override
    protected final void assigned(DelegateTask task, String assignee) {
      checkDuties(task.getExecution().getProcessBusinessKey(), assignee);
    }

    @Override
    protected final void completed(DelegateTask task, String user) {
      String id = task.getExecution().getProcessBusinessKey();
      checkDuties(id, user);
      record(task, id, user);
    }
  }

  /** UserTask_AssessImpact: the assessment answers, kept on the instance for routing. */
  @Component("assessChangeListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class Assess extends ChangeForm {

    private final ChangeSegregation duties;
    private final ChangeAssessment assessment;

    Assess(ChangeSegregation duties, ChangeAssessment assessment, CurrentUser currentUser) {
      super(currentUser);
      this.duties = duties;
      this.assessment = assessment;
    }

    @Override
    protected String[] fields() {
      return ASSESSMENT.toArray(String[]::new);
    }

    @Override
    void checkDuties(String changeRequestId, String user) {
      duties.checkAssessor(changeRequestId, user);
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      Map<String, Object> answers = new LinkedHashMap<>();
      for (String field : ASSESSMENT) {
        Object value = task.getVariable(field);
        answers.put(field, value instanceof String s && (s.equals("true") || s.equals("false"))
            && !field.equals("fiscalYear") ? Boolean.valueOf(s) : value);
      }
      String summary = assessment.recordAssessment(changeRequestId, answers, user);
      var instance = task.getExecution().getProcessInstance();
      answers.forEach(instance::setVariable);
      instance.setVariable("assessmentSummary", TaskFields.clipped(summary));
    }
  }

  /** UserTask_ApproveChange: one approver group's decision, taken by the group or the group it escalates to. */
  @Component("approveChangeListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class Approve extends ChangeForm {

    private final ChangeSegregation duties;
    private final ChangeApprovals approvals;

    Approve(ChangeSegregation duties, ChangeApprovals approvals, CurrentUser currentUser) {
      super(currentUser);
      this.duties = duties;
      this.approvals = approvals;
    }

    @Override
    protected String[] fields() {
      return new String[] {APPROVED, DECISION_COMMENT};
    }

    @Override
    void checkDuties(String changeRequestId, String user) {
      duties.checkApprover(changeRequestId, user);
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      Boolean approved = TaskFields.bool(task, APPROVED);
      String group = (String) task.getVariable(APPROVER_GROUP);
      approvals.approve(changeRequestId, group, actingGroup(group, user), user, approved,
          TaskFields.string(task, DECISION_COMMENT, 2000));
      if (Boolean.FALSE.equals(approved)) {
        task.getExecution().getProcessInstance().setVariable(REJECTED, true);
      }
    }

    private String actingGroup(String group, String user) {
      if (currentUser.groups().contains(group)) {
        return group;
      }
      String escalation = approvals.escalationOf(group);
      if (currentUser.groups().contains(escalation)) {
        return escalation;
      }
      throw new AuthorizationException("User '" + user + "' is in neither " + group + " nor the group it escalates to");
    }
  }

  /** UserTask_ReviewRejection: the requester read why the change was rejected. */
  @Component("reviewRejectionListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class ReviewRejection extends ChangeForm {

    private final ChangeLog log;

    ReviewRejection(ChangeLog log, CurrentUser currentUser) {
      super(currentUser);
      this.log = log;
    }

    @Override
    protected String[] fields() {
      return new String[] {"acknowledgementNote"};
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      log.event(changeRequestId, user, "REJECTION_READ", TaskFields.string(task, "acknowledgementNote", 2000));
    }
  }

  /** UserTask_ImplementChange: who implemented it, and where (the verifier must be someone else). */
  @Component("implementChangeListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class Implement extends ChangeForm {

    private final ChangeImplementation implementation;

    Implement(ChangeImplementation implementation, CurrentUser currentUser) {
      super(currentUser);
      this.implementation = implementation;
    }

    @Override
    protected String[] fields() {
      return new String[] {"implementationReference", "implementationNote"};
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      String note = TaskFields.string(task, "implementationNote", 2000);
      implementation.implemented(changeRequestId, user, TaskFields.string(task, "implementationReference", 200), note);
      var instance = task.getExecution().getProcessInstance();
      instance.setVariable(IMPLEMENTER, user);
      instance.setVariable("implementationNote", note);
    }
  }

  /** UserTask_VerifyChange: verified (or sent back) by someone other than the implementer. */
  @Component("verifyChangeListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class Verify extends ChangeForm {

    private final ChangeSegregation duties;
    private final ChangeImplementation implementation;

    Verify(ChangeSegregation duties, ChangeImplementation implementation, CurrentUser currentUser) {
      super(currentUser);
      this.duties = duties;
      this.implementation = implementation;
    }

    @Override
    protected String[] fields() {
      return new String[] {VERIFIED, "verificationNote"};
    }

    @Override
    void checkDuties(String changeRequestId, String user) {
      duties.checkVerifier(changeRequestId, user);
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      Boolean verified = TaskFields.bool(task, VERIFIED);
      implementation.verified(changeRequestId, user, verified, TaskFields.string(task, "verificationNote", 2000));
      task.getExecution().getProcessInstance().setVariable(VERIFIED, verified);
    }
  }

  /** UserTask_ReviewEmergencyChange: the CAB's retrospective review of an emergency change. */
  @Component("changeRetrospectiveListener")
  @ModelCallable(processes = ChangeRequestProcess.KEY)
  static class Retrospective extends ChangeForm {

    private final ChangeSegregation duties;
    private final ChangeImplementation implementation;

    Retrospective(ChangeSegregation duties, ChangeImplementation implementation, CurrentUser currentUser) {
      super(currentUser);
      this.duties = duties;
      this.implementation = implementation;
    }

    @Override
    protected String[] fields() {
      return new String[] {"retrospectiveAccepted", "retrospectiveNote"};
    }

    @Override
    void checkDuties(String changeRequestId, String user) {
      duties.checkRetrospectiveReviewer(changeRequestId, user);
    }

    @Override
    void record(DelegateTask task, String changeRequestId, String user) {
      implementation.retrospective(changeRequestId, user, TaskFields.bool(task, "retrospectiveAccepted"),
          TaskFields.string(task, "retrospectiveNote", 2000));
    }
  }
}
