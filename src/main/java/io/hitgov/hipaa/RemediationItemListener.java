package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.ROUND;

import io.hitgov.hipaa.HipaaRecords.Remediation;
import io.hitgov.hipaa.HipaaRemediation.OpenItem;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of one remediation sub-process instance: loads remediation item {@code loopCounter} of
 * the current round (a blocked specification or a failing BAA) into local variables.
 */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class RemediationItemListener implements ExecutionListener {

  private final HipaaRemediation service;

  RemediationItemListener(HipaaRemediation service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    OpenItem open = service.item(execution.getProcessBusinessKey(), TaskFields.integer(execution, ROUND),
        TaskFields.integer(execution, "loopCounter"));
    Remediation item = open.item();
    execution.setVariableLocal("remediationKind", item.kind());
    execution.setVariableLocal("remediationFinding", item.finding());
    execution.setVariableLocal("remediationOwnerGroup", item.ownerGroup());
    execution.setVariableLocal("remediationDueOn", item.dueOn().toString());
    execution.setVariableLocal("remediationPosition", item.position());
    if ("SPEC".equals(item.kind())) {
      SpecVariables.put(execution, open.spec());
    } else if ("BAA".equals(item.kind())) {
      execution.setVariableLocal("baaPosition", item.baaPosition());
      execution.setVariableLocal("baaCounterparty", open.baaCounterparty());
    }
  }
}
