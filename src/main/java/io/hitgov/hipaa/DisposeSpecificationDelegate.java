package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.GATE_ID;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Decides the latest evidence of one specification with HipaaSpecDispositionDecision. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class DisposeSpecificationDelegate implements JavaDelegate {

  private final HipaaEvidenceCollection service;

  DisposeSpecificationDelegate(HipaaEvidenceCollection service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String gateId = execution.getProcessBusinessKey();
    String specId = TaskFields.string(execution, "specId");
    execution.setVariableLocal("specDisposition", service.dispose(gateId, specId));
  }
}
