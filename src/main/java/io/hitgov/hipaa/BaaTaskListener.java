package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaBaaRegister.BaaSubmission;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** A BAA task (first record or remediation): records the agreement into the BAA register. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class BaaTaskListener extends FormTaskListener {

  static final String[] FIELDS = {BAA_EXECUTED, BAA_EFFECTIVE_DATE, BAA_EXPIRY_DATE, BAA_FLOW_DOWN, BAA_DOCUMENT_ID};

  private final HipaaBaaRegister service;

  BaaTaskListener(HipaaBaaRegister service, CurrentUser currentUser) {
    super(currentUser, "Recording a BAA");
    this.service = service;
  }

  @Override
  protected String[] fields() {
    return FIELDS;
  }

  @Override
  protected void completed(DelegateTask task, String user) {
    service.record(task.getExecution().getProcessBusinessKey(), TaskFields.integer(task, "baaPosition"),
        new BaaSubmission(TaskFields.bool(task, BAA_EXECUTED), TaskFields.string(task, BAA_EFFECTIVE_DATE),
            TaskFields.string(task, BAA_EXPIRY_DATE), TaskFields.bool(task, BAA_FLOW_DOWN),
            TaskFields.string(task, BAA_DOCUMENT_ID)),
        user);
  }
}
