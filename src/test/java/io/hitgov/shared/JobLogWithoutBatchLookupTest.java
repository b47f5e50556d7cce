package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Projects;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The job log keeps Camunda's removal times when HITGov skips the historic-batch lookup for jobs that
 * belong to no batch (shared/process/JobLogWithoutBatchLookup): a process's timers take their
 * instance's removal time, and a batch's seed, execution and monitor jobs take the batch's.
 */
@HitgovSpringTest(properties = "camunda.bpm.generic-properties.properties.batch-operation-history-time-to-live=P30D")
class JobLogWithoutBatchLookupTest {

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;

  @Test
  void timers_take_their_instances_removal_time_and_a_batchs_jobs_the_batchs() {
    Projects.register(context, "EHR-JOBLOG-1");
    Map<String, Object> risk = Map.of("projectId", "EHR-JOBLOG-1", "title", "Interface engine capacity",
        "category", "TECHNICAL", "likelihood", 2, "impact", 3, "owner", "maria");
    ProcessInstance instance = new Engine(processEngine).as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    HistoryService history = processEngine.getHistoryService();
    java.util.Date instanceRemoval = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getRemovalTime();
    assertThat(instanceRemoval).as("strategy start: the instance's removal time is known from its start").isNotNull();
    List<HistoricJobLog> timers = history.createHistoricJobLogQuery().processInstanceId(instance.getId()).list();
    assertThat(timers).as("the risk's timers were created").isNotEmpty()
        .allSatisfy(log -> assertThat(log.getRemovalTime()).isEqualTo(instanceRemoval));

    Batch batch = processEngine.getRuntimeService().deleteProcessInstancesAsync(List.of(instance.getId()), "test");
    ManagementService management = processEngine.getManagementService();
    for (int round = 0; round < 10 && management.createJobQuery().executable().count() > 0; round++) {
      for (Job job : management.createJobQuery().executable().list()) {
        management.executeJob(job.getId());
      }
    }
    HistoricBatch done = history.createHistoricBatchQuery().batchId(batch.getId()).singleResult();
    assertThat(done.getRemovalTime()).as("the batch's removal time (its own time-to-live)").isNotNull();
    List<HistoricJobLog> batchJobs = history.createHistoricJobLogQuery().jobDefinitionConfiguration(batch.getId())
        .list();
    assertThat(batchJobs).extracting(HistoricJobLog::getJobDefinitionType)
        .as("seed, execution and monitor jobs logged")
        .contains(Batch.TYPE_PROCESS_INSTANCE_DELETION, "batch-seed-job", "batch-monitor-job");
    // Camunda gives the batch's removal time to the entries its producer builds for the batch's jobs as they
    // are created (the later entries of the execution and monitor jobs have none, with or without HITGov's)
    List<HistoricJobLog> created = batchJobs.stream().filter(HistoricJobLog::isCreationLog).toList();
    assertThat(created).extracting(HistoricJobLog::getJobDefinitionType)
        .contains(Batch.TYPE_PROCESS_INSTANCE_DELETION, "batch-seed-job", "batch-monitor-job");
    assertThat(created).allSatisfy(log -> assertThat(log.getRemovalTime()).isEqualTo(done.getRemovalTime()));
  }
}
