package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.NEXT_REVIEW_DUE;
import static io.hitgov.risk.RiskEscalationProcess.Variables.RISK_ID;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets the next review date from the band's cadence. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class ScheduleReviewDelegate implements JavaDelegate {

  private final RiskResponse service;

  ScheduleReviewDelegate(RiskResponse service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(NEXT_REVIEW_DUE, service.nextReviewDue(execution.getProcessBusinessKey()));
  }
}
