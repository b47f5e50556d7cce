package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaRecords.OpenedGate;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.project.ProjectDirectory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the gate record and snapshots the specification catalogue. */
@Component
@ModelCallable(processes = HipaaAuditGateProcess.KEY)
class OpenHipaaGateDelegate implements JavaDelegate {

  private final HipaaGateService service;
  private final CurrentUser currentUser;
  private final ProjectDirectory projects;

  OpenHipaaGateDelegate(HipaaGateService service, CurrentUser currentUser, ProjectDirectory projects) {
    this.service = service;
    this.currentUser = currentUser;
    this.projects = projects;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // input
    String projectId = TaskFields.string(execution, PROJECT_ID);
    String reason = TaskFields.string(execution, GATE_REASON);
    String goLive = TaskFields.string(execution, GO_LIVE_DATE);
    // call
    OpenedGate gate = service.open(projectId, execution.getProcessInstanceId(), reason, goLive, currentUser.id().orElse(null));
    // output: the gate's own id is the instance's business key (as CR-… and RISK-… are for theirs)
    execution.setProcessBusinessKey(gate.gateId());
    execution.setVariable(GATE_ID, gate.gateId());
    execution.setVariable(GATE_REASON, gate.gateReason());
    if (gate.goLiveDate() != null) {
      execution.setVariable(GO_LIVE_DATE, gate.goLiveDate().toString()); // taken from the project when not given
    }
    execution.setVariable(ROUND, gate.round());
    execution.setVariable(SPEC_COUNT, service.specCount(gate.gateId()));
    // the executive sponsor acknowledges the residual risk personally (Tasklist assignee)
    execution.setVariable(SPONSOR, projects.sponsor(projectId).orElse(null));
  }
}
