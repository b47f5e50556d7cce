package io.hitgov.hipaa.delegate;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.BAA_COUNT;
import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.GATE_ID;

import io.hitgov.hipaa.HipaaGateService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The scope task: systems, hosting, interfaces, ePHI flows and business associates go on the gate record. */
@Component
class ScopeTaskListener implements TaskListener {

  static final String[] FIELDS = {"scopeSystems", "scopeHosting", "scopeInterfaces", "scopeDataFlows",
      "businessAssociates", "lastMaterialChangeDate"};

  private final HipaaGateService service;
  private final CurrentUser currentUser;

  ScopeTaskListener(HipaaGateService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, FIELDS);
      return;
    }
    int baas = service.recordScope(task.getExecution().getProcessBusinessKey(),
        TaskFields.string(task, "scopeSystems"), TaskFields.string(task, "scopeHosting"),
        TaskFields.string(task, "scopeInterfaces"), TaskFields.string(task, "scopeDataFlows"),
        TaskFields.string(task, "businessAssociates"), TaskFields.string(task, "lastMaterialChangeDate"),
        currentUser.id().orElse(null));
    task.getExecution().setVariable(BAA_COUNT, baas);
  }
}
