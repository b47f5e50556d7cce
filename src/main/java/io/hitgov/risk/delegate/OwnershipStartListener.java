package io.hitgov.risk.delegate;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskService;
import io.hitgov.risk.RiskService.Level;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Ownership starts: the ladder's level for the band, the plan's due date, EXTREME escalates at once. */
@Component
class OwnershipStartListener implements ExecutionListener {

  private final RiskService service;

  OwnershipStartListener(RiskService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String riskId = TaskFields.string(execution, RISK_ID);
    String band = TaskFields.string(execution, BAND);
    Level level = service.initialLevel(riskId);
    execution.setVariable(ESCALATION_LEVEL, level.name());
    execution.setVariable(ESCALATION_GROUP, level.group());
    execution.setVariable(ESCALATE_NOW, "EXTREME".equals(band));
    execution.setVariable(ESCALATION_DUE, service.planDue(band));
  }
}
