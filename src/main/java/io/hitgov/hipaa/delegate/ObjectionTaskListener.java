package io.hitgov.hipaa.delegate;

import io.hitgov.hipaa.HipaaGateService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** An objection (a refused signature) is resolved: the resolution goes onto the remediation item. */
@Component
class ObjectionTaskListener implements TaskListener {

  static final String RESOLUTION = "objectionResolution";

  private final HipaaGateService service;
  private final CurrentUser currentUser;

  ObjectionTaskListener(HipaaGateService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, RESOLUTION);
      return;
    }
    service.resolveObjection(task.getExecution().getProcessBusinessKey(),
        TaskFields.integer(task, "hipaaRound"), TaskFields.integer(task, "remediationPosition"),
        TaskFields.string(task, RESOLUTION), currentUser.required("Resolving an objection"));
  }
}
