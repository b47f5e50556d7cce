package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Values;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Applies the gate rule: no BLOCK disposition and every BAA in force. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class EvaluateHipaaGateDelegate implements JavaDelegate {

  static final int MAX_SUMMARY = 3900;
  private final HipaaGateService service;

  EvaluateHipaaGateDelegate(HipaaGateService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HipaaEvaluation evaluation = service.evaluate(execution.getProcessBusinessKey());
    String summary = evaluation.summary();
    execution.setVariable(GATE_CLEAR, evaluation.clear());
    execution.setVariable(PASS_COUNT, evaluation.passCount());
    execution.setVariable(ANNUAL_REVIEW_COUNT, evaluation.annualReviewCount());
    execution.setVariable(BLOCKED_COUNT, evaluation.blockedCount());
    execution.setVariable(FINDINGS, summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) + "…" : summary);
    if (!evaluation.clear()) {
      execution.setVariable(RESULT, Values.BLOCKED);
    }
  }
}
