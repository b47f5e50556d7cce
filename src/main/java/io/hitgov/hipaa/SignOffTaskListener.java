package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The security and privacy officials' signatures and the sponsor's residual-risk acknowledgement,
 * one listener per form, each knowing its role. Four-eyes: a user who submitted evidence in the
 * gate cannot claim or complete a signature, and the two officials must be different people
 * (refused with 403 and the reason).
 */
abstract class SignOffTaskListener implements TaskListener {

  private final HipaaSignOffs service;
  private final CurrentUser currentUser;
  private final SignOffRole role;

  SignOffTaskListener(HipaaSignOffs service, CurrentUser currentUser, SignOffRole role) {
    this.service = service;
    this.currentUser = currentUser;
    this.role = role;
  }

  @Override
  public void notify(DelegateTask task) {
    String gateId = task.getExecution().getProcessBusinessKey();
    // Each signature has its own field names: the two officials sign in parallel.
    switch (task.getEventName()) {
      // A new round must not inherit the last round's answer.
      case EVENTNAME_CREATE -> task.getExecution().setVariable(role.approvedField(), null);
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          service.checkSigner(gateId, role, task.getAssignee());
        }
      }
      case EVENTNAME_COMPLETE -> signed(task, gateId);
      default -> { }
    }
  }

  private void signed(DelegateTask task, String gateId) {
    Boolean approved = TaskFields.bool(task, role.approvedField());
    service.record(gateId, role, currentUser.id().orElse(null), approved,
        TaskFields.string(task, role.commentField()));
    task.getExecution().setVariable(role.approvedField(), approved);
  }

  /** UserTask_SignAsSecurityOfficial. */
  @Component("securitySignOffListener")
  @ModelCallable(processes = HipaaAuditGateProcess.KEY)
  static class Security extends SignOffTaskListener {
    Security(HipaaSignOffs service, CurrentUser currentUser) {
      super(service, currentUser, SignOffRole.SECURITY_OFFICIAL);
    }
  }

  /** UserTask_SignAsPrivacyOfficial. */
  @Component("privacySignOffListener")
  @ModelCallable(processes = HipaaAuditGateProcess.KEY)
  static class Privacy extends SignOffTaskListener {
    Privacy(HipaaSignOffs service, CurrentUser currentUser) {
      super(service, currentUser, SignOffRole.PRIVACY_OFFICIAL);
    }
  }

  /** UserTask_AcknowledgeResidualRisk. */
  @Component("residualRiskListener")
  @ModelCallable(processes = HipaaAuditGateProcess.KEY)
  static class ResidualRisk extends SignOffTaskListener {
    ResidualRisk(HipaaSignOffs service, CurrentUser currentUser) {
      super(service, currentUser, SignOffRole.EXECUTIVE_SPONSOR);
    }
  }
}
