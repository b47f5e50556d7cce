package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code hitgov.portfolio.watch-cycle} sets the watch's timer (docs/processes/portfolio-watch.md#runs):
 * the deployed model carries the configured cycle and the engine's timer job runs on it.
 */
@HitgovSpringTest(properties = "hitgov.portfolio.watch-cycle=0 0/15 * * * ?")
class PortfolioWatchCycleTest {

  @Autowired ProcessEngine processEngine;

  @Test
  void a_configured_cycle_produces_the_timer_job_with_that_cycle() {
    ProcessDefinition definition = processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PortfolioWatchProcess.KEY).latestVersion().singleResult();
    TimeCycle cycle = processEngine.getRepositoryService().getBpmnModelInstance(definition.getId())
        .getModelElementsByType(TimeCycle.class).iterator().next();
    assertThat(cycle.getTextContent()).isEqualTo("0 0/15 * * * ?");

    JobDefinition timer = processEngine.getManagementService().createJobDefinitionQuery()
        .processDefinitionId(definition.getId()).activityIdIn(PortfolioWatchProcess.Elements.TIMER_START).singleResult();
    assertThat(timer.getJobConfiguration()).isEqualTo("CYCLE: 0 0/15 * * * ?");
    Job job = processEngine.getManagementService().createJobQuery().jobDefinitionId(timer.getId()).timers().singleResult();
    Date due = job.getDuedate();
    assertThat(due).isAfter(new Date(System.currentTimeMillis() - 60_000L))
        .isBefore(new Date(System.currentTimeMillis() + 15 * 60_000L + 60_000L));
    assertThat(due.toInstant().atZone(ZoneId.systemDefault()).getMinute() % 15).as("a quarter-hour").isZero();
  }
}
