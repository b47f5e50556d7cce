package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Values;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The gate is BLOCKED: one remediation item per finding, with its due date. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class OpenRemediationDelegate implements JavaDelegate {

  private final HipaaRemediation service;

  OpenRemediationDelegate(HipaaRemediation service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int items = service.open(execution.getProcessBusinessKey());
    execution.setVariable(REMEDIATION_COUNT, items);
    execution.setVariable(REMEDIATION_DUE, BusinessCalendar.startOfDay(service.due()));
    execution.setVariable(RESULT, Values.BLOCKED);
  }
}
