package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.ESCALATE_NOW;

import io.hitgov.risk.RiskEscalationProcess.Elements;
import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Versions of RiskEscalationProcess before the escalation reason was named in the model (their
 * running risks finish on them): their two escalation tasks name this bean, which tells the
 * reasons apart as those versions did, by the task and {@code escalateNow}. Current models name
 * {@code escalateRiskLevelDelegate} with an {@code escalationReason} input. Remove once no instance
 * of an older version runs (docs/adr/0004-feature-packages.md).
 */
@Component("escalateRiskDelegate")
@ModelCallable(processes = RiskEscalationProcess.KEY)
class EscalateRiskDelegate extends EscalateRiskLevelDelegate {

  EscalateRiskDelegate(RiskLadder ladder) {
    super(ladder);
  }

  @Override
  EscalationReason reason(DelegateExecution execution) {
    if (Elements.ESCALATE_OVERDUE_REVIEW.equals(execution.getCurrentActivityId())) {
      return EscalationReason.REVIEW_OVERDUE;
    }
    return Boolean.TRUE.equals(execution.getVariable(ESCALATE_NOW)) ? EscalationReason.BAND
        : EscalationReason.PLAN_OVERDUE;
  }
}
