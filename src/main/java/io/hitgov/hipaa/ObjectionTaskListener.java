package io.hitgov.hipaa;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** An objection (a refused signature) is resolved: the resolution goes onto the remediation item. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class ObjectionTaskListener extends FormTaskListener {

  static final String RESOLUTION = "objectionResolution";

  private final HipaaRemediation service;

  ObjectionTaskListener(HipaaRemediation service, CurrentUser currentUser) {
    super(currentUser, "Resolving an objection");
    this.service = service;
  }

  @Override
  protected String[] fields() {
    return new String[] {RESOLUTION};
  }

  @Override
  protected void completed(DelegateTask task, String user) {
    service.resolveObjection(task.getExecution().getProcessBusinessKey(), TaskFields.integer(task, "hipaaRound"),
        TaskFields.integer(task, "remediationPosition"), TaskFields.string(task, RESOLUTION), user);
  }
}
