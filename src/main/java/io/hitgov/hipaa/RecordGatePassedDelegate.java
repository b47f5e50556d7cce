package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Values;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Both officials signed and the sponsor accepted the residual risk: PASS, valid until go-live + N days. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class RecordGatePassedDelegate implements JavaDelegate {

  private final HipaaGateService service;

  RecordGatePassedDelegate(HipaaGateService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var expires = service.pass(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    execution.setVariable(RESULT, Values.PASS);
    execution.setVariable(EXPIRES_ON, expires.toString());
  }
}
