package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.GATE_ID;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Start of one BAA sub-process instance: business associate number {@code loopCounter} of the scope. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class BaaItemListener implements ExecutionListener {

  private final HipaaBaaRegister service;

  BaaItemListener(HipaaBaaRegister service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    int position = TaskFields.integer(execution, "loopCounter");
    execution.setVariableLocal("baaPosition", position);
    execution.setVariableLocal("baaCounterparty",
        service.baa(execution.getProcessBusinessKey(), position).counterparty());
  }
}
