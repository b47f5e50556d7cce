package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskLadder.Ownership;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One step up the ladder (project manager → PMO → steering committee), recorded; the new level's
 * group is notified. Why is the task's input {@code escalationReason}, set in the model on each
 * escalation task ({@link EscalationReason}).
 */
@Component("escalateRiskLevelDelegate")
@ModelCallable(processes = RiskEscalationProcess.KEY)
class EscalateRiskLevelDelegate implements JavaDelegate {

  private final RiskLadder ladder;

  EscalateRiskLevelDelegate(RiskLadder ladder) {
    this.ladder = ladder;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ownership next = ladder.escalate(execution.getProcessBusinessKey(), reason(execution));
    execution.setVariable(ESCALATION_LEVEL, next.level().name());
    execution.setVariable(ESCALATION_GROUP, next.level().group());
    execution.setVariable(TOP_LEVEL_REACHED, next.level().top());
    execution.setVariable(ESCALATION_DUE, next.planDue());
    execution.setVariable(ESCALATE_NOW, false);
  }

  /** The reason the model names on this task. */
  EscalationReason reason(DelegateExecution execution) {
    String reason = TaskFields.string(execution, ESCALATION_REASON);
    if (reason == null || !RiskEscalationProcess.Values.ESCALATION_REASONS.contains(reason)) {
      throw new IllegalStateException(execution.getCurrentActivityId() + " must name its escalationReason (one of "
          + RiskEscalationProcess.Values.ESCALATION_REASONS + "), not " + reason);
    }
    return EscalationReason.valueOf(reason);
  }
}
