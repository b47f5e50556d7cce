package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Values;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The security official closed the gate as BLOCKED; the caller receives BLOCKED. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class RecordGateBlockedDelegate implements JavaDelegate {

  private final HipaaGateService service;

  RecordGateBlockedDelegate(HipaaGateService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.closeBlocked(execution.getProcessBusinessKey());
    execution.setVariable(RESULT, Values.BLOCKED);
  }
}
