package io.hitgov.change.delegate;

import static io.hitgov.change.ChangeRequestProcess.Variables.*;

import io.hitgov.change.ChangeRequestProcess.Elements;
import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.change.ChangeService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The change request's user tasks: form fields declared on creation, segregation of duties on
 * claim and on completion (whatever the client: Tasklist, /engine-rest, HITGov's API), each
 * answer validated and recorded for the acting user.
 */
@Component("changeTaskListener")
@ModelCallable(processes = ChangeRequestProcess.KEY)
class ChangeTaskListener implements TaskListener {

  private final ChangeService changes;
  private final CurrentUser currentUser;

  ChangeTaskListener(ChangeService changes, CurrentUser currentUser) {
    this.changes = changes;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> TaskFields.declare(task, fields(key));
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          checkDuties(task, key, task.getAssignee());
        }
      }
      case EVENTNAME_COMPLETE -> {
        String user = currentUser.required("Completing a change request task");
        checkDuties(task, key, user);
        completed(task, key, user);
      }
      default -> { }
    }
  }

  static String[] fields(String key) {
    return switch (key) {
      case Elements.ASSESS -> ChangeRequestProcess.Variables.ASSESSMENT.toArray(String[]::new);
      case Elements.APPROVE -> new String[] {APPROVED, DECISION_COMMENT};
      case Elements.REVIEW_REJECTION -> new String[] {"acknowledgementNote"};
      case Elements.IMPLEMENT -> new String[] {"implementationReference", "implementationNote"};
      case Elements.VERIFY -> new String[] {VERIFIED, "verificationNote"};
      case Elements.RETROSPECTIVE -> new String[] {"retrospectiveAccepted", "retrospectiveNote"};
      default -> new String[0];
    };
  }

  private void checkDuties(DelegateTask task, String key, String user) {
    String id = task.getExecution().getProcessBusinessKey();
    switch (key) {
      case Elements.ASSESS -> changes.checkAssessor(id, user);
      case Elements.APPROVE -> changes.checkApprover(id, user);
      case Elements.VERIFY -> changes.checkVerifier(id, user);
      case Elements.RETROSPECTIVE -> changes.checkRetrospectiveReviewer(id, user);
      default -> { }
    }
  }

  private void completed(DelegateTask task, String key, String user) {
    String id = task.getExecution().getProcessBusinessKey();
    var instance = task.getExecution().getProcessInstance();
    switch (key) {
      case Elements.ASSESS -> {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (String field : ChangeRequestProcess.Variables.ASSESSMENT) {
          Object value = task.getVariable(field);
          answers.put(field, value instanceof String s && (s.equals("true") || s.equals("false"))
              && !field.equals("fiscalYear") ? Boolean.valueOf(s) : value);
        }
        String summary = changes.recordAssessment(id, answers, user);
        answers.forEach(instance::setVariable);
        instance.setVariable("assessmentSummary", TaskFields.clipped(summary));
      }
      case Elements.APPROVE -> {
        Boolean approved = TaskFields.bool(task, APPROVED);
        String group = (String) task.getVariable(APPROVER_GROUP);
        String acting = currentUser.groups().contains(group) ? group
            : currentUser.groups().contains(changes.escalationOf(group)) ? changes.escalationOf(group) : null;
        if (acting == null) {
          throw new org.camunda.bpm.engine.AuthorizationException("User '" + user + "' is in neither " + group
              + " nor the group it escalates to");
        }
        changes.approve(id, group, acting, user, approved, TaskFields.string(task, DECISION_COMMENT, 2000));
        if (Boolean.FALSE.equals(approved)) {
          instance.setVariable(REJECTED, true);
        }
      }
      case Elements.REVIEW_REJECTION -> changes.event(id, user, "REJECTION_READ",
          TaskFields.string(task, "acknowledgementNote", 2000));
      case Elements.IMPLEMENT -> {
        String note = TaskFields.string(task, "implementationNote", 2000);
        changes.implemented(id, user, TaskFields.string(task, "implementationReference", 200), note);
        instance.setVariable(IMPLEMENTER, user);
        instance.setVariable("implementationNote", note);
      }
      case Elements.VERIFY -> {
        Boolean verified = TaskFields.bool(task, VERIFIED);
        changes.verified(id, user, verified, TaskFields.string(task, "verificationNote", 2000));
        instance.setVariable(VERIFIED, verified);
      }
      case Elements.RETROSPECTIVE -> changes.retrospective(id, user, TaskFields.bool(task, "retrospectiveAccepted"),
          TaskFields.string(task, "retrospectiveNote", 2000));
      default -> { }
    }
  }
}
