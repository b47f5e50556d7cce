package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.HitgovSpringTest;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tailoring by project type (LifecycleTailoringDecision): a project of each type runs to closure
 * through its own phases and gates, and every one of them passes the HIPAA audit gate and G6.
 */
@HitgovSpringTest
class LifecycleTailoringTest {

  @Autowired ProcessEngine processEngine;
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

  List<String> decisions(String projectId) {
    return gates.steps(projectId).stream().filter(r -> "DECISION".equals(r.kind()))
        .map(r -> r.gateId() + ":" + r.outcome()).toList();
  }

  @ParameterizedTest(name = "{0} runs {1} to closure")
  @CsvSource(delimiter = ';', value = {
    "EHR_REPLACEMENT; P0 P1 P2 P3 P4 P5 P6 P7 P8 P9; G0 G1 G2 G3 G4 G5 G6 G7 G8; R01-R20",
    "EHR_UPGRADE; P0 P1 P2 P3 P4 P5 P6 P7 P8 P9; G0 G1 G2 G3 G4 G5 G6 G7 G8; R01-R20 -R07",
    "INTERFACE; P0 P1 P2 P3 P4 P5 P6 P7 P8 P9; G0 G1 G2 G3 G4 G5 G6 G7 G8; R01-R20 -R09 -R10",
    "CDSS; P0 P1 P2 P3 P4 P5 P6 P7 P8 P9; G0 G1 G2 G3 G4 G5 G6 G7 G8; R01-R20 -R07 +R21",
    "TELEHEALTH; P0 P1 P2 P3 P4 P5 P6 P7 P8 P9; G0 G1 G2 G3 G4 G5 G6 G7 G8; R01-R20 -R07 +R22 +R23",
    "SMALL_APPLICATION; P0 P1 P3 P4 P5 P6 P7 P9; G0 G1 G3 G4 G5 G6 G8; R01-R20 -R07 -R10 -R11 -R12"})
  void a_project_of_each_type_runs_to_closure_through_the_hipaa_gate_and_g6(String type, String phases, String gates,
      String criteria) {
    String projectId = "TYPE-" + type.replace('_', '-');
    // vendor selection is asked for every type: only the tailoring decides whether P2 runs
    ProcessInstance project = driver.start(projectId, LifecycleDriver.farGoLive(), true, type);
    assertThat(project).variables().containsEntry("projectType", type)
        .containsEntry("clinicalContentValidation", "CDSS".equals(type));

    driver.walkThrough(project, phases.split(" "));

    assertThat(project).isEnded().hasPassed(HIPAA_GATE, GATE_CALLS.get("G6"), END_CLOSED)
        .hasPassedInOrder(TAILOR, REGISTER, HIPAA_GATE, GATE_CALLS.get("G6"), PHASE_CALLS.get("P7"), END_CLOSED);
    List<String> expected = new ArrayList<>();
    for (String gate : gates.split(" ")) {
      expected.add(gate + ":GO");
    }
    Assertions.assertThat(decisions(projectId)).containsExactlyElementsOf(expected);
    var stored = repository.get(projectId);
    Assertions.assertThat(stored.status()).isEqualTo("CLOSED");
    Assertions.assertThat(stored.projectType()).isEqualTo(type);
    Assertions.assertThat(stored.applicableCriteria()).containsExactlyElementsOf(criteria(criteria));
    Assertions.assertThat(repository.phases(projectId)).allSatisfy(phase -> Assertions.assertThat(phase.skipped())
        .as(phase.phase()).isEqualTo(!phases.contains(phase.phase())));
    Assertions.assertThat(repository.deliverables(projectId).stream()
            .anyMatch(d -> VALIDATE_CLINICAL_CONTENT.equals(d.taskKey())))
        .as("clinical-content validation").isEqualTo("CDSS".equals(type));
  }

  static List<String> criteria(String spec) {
    List<String> all = new ArrayList<>(ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA);
    for (String part : spec.split(" ")) {
      if (part.startsWith("-")) {
        all.remove(part.substring(1));
      } else if (part.startsWith("+")) {
        all.add(part.substring(1));
      }
    }
    return all;
  }

  @org.junit.jupiter.api.AfterEach
  void resetClock() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset();
  }

  /** Scores the first readiness checkpoint (T-90) of a project with every criterion green but {@code red}. */
  LifecycleRecords.Checkpoint scoreFirstCheckpoint(String projectId, String type, String... red) {
    java.time.LocalDate goLive = io.hitgov.shared.process.EngineClock.today().plusDays(100);
    ProcessInstance project = driver.start(projectId, goLive.toString(), false, type);
    LifecycleTimersTest.setClock(goLive.minusDays(90));
    driver.engine.executeDueJobs(project.getId());
    java.util.Map<String, Object> scorecard = LifecycleDriver.allGreen();
    for (String criterion : red) {
      scorecard.put(criterion, false);
    }
    driver.engine.complete("paula", driver.engine.task(project.getId(), SCORE_CHECKPOINT), scorecard);
    return repository.checkpoints(projectId).get(0);
  }

  @Test
  void readiness_scores_the_criteria_of_the_project_type() {
    // no HIPAA PASS yet, so R01 is red for both
    var telehealth = scoreFirstCheckpoint("TYPE-TELE-READY", "TELEHEALTH", "r22", "r07");
    Assertions.assertThat(telehealth.redHard()).isEqualTo("R01,R22");
    Assertions.assertThat(telehealth.criteria()).contains("n/a: R07,R21").doesNotContain("R23");

    var small = scoreFirstCheckpoint("TYPE-SMALL-READY", "SMALL_APPLICATION", "r10", "r22");
    Assertions.assertThat(small.redHard()).as("R22 does not apply to a small application").isEqualTo("R01");
    Assertions.assertThat(small.redSoft()).as("R10 does not apply either").isEmpty();
    Assertions.assertThat(small.criteria()).contains("n/a: R07,R10,R11,R12,R21,R22,R23");
  }

  @Test
  void a_project_started_without_a_type_is_an_ehr_replacement_and_an_unknown_type_is_refused() {
    ProcessInstance project = driver.start("TYPE-DEFAULT", LifecycleDriver.farGoLive(), false);
    assertThat(project).variables().containsEntry("projectType", "EHR_REPLACEMENT").containsEntry("runP2", false);
    Assertions.assertThat(repository.get("TYPE-DEFAULT").projectType()).isEqualTo("EHR_REPLACEMENT");

    Assertions.assertThatThrownBy(() -> driver.start("TYPE-BAD", LifecycleDriver.farGoLive(), false, "SPACESHIP"))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("projectType")
        .hasMessageContaining("SMALL_APPLICATION");
    Assertions.assertThat(repository.find("TYPE-BAD")).isEmpty();
  }
}
