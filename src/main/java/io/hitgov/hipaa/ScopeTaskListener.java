package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.BAA_COUNT;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The scope task: systems, hosting, interfaces, ePHI flows and business associates go on the gate record. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class ScopeTaskListener extends FormTaskListener {

  static final String[] FIELDS = {"scopeSystems", "scopeHosting", "scopeInterfaces", "scopeDataFlows",
      "businessAssociates", "lastMaterialChangeDate"};

  private final HipaaGateService service;

  ScopeTaskListener(HipaaGateService service, CurrentUser currentUser) {
    super(currentUser, "Defining a HIPAA gate's scope");
    this.service = service;
  }

  @Override
  protected String[] fields() {
    return FIELDS;
  }

  @Override
  protected void completed(DelegateTask task, String user) {
    int baas = service.recordScope(task.getExecution().getProcessBusinessKey(),
        TaskFields.string(task, "scopeSystems", 2000), TaskFields.string(task, "scopeHosting", 2000),
        TaskFields.string(task, "scopeInterfaces", 2000), TaskFields.string(task, "scopeDataFlows", 2000),
        TaskFields.string(task, "businessAssociates", 4000), TaskFields.string(task, "lastMaterialChangeDate"), user);
    task.getExecution().setVariable(BAA_COUNT, baas);
  }
}
