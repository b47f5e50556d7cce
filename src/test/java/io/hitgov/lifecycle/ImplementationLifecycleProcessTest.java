package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.stagegate.GateRows;
import io.hitgov.support.HitgovSpringTest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * ImplementationLifecycleProcess run for real with StageGateReviewProcess, HipaaAuditGateProcess
 * and the project registry: every phase and gate, each step by a demo user of the right group.
 */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class ImplementationLifecycleProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired ProjectRepository repository;
  GateRows gates;

  @Autowired
  void gateRows(org.springframework.context.ApplicationContext context) {
    gates = GateRows.of(context);
  }
  LifecycleDriver driver;

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new LifecycleDriver(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  List<String> decisions(String projectId) {
    return gates.steps(projectId).stream().filter(r -> "DECISION".equals(r.kind()))
        .map(r -> r.gateId() + ":" + r.outcome()).toList();
  }

  @Test
  void a_project_walks_from_initiation_through_every_gate_to_closure() {
    ProcessInstance project = driver.start("EHR-HAPPY-1", LifecycleDriver.farGoLive(), true);
    Assertions.assertThat(project.getBusinessKey()).isEqualTo("EHR-HAPPY-1");
    assertThat(project).isWaitingAt(PHASE_CALLS.get("P0")).variables().containsEntry("currentPhase", "P0");
    ProcessInstance p0 = driver.phase(project, "P0");
    Assertions.assertThat(p0.getBusinessKey()).as("the phase process carries the project id").isEqualTo("EHR-HAPPY-1");
    assertThat(p0).isWaitingAt("UserTask_AssessReadiness", "UserTask_DraftCharter")
        .variables().containsEntry("currentPhase", "P0").containsEntry("projectName", "Inpatient EHR replacement");

    driver.walkThrough(project, "P0", "P1", "P2", "P3", "P4", "P5");
    assertThat(project).variables().containsEntry("currentPhase", "P6");
    driver.completePhase(project, "P6");
    assertThat(project).isWaitingAt(HIPAA_GATE);
    driver.passHipaaGate(project);
    assertThat(project).isWaitingAt(GATE_CALLS.get("G6"));
    driver.passGate(project);
    assertThat(project).variables().containsEntry("currentPhase", "P7");
    driver.walkThrough(project, "P7", "P8", "P9");

    assertThat(project).isEnded().hasPassedInOrder(START, REGISTER, GATE_CALLS.get("G0"), GATE_CALLS.get("G1"),
        GATE_CALLS.get("G2"), GATE_CALLS.get("G3"), GATE_CALLS.get("G4"), GATE_CALLS.get("G5"), HIPAA_GATE,
        GATE_CALLS.get("G6"), GATE_CALLS.get("G7"), GATE_CALLS.get("G8"), END_CLOSED);
    Assertions.assertThat(decisions("EHR-HAPPY-1")).containsExactly("G0:GO", "G1:GO", "G2:GO", "G3:GO", "G4:GO",
        "G5:GO", "G6:GO", "G7:GO", "G8:GO");
    var stored = repository.get("EHR-HAPPY-1");
    Assertions.assertThat(stored.status()).isEqualTo("CLOSED");
    Assertions.assertThat(stored.actualGoLiveDate()).isNotNull();
    Assertions.assertThat(repository.phases("EHR-HAPPY-1")).allSatisfy(p -> {
      Assertions.assertThat(p.actualStart()).as(p.phase()).isNotNull();
      Assertions.assertThat(p.actualEnd()).as(p.phase()).isNotNull();
    });
    GateRows.Step g6 = gates.steps("EHR-HAPPY-1").stream()
        .filter(r -> "G6".equals(r.gateId()) && "DECISION".equals(r.kind())).findFirst().orElseThrow();
    Assertions.assertThat(g6.decisionKey()).isEqualTo("GateOutcomeDecision");
    Assertions.assertThat(g6.decisionVersion()).isEqualTo(1);
    Assertions.assertThat(gates.steps("EHR-HAPPY-1").stream()
        .filter(r -> "G6".equals(r.gateId()) && "VOTE".equals(r.kind())).map(GateRows.Step::groupId))
        .containsExactlyInAnyOrder("executiveSponsor", "steeringCommittee", "cmio", "securityOfficer", "privacyOfficer");
  }

  @Test
  void a_go_live_move_after_g6_runs_the_go_no_go_again() {
    ProcessInstance project = driver.start("EHR-RERUN-1", LifecycleDriver.farGoLive(), false);
    driver.walkThrough(project, "P0", "P1", "P3", "P4", "P5", "P6");
    assertThat(project).isWaitingAt(PHASE_CALLS.get("P7")).variables().containsEntry("currentPhase", "P7");
    assertThat(driver.phase(project, "P7")).isWaitingAt("UserTask_ExecuteCutover");
    String moved = io.hitgov.shared.process.EngineClock.today().plusDays(900).toString();
    processEngine.getRuntimeService().createMessageCorrelation("GoLiveDateChanged")
        .processInstanceBusinessKey("EHR-RERUN-1").setVariable("newGoLiveDate", moved).correlate();
    assertThat(project).hasPassed(GO_LIVE_MOVED_AFTER_G6).isWaitingAt(GATE_CALLS.get("G6"))
        .variables().containsEntry("goNoGoRerunRequired", false).containsEntry("goLiveDate", moved);
    Assertions.assertThat(driver.gateReview(project).getBusinessKey()).isEqualTo("GATE-EHR-RERUN-1-G6-2");
    Assertions.assertThat(repository.events("EHR-RERUN-1")).extracting("event").contains("GO_NO_GO_RERUN");
    Assertions.assertThat(driver.phase(project, "P7")).as("the interrupted P7 process ended").isNull();
    driver.passGate(project);
    assertThat(driver.phase(project, "P7")).isWaitingAt("UserTask_ExecuteCutover");
    Assertions.assertThat(decisions("EHR-RERUN-1")).endsWith("G6:GO", "G6:GO");
  }
}
