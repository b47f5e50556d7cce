package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskLadder.Ownership;
import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Ownership starts: the plan's due date; a HIGH (PMO) or EXTREME (steering committee) risk escalates at once. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class OwnershipStartListener implements ExecutionListener {

  private final RiskLadder service;

  OwnershipStartListener(RiskLadder service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Ownership ownership = service.ownership(execution.getProcessBusinessKey());
    execution.setVariable(ESCALATION_LEVEL, ownership.level().name());
    execution.setVariable(ESCALATION_GROUP, ownership.level().group());
    execution.setVariable(ESCALATE_NOW, ownership.escalateNow());
    execution.setVariable(ESCALATION_DUE, ownership.planDue());
  }
}
