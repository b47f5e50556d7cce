package io.hitgov.risk;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The escalation reason is named in the model ({@code escalationReason} on each escalation task);
 * risks started on the version before keep escalating with the reasons that version gave, through
 * the bean it names ({@code escalateRiskDelegate}), after the current model is deployed.
 */
@HitgovSpringTest
class RiskEscalationReasonVersionTest {

  static final String BEFORE = "fixtures/risk-escalation-before-reasons/RiskEscalationProcess.bpmn";
  static final LocalDateTime FRIDAY = LocalDateTime.of(2026, 11, 20, 10, 0);

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RiskRepository repository;
  @Autowired ApplicationContext context;
  Engine engine;

  @BeforeEach
  void setUp() {
    init(processEngine);
    engine = new Engine(processEngine);
    ClockUtil.setCurrentTime(at("2026-11-20T10:00:00"));
  }

  @AfterEach
  void current() throws IOException {
    ClockUtil.reset();
    deploy("risk-current", Files.newInputStream(Path.of(RiskEscalationProcess.RESOURCE)));
  }

  static Date at(String isoLocalDateTime) {
    return Date.from(LocalDateTime.parse(isoLocalDateTime).atZone(ZoneId.systemDefault()).toInstant());
  }

  ProcessDefinition deploy(String name, InputStream model) throws IOException {
    try (model) {
      String deploymentId = repositoryService.createDeployment().name(name)
          .addInputStream("RiskEscalationProcess.bpmn", model).deploy().getId();
      return repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
    }
  }

  ProcessInstance raise(String projectId, String category, int likelihood, int impact) {
    io.hitgov.support.Projects.register(context, projectId);
    Map<String, Object> variables = RiskEscalationProcessTest.risk(projectId, category, likelihood, impact, "mike");
    return engine.as("maria", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, variables));
  }

  List<String> reasons(ProcessInstance instance) {
    return repository.events(instance.getBusinessKey()).stream().filter(e -> "ESCALATED".equals(e.event()))
        .map(RiskEvent::details).toList();
  }

  /** The owner plans a HIGH risk on the day it is raised: its first review is due 14 days later. */
  void plan(ProcessInstance high) {
    engine.complete("mike", engine.task(high.getId(), RiskEscalationProcess.Elements.PLAN), Map.of(
        "responseStrategy", "MITIGATE", "mitigationActions", "Second node", "actionsDueDate", "2027-06-30"));
  }

  @Test
  void risks_on_the_version_before_escalate_with_its_reasons_and_new_risks_with_the_named_ones() throws IOException {
    ProcessDefinition before = deploy("risk-before-reasons", getClass().getClassLoader().getResourceAsStream(BEFORE));
    ProcessInstance oldHigh = raise("EHR-REASON-1", "BUDGET", 4, 3);
    ProcessInstance oldModerate = raise("EHR-REASON-2", "SCHEDULE", 2, 2);
    Assertions.assertThat(oldHigh.getProcessDefinitionId()).isEqualTo(before.getId());

    ProcessDefinition current = deploy("risk-current", Files.newInputStream(Path.of(RiskEscalationProcess.RESOURCE)));
    Assertions.assertThat(current.getVersion()).isGreaterThan(before.getVersion());
    ProcessInstance newHigh = raise("EHR-REASON-3", "BUDGET", 4, 3);
    ProcessInstance newModerate = raise("EHR-REASON-4", "SCHEDULE", 2, 2);
    Assertions.assertThat(newHigh.getProcessDefinitionId()).isEqualTo(current.getId());

    // HIGH: escalated at once, then (planned) its review is overdue; MODERATE: its plan is late
    plan(oldHigh);
    plan(newHigh);
    ClockUtil.setCurrentTime(at("2026-12-05T09:01:00"));
    for (ProcessInstance instance : List.of(oldHigh, oldModerate, newHigh, newModerate)) {
      engine.executeDueJobs(instance.getId());
    }
    for (ProcessInstance high : List.of(oldHigh, newHigh)) {
      Assertions.assertThat(reasons(high)).as(high.getProcessDefinitionId()).containsExactly(
          "HIGH risk: owned at this level from the start: PROJECT_MANAGER -> PMO (notified: pmo)",
          "Review overdue: PMO -> STEERING_COMMITTEE (notified: steeringCommittee)");
      assertThat(high).isWaitingAt(RiskEscalationProcess.Elements.REVIEW,
          RiskEscalationProcess.Elements.REVIEW_OVERDUE_ESCALATION);
    }
    for (ProcessInstance moderate : List.of(oldModerate, newModerate)) {
      Assertions.assertThat(reasons(moderate)).as(moderate.getProcessDefinitionId())
          .containsExactly("No mitigation plan in time: PROJECT_MANAGER -> PMO (notified: pmo)");
    }
  }
}
