package io.hitgov.lifecycle;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.HitgovSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Projects started on version 1 of the lifecycle (one diagram, phases as embedded sub-processes)
 * keep running after the phase processes arrive: Camunda cannot migrate running state into a newly
 * called definition, so they finish on version 1 with the beans and names it calls.
 */
@HitgovSpringTest
class LifecycleVersionOneTest {

  static final String FIXTURE = "fixtures/lifecycle-v1/ImplementationLifecycleProcess.bpmn";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired ProjectRepository repository;
  io.hitgov.stagegate.GateRows gates;

  @Autowired
  void gateRows(org.springframework.context.ApplicationContext context) {
    gates = io.hitgov.stagegate.GateRows.of(context);
  }
  LifecycleDriver driver;

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new LifecycleDriver(processEngine);
  }

  ProcessDefinition deploy(String source, InputStream model) {
    String deploymentId = repositoryService.createDeployment().name(source)
        .addInputStream("ImplementationLifecycleProcess.bpmn", model).deploy().getId();
    return repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
  }

  Job timer(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list()
        .stream().filter(job -> activityId.equals(processEngine.getManagementService().createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .findFirst().orElseThrow();
  }

  @Test
  void a_project_started_on_version_1_completes_after_the_phase_processes_are_deployed() throws IOException {
    ProcessDefinition v1 = deploy("lifecycle-v1", getClass().getClassLoader().getResourceAsStream(FIXTURE));
    ProcessInstance old = driver.start("EHR-V1-OLD", LifecycleDriver.farGoLive(), true);
    Assertions.assertThat(old.getProcessDefinitionId()).isEqualTo(v1.getId());
    driver.walkThrough(old, "P0", "P1");
    assertThat(old).isWaitingAt("UserTask_SelectVendor").variables().containsEntry("currentPhase", "P2");

    // the release with the phase processes is deployed while the old project is in P2
    ProcessDefinition v2;
    try (InputStream current = Files.newInputStream(Path.of(ImplementationLifecycleProcess.RESOURCE))) {
      v2 = deploy("lifecycle-v2", current);
    }
    Assertions.assertThat(v2.getVersion()).isGreaterThan(v1.getVersion());
    ProcessInstance fresh = driver.start("EHR-V1-NEW", LifecycleDriver.farGoLive(), true);
    Assertions.assertThat(fresh.getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(fresh).isWaitingAt(ImplementationLifecycleProcess.Elements.PHASE_CALLS.get("P0"));

    // a go-live move still reaches the old project's version-1 stall timer
    Date stall = timer(old, "BoundaryEvent_P2Stalled").getDuedate();
    String moved = EngineClock.today().plusDays(860).toString();
    processEngine.getRuntimeService().createMessageCorrelation(ImplementationLifecycleProcess.GO_LIVE_DATE_CHANGED)
        .processInstanceBusinessKey("EHR-V1-OLD").setVariable("newGoLiveDate", moved).correlate();
    Assertions.assertThat(timer(old, "BoundaryEvent_P2Stalled").getDuedate()).isAfter(stall);

    driver.walkThrough(old, "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
    assertThat(old).isEnded().hasPassed("SubProcess_P2Selection", "SubProcess_P9Closure",
        ImplementationLifecycleProcess.Elements.HIPAA_GATE, ImplementationLifecycleProcess.Elements.GATE_CALLS.get("G6"),
        ImplementationLifecycleProcess.Elements.END_CLOSED);
    var stored = repository.get("EHR-V1-OLD");
    Assertions.assertThat(stored.status()).isEqualTo("CLOSED");
    Assertions.assertThat(stored.goLiveDate()).hasToString(moved);
    Assertions.assertThat(stored.projectType()).as("untailored").isEqualTo("EHR_REPLACEMENT");
    Assertions.assertThat(repository.phases("EHR-V1-OLD")).allSatisfy(p -> Assertions.assertThat(p.actualEnd())
        .as(p.phase()).isNotNull());
    Assertions.assertThat(gates.steps("EHR-V1-OLD").stream().filter(r -> "DECISION".equals(r.kind()))
        .map(r -> r.gateId() + ":" + r.outcome())).containsExactly("G0:GO", "G1:GO", "G2:GO", "G3:GO", "G4:GO",
            "G5:GO", "G6:GO", "G7:GO", "G8:GO");
  }
}
