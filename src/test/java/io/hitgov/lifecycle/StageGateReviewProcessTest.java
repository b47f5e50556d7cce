package io.hitgov.lifecycle;

import static io.hitgov.stagegate.StageGateReviewProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaGateDriver;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.stagegate.GateConditionProcess;
import io.hitgov.stagegate.GateRows;
import io.hitgov.stagegate.GateRows.Condition;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.HitgovSpringTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Every outcome of StageGateReviewProcess, its four-eyes rules, its SLA and its conditions, inside a real lifecycle. */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class StageGateReviewProcessTest {

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

  /** A project waiting for the signatures of G0, its evidence pack submitted. */
  ProcessInstance atG0Signatures(String projectId, String unmet) {
    ProcessInstance project = driver.start(projectId, LifecycleDriver.farGoLive(), false);
    driver.completePhase(project, "P0");
    ProcessInstance review = driver.gateReview(project);
    assertThat(review).isWaitingAt(ASSEMBLE_EVIDENCE);
    Assertions.assertThat(review.getBusinessKey()).isEqualTo("GATE-" + projectId + "-G0-1");
    driver.submitEvidence(review, unmet);
    assertThat(review).isWaitingAt(REVIEW);
    return review;
  }

  List<String> records(String projectId, String kind) {
    return gates.steps(projectId).stream().filter(r -> kind.equals(r.kind()))
        .map(r -> r.gateId() + "/" + r.round() + ":" + r.outcome()).toList();
  }

  Task reviewTask(ProcessInstance review, String group) {
    return driver.engine.tasks(review.getId(), REVIEW).stream().filter(t -> driver.group(t).equals(group))
        .findFirst().orElseThrow();
  }

  @Test
  void each_signatory_group_of_the_gate_gets_one_review_task_with_the_checklist() {
    ProcessInstance review = atG0Signatures("EHR-G-SIGN", null);
    List<Task> tasks = driver.engine.tasks(review.getId(), REVIEW);
    Assertions.assertThat(tasks).extracting(driver::group).containsExactlyInAnyOrder("executiveSponsor", "cmio");
    Assertions.assertThat(tasks).extracting(Task::getName)
        .containsExactlyInAnyOrder("EHR-G-SIGN · G0 review as executiveSponsor", "EHR-G-SIGN · G0 review as cmio");
    assertThat(review).variables().containsEntry("gateEvidenceReferences", "DMS-PACK-1 v3\nDMS-PACK-2 v1")
        .containsEntry("gateUnmetCriteria", "none").containsEntry("gateBlockersText", "none");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "gateChecklistText"))
        .contains("**G0-1** (hard) Readiness assessment done").contains("**G0-5** (soft) Initial risks logged");
  }

  @Test
  void recycle_returns_into_the_phase_with_the_reviewers_comment() {
    ProcessInstance review = atG0Signatures("EHR-G-RECYCLE", null);
    ProcessInstance project = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).processInstanceBusinessKey("EHR-G-RECYCLE").singleResult();
    driver.sign(review, group -> "cmio".equals(group)
        ? LifecycleDriver.vote("RECYCLE", "Goals are not measurable yet") : LifecycleDriver.vote("GO", null));
    assertThat(review).isEnded().hasPassed(END_DECIDED).variables().containsEntry("gateOutcome", "RECYCLE");
    assertThat(driver.phase(project, "P0")).isWaitingAt("UserTask_AssessReadiness", "UserTask_DraftCharter").variables()
        .containsEntry("currentPhase", "P0");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(project.getId(), "gateComment"))
        .contains("Goals are not measurable yet");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(driver.phase(project, "P0").getId(),
        "gateComment")).as("the deliverable form of the recycled phase shows it").contains("Goals are not measurable yet");
    Assertions.assertThat(repository.phases("EHR-G-RECYCLE").get(0).entries()).isEqualTo(2);

    driver.completePhase(project, "P0");
    ProcessInstance second = driver.gateReview(project);
    Assertions.assertThat(second.getBusinessKey()).isEqualTo("GATE-EHR-G-RECYCLE-G0-2");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(second.getId(), "gatePreviousComments"))
        .as("earlier comments in words: date, outcome, the person's and the group's names")
        .containsPattern("round 1, \\w{3} \\d{1,2} \\w{3} 20\\d\\d: vote recycle by [A-Z]\\w+ [A-Z]\\w+ \\(conrad\\) for CMIO")
        .contains("Goals are not measurable yet").doesNotContain("RECYCLE").doesNotContain("(cmio)");
    driver.passGate(project);
    assertThat(project).variables().containsEntry("currentPhase", "P1");
    Assertions.assertThat(records("EHR-G-RECYCLE", "DECISION")).containsExactly("G0/1:RECYCLE", "G0/2:GO");
  }

  @Test
  void no_go_holds_the_gate_until_the_steering_committee_orders_a_re_review() {
    ProcessInstance review = atG0Signatures("EHR-G-NOGO", null);
    driver.sign(review, group -> "executiveSponsor".equals(group)
        ? LifecycleDriver.vote("NO_GO", "No budget envelope yet") : LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
    assertThat(driver.engine.task(review.getId(), DECIDE_HELD_GATE)).hasCandidateGroup("steeringCommittee");

    Map<String, Object> decision = new HashMap<>();
    decision.put("holdDecision", "RE_REVIEW");
    decision.put("holdComment", "Envelope approved by finance on Monday");
    driver.engine.complete("stella", driver.engine.task(review.getId(), DECIDE_HELD_GATE), decision);
    assertThat(review).isWaitingAt(ASSEMBLE_EVIDENCE).variables().containsEntry("gateRound", 2);
    driver.submitEvidence(review, null);
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isEnded();
    Assertions.assertThat(records("EHR-G-NOGO", "DECISION")).containsExactly("G0/1:NO_GO", "G0/2:GO");
    Assertions.assertThat(records("EHR-G-NOGO", "HOLD_DECISION")).containsExactly("G0/1:RE_REVIEW");
  }

  @Test
  void the_steering_committee_terminates_a_held_project() {
    ProcessInstance review = atG0Signatures("EHR-G-TERM", null);
    ProcessInstance project = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).processInstanceBusinessKey("EHR-G-TERM").singleResult();
    driver.sign(review, group -> LifecycleDriver.vote("NO_GO", "Vendor insolvent"));
    Map<String, Object> decision = new HashMap<>();
    decision.put("holdDecision", "TERMINATE");
    decision.put("holdComment", "No viable vendor; stop the programme");
    driver.engine.complete("steve", driver.engine.task(review.getId(), DECIDE_HELD_GATE), decision);
    assertThat(review).isEnded().hasPassed(END_TERMINATED);
    assertThat(project).isEnded().hasPassed(ImplementationLifecycleProcess.Elements.END_TERMINATED)
        .hasNotPassed(ImplementationLifecycleProcess.Elements.END_CLOSED);
    var stored = repository.get("EHR-G-TERM");
    Assertions.assertThat(stored.status()).isEqualTo("TERMINATED");
    Assertions.assertThat(repository.events("EHR-G-TERM")).extracting("event").contains("TERMINATED");
  }

  @Test
  void terminate_is_reserved_to_the_steering_committee() {
    ProcessInstance review = atG0Signatures("EHR-G-TERMVOTE", null);
    Task cmio = reviewTask(review, "cmio");
    Assertions.assertThatThrownBy(() -> driver.engine.complete("conrad", cmio,
            LifecycleDriver.vote("TERMINATE", "Stop it")))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("reserved to the steering committee");
    assertThat(review).isWaitingAt(REVIEW);

    // G1 has the steering committee among its signatories: its TERMINATE ends the project
    ProcessInstance project = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).processInstanceBusinessKey("EHR-G-TERMVOTE").singleResult();
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    driver.completePhase(project, "P1");
    ProcessInstance g1 = driver.gateReview(project);
    driver.submitEvidence(g1, null);
    driver.sign(g1, group -> "steeringCommittee".equals(group)
        ? LifecycleDriver.vote("TERMINATE", "Merged into the enterprise programme") : LifecycleDriver.vote("GO", null));
    assertThat(project).isEnded().hasPassed(ImplementationLifecycleProcess.Elements.END_TERMINATED);
    Assertions.assertThat(records("EHR-G-TERMVOTE", "DECISION")).containsExactly("G0/1:GO", "G1/1:TERMINATE");
  }

  @Test
  void a_comment_is_required_unless_go() {
    ProcessInstance review = atG0Signatures("EHR-G-COMMENT", null);
    Assertions.assertThatThrownBy(() -> driver.engine.complete("conrad", reviewTask(review, "cmio"),
            LifecycleDriver.vote("RECYCLE", null)))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("gateComment is required");
    Assertions.assertThatThrownBy(() -> driver.engine.complete("conrad", reviewTask(review, "cmio"),
            LifecycleDriver.vote("RECYCLE", "x".repeat(2001))))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("gateComment is longer than 2000 characters");
    Assertions.assertThat(records("EHR-G-COMMENT", "VOTE")).as("nothing recorded").isEmpty();
    assertThat(review).isWaitingAt(REVIEW);
  }

  @Test
  void an_unmet_hard_criterion_is_a_no_go_even_when_everyone_votes_go() {
    ProcessInstance review = atG0Signatures("EHR-G-HARD", "G0-1");
    assertThat(review).variables().containsEntry("gateUnmetCriteria", "G0-1");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "gateBlockersText"))
        .contains("G0-1 not met: Readiness assessment done");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO")
        .containsEntry("gateOutcomeReason", "Hard criteria unmet or gate held");
  }

  @Test
  void an_unknown_criterion_in_the_evidence_pack_is_refused() {
    ProcessInstance project = driver.start("EHR-G-UNKNOWN", LifecycleDriver.farGoLive(), false);
    driver.completePhase(project, "P0");
    ProcessInstance review = driver.gateReview(project);
    Assertions.assertThatThrownBy(() -> driver.submitEvidence(review, "G0-1, G9-9"))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("unmetCriteria [G9-9]");
    assertThat(review).isWaitingAt(ASSEMBLE_EVIDENCE);
  }

  @Test
  void go_with_conditions_opens_owned_conditions_and_an_overdue_one_reaches_the_pmo() {
    ProcessInstance project = driver.start("EHR-G-COND", LifecycleDriver.farGoLive(), true);
    driver.walkThrough(project, "P0");
    driver.completePhase(project, "P1");
    ProcessInstance review = driver.gateReview(project);
    driver.submitEvidence(review, "G1-3");
    String due = EngineClock.today().plusDays(10).toString();
    driver.sign(review, group -> {
      if (!"finance".equals(group)) {
        return LifecycleDriver.vote("GO", null);
      }
      return LifecycleDriver.conditionVote("Capital split still provisional",
          "Confirm the capital/operating split with the CFO", "mike", due);
    });
    assertThat(review).isEnded().variables().containsEntry("gateOutcome", "GO_WITH_CONDITIONS");
    assertThat(driver.phase(project, "P2")).isWaitingAt("UserTask_SelectVendor");

    List<Condition> conditions = gates.conditions("EHR-G-COND");
    Assertions.assertThat(conditions).extracting(Condition::owner, Condition::status)
        .containsExactlyInAnyOrder(Assertions.tuple("mike", "OPEN"), Assertions.tuple("maria", "OPEN"));
    ProcessInstance mikes = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(GateConditionProcess.KEY).processInstanceBusinessKey(conditions.stream()
            .filter(c -> c.owner().equals("mike")).findFirst().orElseThrow().conditionId()).singleResult();
    assertThat(mikes).isWaitingAt(GateConditionProcess.FULFIL).task().isAssignedTo("mike");

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(11, ChronoUnit.DAYS)));
    driver.engine.executeDueJobs(mikes.getId());
    assertThat(mikes).isWaitingAt(GateConditionProcess.FULFIL, GateConditionProcess.CHASE);
    assertThat(driver.engine.task(mikes.getId(), GateConditionProcess.CHASE)).hasCandidateGroup("pmo");

    Map<String, Object> fulfilment = new HashMap<>();
    fulfilment.put("conditionEvidence", "DMS-CFO-MEMO-4");
    driver.engine.complete("mike", driver.engine.task(mikes.getId(), GateConditionProcess.FULFIL), fulfilment);
    assertThat(mikes).isEnded();
    Assertions.assertThat(gates.conditions("EHR-G-COND")).filteredOn(c -> c.owner().equals("mike"))
        .extracting(Condition::status, Condition::fulfilledBy).containsExactly(Assertions.tuple("FULFILLED", "mike"));
  }

  @Test
  void four_eyes_one_signature_per_person_and_never_on_ones_own_evidence_pack() {
    ProcessInstance review = atG0Signatures("EHR-G-4EYES", null);
    Task sponsorTask = reviewTask(review, "executiveSponsor");
    Task cmioTask = reviewTask(review, "cmio");
    // the evidence submitter (the project manager) also sits on the CMIO office here
    processEngine.getIdentityService().createMembership("maria", "cmio");
    try {
      Assertions.assertThatThrownBy(() -> driver.engine.as("maria",
              () -> processEngine.getTaskService().claim(cmioTask.getId(), "maria")))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("submitted the evidence pack");
      // a user outside the signatory group cannot complete its task
      Assertions.assertThatThrownBy(() -> driver.engine.complete("tina", sponsorTask, LifecycleDriver.vote("GO", null)))
          .isInstanceOf(AuthorizationException.class);
      // one person holding two signatory roles signs once (the sponsor's review is assigned to the named sponsor)
      processEngine.getIdentityService().createMembership("evelyn", "cmio");
      driver.engine.complete("evelyn", sponsorTask, LifecycleDriver.vote("GO", null));
      Assertions.assertThatThrownBy(() -> driver.engine.as("evelyn",
              () -> processEngine.getTaskService().claim(cmioTask.getId(), "evelyn")))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("already signed");
    } finally {
      processEngine.getIdentityService().deleteMembership("maria", "cmio");
      processEngine.getIdentityService().deleteMembership("evelyn", "cmio");
    }
    assertThat(review).isWaitingAt(REVIEW);
  }

  @Test
  void a_decision_pending_past_the_sla_escalates_to_the_executive_sponsor() {
    ProcessInstance review = atG0Signatures("EHR-G-SLA", null);
    driver.engine.complete("conrad", reviewTask(review, "cmio"), LifecycleDriver.vote("GO", null));
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(9, ChronoUnit.DAYS)));
    driver.engine.executeDueJobs(review.getId());
    Assertions.assertThat(driver.engine.tasks(review.getId(), CHASE_OVERDUE_DECISION)).as("9 days < 10 business days").isEmpty();
    // 10 business days are 12 to 16 calendar days, depending on the weekday the review opened
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(17, ChronoUnit.DAYS)));
    driver.engine.executeDueJobs(review.getId());
    Task chase = driver.engine.task(review.getId(), CHASE_OVERDUE_DECISION);
    assertThat(chase).as("the project's named sponsor").isAssignedTo("evelyn");
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(chase.getId()))
        .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId).contains("executiveSponsor");
    assertThat(review).variables().containsEntry("gatePendingGroups", "executiveSponsor");
    driver.engine.complete("evelyn", chase, Map.of("escalationNote", "Chased the sponsor office; meeting on Tuesday"));
    Assertions.assertThat(records("EHR-G-SLA", "ESCALATED")).containsExactly("G0/1:null");
    assertThat(review).isWaitingAt(REVIEW);
  }

  @Test
  void an_open_patient_safety_hold_makes_g5_a_no_go() {
    ProcessInstance project = driver.start("EHR-G-HOLD", LifecycleDriver.farGoLive(), false);
    driver.walkThrough(project, "P0", "P1", "P3", "P4");
    Map<String, Object> risk = new HashMap<>();
    risk.put("projectId", "EHR-G-HOLD");
    risk.put("title", "Allergy conversion drops free-text reactions");
    risk.put("category", "PATIENT_SAFETY");
    risk.put("likelihood", 3);
    risk.put("impact", 4);
    driver.engine.as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    driver.completePhase(project, "P5");
    ProcessInstance review = driver.gateReview(project);
    driver.submitEvidence(review, null);
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "gateBlockersText"))
        .contains("held by patient-safety risk RISK-EHR-G-HOLD-1");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
    GateRows.Step decision = gates.steps("EHR-G-HOLD").stream()
        .filter(r -> "G5".equals(r.gateId()) && "DECISION".equals(r.kind())).findFirst().orElseThrow();
    Assertions.assertThat(decision.details()).contains("hardBlockers=1");
  }

  @Test
  void g5_reads_the_recorded_test_rounds_and_uat_sign_offs() {
    ProcessInstance project = driver.start("EHR-G5-RED", LifecycleDriver.farGoLive(), false);
    driver.walkThrough(project, "P0", "P1", "P3", "P4");
    Map<String, Object> rounds = LifecycleDriver.deliverable("UserTask_RunIntegratedTesting");
    rounds.put("testPassRate", 88L);
    rounds.put("openCriticalDefects", 2L);
    String p5 = driver.phase(project, "P5").getId();
    driver.engine.complete("maria", driver.engine.task(p5, "UserTask_RunIntegratedTesting"), rounds);
    driver.engine.complete("irene", driver.engine.task(p5, "UserTask_TestInterfaces"),
        LifecycleDriver.deliverable("UserTask_TestInterfaces"));
    List<Task> uat = driver.engine.tasks(p5, "UserTask_SignOffUat");
    Assertions.assertThat(uat).hasSize(2);
    driver.engine.complete("carla", uat.get(0), LifecycleDriver.deliverable("UserTask_SignOffUat"));
    driver.engine.complete("carla", uat.get(1), Map.of("uatSigned", false, "deliverableDocumentId", "DMS-UAT-9",
        "uatComment", "Medication reconciliation screens fail for pharmacy"));
    ProcessInstance review = driver.gateReview(project);
    driver.submitEvidence(review, null);
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "gateBlockersText"))
        .contains("G5-1 red in the recorded test rounds: pass rate 88% (at least 95% needed), 2 open Critical/High")
        .contains("G5-5 red: UAT not accepted by");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
  }

  @Test
  void whoever_scored_the_readiness_scorecard_cannot_sign_g6() {
    ProcessInstance review = atG6("EHR-G6-SCORER");
    driver.scoreReadiness(review, LifecycleDriver.allGreen());
    processEngine.getIdentityService().createMembership("paula", "steeringCommittee");
    try {
      Task steering = reviewTask(review, "steeringCommittee");
      Assertions.assertThatThrownBy(() -> driver.engine.as("paula",
              () -> processEngine.getTaskService().claim(steering.getId(), "paula")))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("readiness scorecard");
    } finally {
      processEngine.getIdentityService().deleteMembership("paula", "steeringCommittee");
    }
  }

  /** A project at G6: phases done, the HIPAA gate passed, the readiness scorecard waiting. */
  ProcessInstance atG6(String projectId) {
    ProcessInstance review = driver.atG6(projectId);
    assertThat(review).isWaitingAt(SCORE_READINESS);
    return review;
  }

  @Test
  void a_red_hard_readiness_criterion_blocks_go_live() {
    ProcessInstance review = atG6("EHR-G6-RED");
    Map<String, Object> scorecard = LifecycleDriver.allGreen();
    scorecard.put("r04", false);
    driver.scoreReadiness(review, scorecard);
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "readinessSummary"))
        .contains("G6 (").contains(": No go; hard red: R04 Downtime procedures and kits").doesNotContain("NO_GO");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
    ProcessInstance project = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).processInstanceBusinessKey("EHR-G6-RED").singleResult();
    assertThat(project).isWaitingAt(ImplementationLifecycleProcess.Elements.GATE_CALLS.get("G6"))
        .hasNotPassed("SubProcess_P7CutoverGoLive");
    Assertions.assertThat(repository.get("EHR-G6-RED").readinessOutcome()).isEqualTo("NO_GO");
  }

  @Test
  void an_open_extreme_risk_blocks_go_live_and_soft_reds_only_allow_conditions() {
    ProcessInstance review = atG6("EHR-G6-RISK");
    Map<String, Object> risk = new HashMap<>();
    risk.put("projectId", "EHR-G6-RISK");
    risk.put("title", "Interface engine cannot sustain go-live volume");
    risk.put("category", "TECHNICAL");
    risk.put("likelihood", 5);
    risk.put("impact", 5);
    driver.engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    Map<String, Object> scorecard = LifecycleDriver.allGreen();
    scorecard.put("r15", false);
    driver.scoreReadiness(review, scorecard);
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(review.getId(), "gateBlockersText"))
        .contains("risk profile: RISK-EHR-G6-RISK-1 is open at EXTREME").contains("readiness red: R17 No open Extreme risk")
        .contains("soft: readiness red: R15 Labs, billing company, payers and HIE notified of the date");
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    assertThat(review).isWaitingAt(DECIDE_HELD_GATE).variables().containsEntry("gateOutcome", "NO_GO");
  }

  @Test
  void a_valid_hipaa_pass_is_not_repeated_and_a_missing_one_is_required() {
    ProcessInstance project = driver.start("EHR-G6-HIPAA", LifecycleDriver.farGoLive(), false);
    driver.walkThrough(project, "P0", "P1", "P3", "P4", "P5");
    // the security office ran the HIPAA gate on its own before P6 ended
    HipaaGateDriver hipaa = new HipaaGateDriver(processEngine);
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", "EHR-G6-HIPAA");
    variables.put("gateReason", "GO_LIVE");
    variables.put("goLiveDate", LifecycleDriver.farGoLive());
    ProcessInstance standalone = driver.engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(HipaaAuditGateProcess.KEY, variables));
    hipaa.passGate(standalone);
    driver.completePhase(project, "P6");
    assertThat(project).isWaitingAt(ImplementationLifecycleProcess.Elements.GATE_CALLS.get("G6"))
        .hasNotPassed(ImplementationLifecycleProcess.Elements.HIPAA_GATE)
        .variables().containsEntry("hipaaPassValid", true);
  }
}
