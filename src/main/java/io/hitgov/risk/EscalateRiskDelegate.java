package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskEscalationProcess.Elements;
import io.hitgov.risk.RiskService.Level;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** One step up the ladder (project manager → PMO → steering committee), recorded; the new level's group is notified. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class EscalateRiskDelegate implements JavaDelegate {

  private final RiskService service;

  EscalateRiskDelegate(RiskService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String band = TaskFields.string(execution, BAND);
    String reason = Elements.ESCALATE_OVERDUE_REVIEW.equals(execution.getCurrentActivityId()) ? "Review overdue"
        : Boolean.TRUE.equals(execution.getVariable(ESCALATE_NOW)) ? band + " risk: owned at this level from the start"
        : "No mitigation plan in time";
    Level level = service.escalate(execution.getProcessBusinessKey(), reason);
    execution.setVariable(ESCALATION_LEVEL, level.name());
    execution.setVariable(ESCALATION_GROUP, level.group());
    execution.setVariable(TOP_LEVEL_REACHED, level == Level.STEERING_COMMITTEE);
    execution.setVariable(ESCALATION_DUE, service.planDue(band));
    execution.setVariable(ESCALATE_NOW, false);
  }
}
