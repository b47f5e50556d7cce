package io.hitgov.hipaa.delegate;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Elements;
import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaGateService.SignOffRole;
import io.hitgov.hipaa.HipaaGateService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The security and privacy officials' signatures and the sponsor's residual-risk acknowledgement.
 * Four-eyes: a user who submitted evidence in the gate cannot claim or complete a signature, and
 * the two officials must be different people (refused with 403 and the reason).
 */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class SignOffTaskListener implements TaskListener {

  private final HipaaGateService service;
  private final CurrentUser currentUser;

  SignOffTaskListener(HipaaGateService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    SignOffRole role = role(task.getTaskDefinitionKey());
    String gateId = task.getExecution().getProcessBusinessKey();
    // Each signature has its own field names: the two officials sign in parallel.
    String approvedField = role.approvedField();
    String commentField = role.commentField();
    switch (task.getEventName()) {
      // A new round must not inherit the last round's answer.
      case EVENTNAME_CREATE -> task.getExecution().setVariable(approvedField, null);
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          service.checkSigner(gateId, role, task.getAssignee());
        }
      }
      case EVENTNAME_COMPLETE -> {
        Boolean approved = TaskFields.bool(task, approvedField);
        service.recordSignOff(gateId, role, currentUser.id().orElse(null), approved,
            TaskFields.string(task, commentField));
        task.getExecution().setVariable(approvedField, approved);
      }
      default -> { }
    }
  }

  static SignOffRole role(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case Elements.SIGN_SECURITY -> SignOffRole.SECURITY_OFFICIAL;
      case Elements.SIGN_PRIVACY -> SignOffRole.PRIVACY_OFFICIAL;
      case Elements.ACKNOWLEDGE_RESIDUAL_RISK -> SignOffRole.EXECUTIVE_SPONSOR;
      default -> throw new IllegalStateException("Not a sign-off task: " + taskDefinitionKey);
    };
  }
}
