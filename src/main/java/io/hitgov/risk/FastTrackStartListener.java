package io.hitgov.risk;

import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** The fast track starts (once per risk): recorded in the register. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class FastTrackStartListener implements ExecutionListener {

  private final RiskPatientSafety service;

  FastTrackStartListener(RiskPatientSafety service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    service.fastTrackStarted(execution.getProcessBusinessKey());
    execution.getProcessInstance().setVariable("fastTrackStarted", true);
  }
}
