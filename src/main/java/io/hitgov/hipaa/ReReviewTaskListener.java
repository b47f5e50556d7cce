package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Values;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The security official's re-review: evaluate again in a new round, or close the gate as BLOCKED. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class ReReviewTaskListener implements TaskListener {

  private final HipaaRemediation service;

  ReReviewTaskListener(HipaaRemediation service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, RE_REVIEW_DECISION);
      return;
    }
    String decision = TaskFields.string(task, RE_REVIEW_DECISION);
    if (decision == null || !Values.RE_REVIEW_DECISIONS.contains(decision)) {
      throw new InvalidVariablesException(RE_REVIEW_DECISION + " must be one of " + Values.RE_REVIEW_DECISIONS
          + (decision == null ? "" : ", not '" + decision + "'"));
    }
    task.getExecution().setVariable(RE_REVIEW_DECISION, decision);
    if ("REEVALUATE".equals(decision)) {
      task.getExecution().setVariable(ROUND, service.startNextRound(task.getExecution().getProcessBusinessKey()));
    }
  }
}
