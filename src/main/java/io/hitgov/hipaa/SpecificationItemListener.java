package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.GATE_ID;

import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of one evidence sub-process instance: puts specification number {@code loopCounter} of the
 * gate's catalogue into the instance's local variables (id, title, R/A, owner group), which name
 * the task and choose its candidate group.
 */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class SpecificationItemListener implements ExecutionListener {

  private final HipaaGateService service;

  SpecificationItemListener(HipaaGateService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Spec spec = service.spec(execution.getProcessBusinessKey(), TaskFields.integer(execution, "loopCounter"));
    SpecVariables.put(execution, spec);
  }
}
