package io.hitgov.lifecycle;

import static io.hitgov.stagegate.StageGateReviewProcess.Elements.DECIDE_HELD_GATE;
import static io.hitgov.stagegate.StageGateReviewProcess.Elements.SCORE_READINESS;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.interop.InteropFixtures;
import io.hitgov.interop.DataConversion;
import io.hitgov.interop.InterfaceTestRounds;
import io.hitgov.interop.InteropService;
import io.hitgov.interop.Samples;
import io.hitgov.support.HitgovSpringTest;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * G5 and G6 read the interface and conversion records: R06 and R07 are computed from them, a
 * go-live-critical interface without a passed, signed, current round, or an unreconciled
 * conversion domain, blocks G6 even when the PMO ticks every criterion; with the evidence, G6 passes.
 */
@HitgovSpringTest
class InteropGateTest {

  @Autowired ProcessEngine processEngine;
  @Autowired InteropService interop;
  @Autowired InterfaceTestRounds testRounds;
  @Autowired DataConversion conversion;
  @Autowired ProjectGates projectGates;
  @Autowired org.springframework.context.ApplicationContext context;
  LifecycleDriver driver;

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new LifecycleDriver(processEngine);
  }

  /** A project at G6 whose interface and conversion records are made after G5 by {@code records}. */
  ProcessInstance atG6(String projectId, Runnable records) {
    ProcessInstance project = driver.start(projectId, LifecycleDriver.farGoLive(), false);
    driver.walkThrough(project, "P0", "P1", "P3", "P4", "P5");
    records.run();
    driver.completePhase(project, "P6");
    driver.passHipaaGate(project);
    ProcessInstance review = driver.gateReview(project);
    driver.submitEvidence(review, null);
    assertThat(review).isWaitingAt(SCORE_READINESS);
    return review;
  }

  void labInterface(String projectId) {
    InteropFixtures.hl7Interface(context, projectId, "LAB-ORU", true, false);
  }

  void allergies(String projectId, boolean reconciled) {
    InteropFixtures.conversionDomain(context, projectId, "allergies", "MIGRATE");
    InteropFixtures.trialLoad(context, projectId, "allergies", "trial-1", 1000, reconciled ? 1000 : 990, "abc123",
        reconciled ? "abc123" : "def456");
  }

  String gateText(ProcessInstance review) {
    return (String) processEngine.getRuntimeService().getVariable(review.getId(), "gateBlockersText");
  }

  @Test
  void an_untested_critical_interface_and_an_unreconciled_conversion_block_g6_despite_all_ticks() {
    ProcessInstance review = atG6("EHR-IOP-RED", () -> {
      labInterface("EHR-IOP-RED");
      allergies("EHR-IOP-RED", false);
    });
    org.camunda.bpm.engine.task.Task scorecard = driver.engine.task(review.getId(), SCORE_READINESS);
    Assertions.assertThat((String) processEngine.getTaskService().getVariableLocal(scorecard.getId(), "readinessEvidence"))
        .as("the scorecard form shows R06 and R07 as computed, with the reason")
        .contains("R06 computed from the interface inventory: red: interface LAB-ORU");
    Assertions.assertThat(projectGates.readinessEvidence("EHR-IOP-RED"))
        .contains("R06 computed from the interface inventory: red: interface LAB-ORU: no test round since registration")
        .contains("R07 computed from the conversion records: red: conversion allergies: latest trial load trial-1 "
            + "unreconciled: counts do not reconcile");

    driver.scoreReadiness(review, LifecycleDriver.allGreen());

    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "readinessSummary"))
        .contains("No go; hard red: R06 All in-scope interfaces passed end-to-end tests, R07 Data conversion reconciled")
        .contains("R06 computed red: interface LAB-ORU");
    Assertions.assertThat(gateText(review)).contains("readiness red: R06 All in-scope interfaces passed end-to-end tests")
        .contains("readiness red: R07 Data conversion reconciled");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
  }

  @Test
  void a_passed_signed_round_and_a_reconciled_signed_conversion_let_g6_pass() {
    ProcessInstance review = atG6("EHR-IOP-GREEN", () -> { });
    labInterface("EHR-IOP-GREEN");
    String round = InteropFixtures.round(context, "EHR-IOP-GREEN", "LAB-ORU", "PRODUCTION",
        List.of(Samples.oruR01("P")), "irene");
    Assertions.assertThat(interop.interfaceProblems("EHR-IOP-GREEN")).singleElement().asString()
        .contains("passed but is not signed by the integration lead");
    testRounds.signOff(round, false, "ivan");
    allergies("EHR-IOP-GREEN", true);
    Assertions.assertThat(interop.conversionProblems("EHR-IOP-GREEN")).singleElement().asString()
        .contains("no passed CMIO golden-patient sample review");
    conversion.sampleReview("EHR-IOP-GREEN", "allergies", true, 25, "25 golden patients match", "carla");
    Assertions.assertThat(projectGates.readinessEvidence("EHR-IOP-GREEN"))
        .contains("R06 computed from the interface inventory: green").contains("R07 computed from the conversion records: green");

    driver.scoreReadiness(review, LifecycleDriver.allGreen());
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));

    assertThat(review).isEnded().variables().containsEntry("gateOutcome", "GO");
  }

  @Test
  void g5_lists_the_interface_and_conversion_problems_as_blockers() {
    io.hitgov.support.Projects.register(context, "EHR-IOP-G5");
    labInterface("EHR-IOP-G5");
    allergies("EHR-IOP-G5", false);
    Assertions.assertThat(projectGates.testExitProblems("EHR-IOP-G5"))
        .contains("G5-3 red: interface LAB-ORU: no test round since registration")
        .anyMatch(p -> p.startsWith("G5-4 red: conversion allergies: latest trial load trial-1 unreconciled"));
  }
}
