package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskRecords.RaisedRisk;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Registers the risk (RISK-… id, business key), attributed to the user who raised it. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class RegisterRiskDelegate implements JavaDelegate {

  private final RiskService service;
  private final CurrentUser currentUser;

  RegisterRiskDelegate(RiskService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // input
    Boolean safetyEvent = TaskFields.bool(execution, HEALTH_IT_SAFETY_EVENT);
    String owner = TaskFields.string(execution, OWNER);
    // call
    RaisedRisk risk = service.register(TaskFields.string(execution, PROJECT_ID), TaskFields.string(execution, TITLE),
        TaskFields.string(execution, CATEGORY), TaskFields.integer(execution, LIKELIHOOD),
        TaskFields.integer(execution, IMPACT), owner, Boolean.TRUE.equals(safetyEvent),
        TaskFields.string(execution, PROXIMITY_DATE), currentUser.id().orElse(null), execution.getProcessInstanceId());
    // output
    execution.setProcessBusinessKey(risk.riskId());
    execution.setVariable(RISK_ID, risk.riskId());
    execution.setVariable(OWNER, owner);
    execution.setVariable(HEALTH_IT_SAFETY_EVENT, Boolean.TRUE.equals(safetyEvent));
    execution.setVariable("fastTrackStarted", false);
    execution.setVariable(LIKELIHOOD, risk.likelihood());
    execution.setVariable(IMPACT, risk.impact());
  }
}
