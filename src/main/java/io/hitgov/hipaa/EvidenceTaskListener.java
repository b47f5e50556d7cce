package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaEvidenceCollection.EvidenceSubmission;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** An evidence task (first submission or remediation): records the evidence, attributed to the user. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class EvidenceTaskListener extends FormTaskListener {

  static final String[] FIELDS = {EVIDENCE_STATUS, RATIONALE, COMPENSATING_CONTROL, DOCUMENT_ID, DOCUMENT_VERSION,
      DOCUMENT_HASH, EVIDENCE_DATE};

  private final HipaaEvidenceCollection service;

  EvidenceTaskListener(HipaaEvidenceCollection service, CurrentUser currentUser) {
    super(currentUser, "Submitting HIPAA evidence");
    this.service = service;
  }

  @Override
  protected String[] fields() {
    return FIELDS;
  }

  @Override
  protected void completed(DelegateTask task, String user) {
    service.submit(task.getExecution().getProcessBusinessKey(), TaskFields.string(task, "specId"),
        new EvidenceSubmission(TaskFields.string(task, EVIDENCE_STATUS), TaskFields.string(task, RATIONALE),
            TaskFields.string(task, COMPENSATING_CONTROL), TaskFields.string(task, DOCUMENT_ID),
            TaskFields.string(task, DOCUMENT_VERSION), TaskFields.string(task, DOCUMENT_HASH),
            TaskFields.string(task, EVIDENCE_DATE)),
        user);
  }
}
