package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.RISK_ID;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Closes the risk; its gate holds are released. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class CloseRiskDelegate implements JavaDelegate {

  private final RiskResponse service;

  CloseRiskDelegate(RiskResponse service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.close(execution.getProcessBusinessKey());
  }
}
