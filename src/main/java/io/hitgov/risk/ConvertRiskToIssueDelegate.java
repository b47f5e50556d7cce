package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.RISK_ID;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The risk materialized: it becomes an issue of the same lineage (ISSUE-…). */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class ConvertRiskToIssueDelegate implements JavaDelegate {

  private final RiskResponse service;

  ConvertRiskToIssueDelegate(RiskResponse service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("issueId", service.convertToIssue(execution.getProcessBusinessKey()));
  }
}
