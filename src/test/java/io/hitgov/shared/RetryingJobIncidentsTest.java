package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.shared.process.RetryingJobIncidents;
import io.hitgov.support.HitgovSpringTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed-job incidents stay Camunda's when HITGov skips the incident lookup for a job that goes with
 * retries left ({@link RetryingJobIncidents}): a job that failed to its last retry has its incident,
 * which is resolved when the retries are set back and deleted when the job goes with its instance;
 * a job that goes with retries left leaves no incident. (The round-trip budget test shows that the
 * lookup went away.)
 */
@HitgovSpringTest
class RetryingJobIncidentsTest {

  static final String KEY = "FailingJobFixtureProcess";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void deploy() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count() > 0) {
      return;
    }
    var model = Bpmn.createExecutableProcess(KEY)
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent()
        .serviceTask("ServiceTask_Fails").camundaAsyncBefore().camundaExpression("${fails}")
        .userTask("UserTask_After").camundaCandidateGroups("pmo")
        .endEvent()
        .done();
    repositoryService.createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
  }

  @Test
  void a_job_failed_to_its_last_retry_keeps_its_incident_until_resolved_or_gone_with_it() {
    ProcessInstance resolvedOne = runtimeService.startProcessInstanceByKey(KEY);
    Job job = failToTheLastRetry(resolvedOne);
    Incident incident = incidentOf(job);
    assertThat(incident).as("retries used up: Camunda's failed-job incident").isNotNull();

    managementService.setJobRetries(job.getId(), 2);
    assertThat(incidentOf(job)).as("retries set back: the incident is resolved").isNull();
    assertThat(historic(incident).isResolved()).isTrue();
    runtimeService.setVariable(resolvedOne.getId(), "fails", "no longer");
    managementService.executeJob(job.getId());
    assertThat(managementService.createJobQuery().jobId(job.getId()).count()).as("the job ran and went").isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(resolvedOne.getId()).count()).isZero();

    ProcessInstance cancelled = runtimeService.startProcessInstanceByKey(KEY);
    Job failed = failToTheLastRetry(cancelled);
    Incident open = incidentOf(failed);
    assertThat(open).isNotNull();
    runtimeService.deleteProcessInstance(cancelled.getId(), "cancelled by the test");
    assertThat(runtimeService.createIncidentQuery().incidentId(open.getId()).count())
        .as("the job went with its instance, and its incident with it").isZero();
    assertThat(historic(open).isDeleted()).isTrue();
  }

  @Test
  void a_job_that_goes_with_retries_left_leaves_no_incident() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY);
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries())
        .as("one failure, retries left").isPositive();
    runtimeService.deleteProcessInstance(instance.getId(), "cancelled by the test");
    assertThat(managementService.createJobQuery().jobId(job.getId()).count()).isZero();
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  private Job failToTheLastRetry(ProcessInstance instance) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    for (int attempt = 0; attempt < 10 && retries(job) > 0; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
    }
    assertThat(retries(job)).isZero();
    return job;
  }

  private int retries(Job job) {
    return managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries();
  }

  private Incident incidentOf(Job job) {
    return runtimeService.createIncidentQuery().incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
        .configuration(job.getId()).singleResult();
  }

  private HistoricIncident historic(Incident incident) {
    return historyService.createHistoricIncidentQuery().incidentId(incident.getId()).singleResult();
  }
}
