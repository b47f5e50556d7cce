package io.hitgov.hipaa.delegate;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaGateService;
import io.hitgov.hipaa.HipaaGateService.EvidenceSubmission;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** An evidence task (first submission or remediation): records the evidence, attributed to the user. */
@Component
class EvidenceTaskListener implements TaskListener {

  static final String[] FIELDS = {EVIDENCE_STATUS, RATIONALE, COMPENSATING_CONTROL, DOCUMENT_ID, DOCUMENT_VERSION,
      DOCUMENT_HASH, EVIDENCE_DATE};

  private final HipaaGateService service;
  private final CurrentUser currentUser;

  EvidenceTaskListener(HipaaGateService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, FIELDS);
      return;
    }
    String submitter = currentUser.required("Submitting HIPAA evidence");
    service.submitEvidence(task.getExecution().getProcessBusinessKey(), TaskFields.string(task, "specId"),
        new EvidenceSubmission(TaskFields.string(task, EVIDENCE_STATUS), TaskFields.string(task, RATIONALE),
            TaskFields.string(task, COMPENSATING_CONTROL), TaskFields.string(task, DOCUMENT_ID),
            TaskFields.string(task, DOCUMENT_VERSION), TaskFields.string(task, DOCUMENT_HASH),
            TaskFields.string(task, EVIDENCE_DATE)),
        submitter);
  }
}
