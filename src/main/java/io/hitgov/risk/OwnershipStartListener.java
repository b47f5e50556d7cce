package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskService.Level;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Ownership starts: the plan's due date; a HIGH (PMO) or EXTREME (steering committee) risk escalates at once. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class OwnershipStartListener implements ExecutionListener {

  private final RiskService service;

  OwnershipStartListener(RiskService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String riskId = execution.getProcessBusinessKey();
    String band = TaskFields.string(execution, BAND);
    Level level = service.currentLevel(riskId);
    execution.setVariable(ESCALATION_LEVEL, level.name());
    execution.setVariable(ESCALATION_GROUP, level.group());
    execution.setVariable(ESCALATE_NOW, service.escalateAtOnce(riskId));
    execution.setVariable(ESCALATION_DUE, service.planDue(band));
  }
}
