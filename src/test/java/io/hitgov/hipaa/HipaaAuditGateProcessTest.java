package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.HitgovSpringTest;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * HipaaAuditGateProcess run for real: the deployed models from processes/ and forms/, the real
 * delegates, DMN tables and tables, each task done by a demo user of the right group.
 */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class HipaaAuditGateProcessTest {

  static final String GO_LIVE = LocalDate.now().plusDays(60).toString();

  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired HipaaGateRepository repository;
  @Autowired HipaaRemediationRepository remediations;
  HipaaGateDriver driver;

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new HipaaGateDriver(processEngine, context);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  String gateId(ProcessInstance instance) {
    return (String) processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("hipaaGateId").singleResult().getValue();
  }

  @Test
  void a_clean_gate_passes_with_two_officials_and_the_sponsor() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-PASS-1", GO_LIVE);
    assertThat(instance).isWaitingAt(SIGN_SECURITY, SIGN_PRIVACY);
    assertThat(instance).variables().containsEntry("hipaaGateClear", true).containsEntry("hipaaSpecCount", 63);

    driver.sign(instance, HipaaGateDriver.SECURITY_SIGNER, HipaaGateDriver.PRIVACY_SIGNER);
    assertThat(instance).isWaitingAt(ACKNOWLEDGE_RESIDUAL_RISK);
    Task acknowledgement = driver.engine.task(instance.getId(), ACKNOWLEDGE_RESIDUAL_RISK);
    assertThat(acknowledgement).as("the project's named sponsor").isAssignedTo("evelyn");
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(acknowledgement.getId()))
        .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId).as("the group stays candidate")
        .contains("executiveSponsor");
    driver.acknowledgeResidualRisk(instance, true);

    assertThat(instance).isEnded().hasPassedInOrder(START, OPEN_GATE, DEFINE_SCOPE, EVALUATE, RECORD_PASSED, END_PASSED)
        .hasNotPassed(OPEN_REMEDIATION).variables().containsEntry("hipaaGateResult", "PASS")
        .containsEntry("hipaaGateExpiresOn", LocalDate.parse(GO_LIVE).plusDays(90).toString());
    var gate = repository.findGate(gateId(instance)).orElseThrow();
    Assertions.assertThat(gate.status()).isEqualTo("PASS");
    Assertions.assertThat(gate.validOn(LocalDate.parse(GO_LIVE))).isTrue();
    Assertions.assertThat(gate.validOn(LocalDate.parse(GO_LIVE).plusDays(91))).as("expired after go-live + 90").isFalse();
    Assertions.assertThat(repository.findSignOffs(gate.gateId())).extracting("role", "userId", "approved")
        .containsExactlyInAnyOrder(
            Assertions.tuple("SECURITY_OFFICIAL", "simon", true),
            Assertions.tuple("PRIVACY_OFFICIAL", "oscar", true),
            Assertions.tuple("EXECUTIVE_SPONSOR", "evelyn", true));
  }

  @Test
  void evidence_tasks_go_to_the_owner_group_of_each_specification() {
    ProcessInstance instance = driver.start("EHR-OWNERS-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    List<Task> tasks = driver.engine.tasks(instance.getId(), SUBMIT_EVIDENCE);
    Assertions.assertThat(tasks).hasSize(63);
    Map<String, String> nameToGroup = new HashMap<>();
    for (Task task : tasks) {
      var links = processEngine.getTaskService().getIdentityLinksForTask(task.getId());
      nameToGroup.put(task.getName(), links.get(0).getGroupId());
    }
    Assertions.assertThat(nameToGroup)
        .containsEntry("EHR-OWNERS-1 · HIPAA evidence 164.308(a)(1)(ii)(A): Risk analysis", "securityOfficer")
        .containsEntry("EHR-OWNERS-1 · HIPAA evidence 164.310(d)(2)(i): Disposal", "facilities")
        .containsEntry("EHR-OWNERS-1 · HIPAA evidence 164.314(a)(2)(i): Business associate contract content", "privacyOfficer")
        .containsEntry("EHR-OWNERS-1 · HIPAA evidence 164.312(a)(2)(iv): Encryption and decryption", "securityOfficer");
    Assertions.assertThat(driver.engine.as("felix", () -> processEngine.getTaskService().createTaskQuery()
        .processInstanceId(instance.getId()).count())).as("facilities sees only its 12 physical safeguards")
        .isEqualTo(12);
  }

  @Test
  void a_required_gap_blocks_and_remediation_then_re_review_passes() {
    ProcessInstance instance = driver.start("EHR-GAP-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, spec -> spec.equals("164.312(b)")
        ? HipaaGateDriver.status("GAP", null, null) : HipaaGateDriver.cleanAnswer(spec));
    engineJobs(instance);

    assertThat(instance).variables().containsEntry("hipaaGateClear", false).containsEntry("hipaaGateResult", "BLOCKED")
        .containsEntry("hipaaBlockedCount", 1);
    assertThat(instance).hasPassed(OPEN_REMEDIATION).isWaitingAt(REMEDIATE_SPECIFICATION);
    Task remediation = driver.engine.task(instance.getId(), REMEDIATE_SPECIFICATION);
    Assertions.assertThat(remediation.getName()).isEqualTo("EHR-GAP-1 · HIPAA remediate 164.312(b): Audit controls");
    Assertions.assertThat(remediation.getDueDate()).isNotNull();
    Assertions.assertThat(LocalDate.ofInstant(remediation.getDueDate().toInstant(), java.time.ZoneId.systemDefault()))
        .isEqualTo(EngineClock.today().plusDays(30));
    assertThat(remediation).hasCandidateGroup("securityOfficer");
    Assertions.assertThat(repository.findGate(gateId(instance)).orElseThrow().status()).isEqualTo("BLOCKED");

    driver.submitEvidence(instance, REMEDIATE_SPECIFICATION, spec -> HipaaGateDriver.evidenced(1));
    assertThat(instance).isWaitingAt(RE_REVIEW);
    driver.engine.complete("simon", driver.engine.task(instance.getId(), RE_REVIEW), Map.of("reReviewDecision", "REEVALUATE"));
    assertThat(instance).isWaitingAt(SIGN_SECURITY, SIGN_PRIVACY).variables().containsEntry("hipaaRound", 2)
        .containsEntry("hipaaGateClear", true);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, true);
    assertThat(instance).isEnded().hasPassed(END_PASSED);
    Assertions.assertThat(repository.findEvidence(gateId(instance)))
        .filteredOn(e -> e.specId().equals("164.312(b)"))
        .extracting(Evidence::round, Evidence::status, Evidence::disposition)
        .containsExactly(Assertions.tuple(1, "GAP", "BLOCK"), Assertions.tuple(1, "EVIDENCED", "PASS"));
  }

  private void engineJobs(ProcessInstance instance) {
    driver.engine.executeDueJobs(instance.getId());
  }

  @Test
  void stale_risk_analysis_blocks_and_the_gate_can_be_closed_blocked() {
    ProcessInstance instance = driver.start("EHR-STALE-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, spec -> spec.equals("164.308(a)(1)(ii)(A)")
        ? HipaaGateDriver.evidenced(400) : HipaaGateDriver.cleanAnswer(spec));

    Evidence riskAnalysis = repository.findLatestEvidence(gateId(instance), "164.308(a)(1)(ii)(A)").orElseThrow();
    Assertions.assertThat(riskAnalysis.disposition()).isEqualTo("BLOCK");
    Assertions.assertThat(riskAnalysis.dispositionReason()).startsWith("Stale evidence");
    Assertions.assertThat(riskAnalysis.evidenceAgeDays()).isEqualTo(400);
    Assertions.assertThat(riskAnalysis.dispositionDecision()).isEqualTo("HipaaSpecDispositionDecision:1");

    assertThat(instance).isWaitingAt(REMEDIATE_SPECIFICATION);
    driver.submitEvidence(instance, REMEDIATE_SPECIFICATION, spec -> HipaaGateDriver.evidenced(500));
    driver.engine.complete("simon", driver.engine.task(instance.getId(), RE_REVIEW), Map.of("reReviewDecision", "CLOSE_BLOCKED"));
    assertThat(instance).isEnded().hasPassed(END_BLOCKED).hasNotPassed(SIGN_SECURITY)
        .variables().containsEntry("hipaaGateResult", "BLOCKED");
    Assertions.assertThat(repository.findGate(gateId(instance)).orElseThrow().status()).isEqualTo("BLOCKED");
  }

  @Test
  void a_risk_analysis_older_than_the_last_material_change_is_stale() {
    ProcessInstance instance = driver.start("EHR-STALE-2", GO_LIVE);
    driver.defineScope(instance, "", EngineClock.today().minusDays(10).toString());
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, spec -> spec.equals("164.308(a)(1)(ii)(A)")
        ? HipaaGateDriver.evidenced(20) : HipaaGateDriver.cleanAnswer(spec));
    Assertions.assertThat(repository.findLatestEvidence(gateId(instance), "164.308(a)(1)(ii)(A)").orElseThrow()
        .disposition()).isEqualTo("BLOCK");
    Assertions.assertThat(repository.findLatestEvidence(gateId(instance), "164.308(a)(1)(ii)(B)").orElseThrow()
        .disposition()).as("only the risk analysis must postdate the change").isEqualTo("PASS");
    assertThat(instance).isWaitingAt(REMEDIATE_SPECIFICATION);
  }

  @Test
  void a_missing_or_expiring_baa_blocks() {
    ProcessInstance instance = driver.start("EHR-BAA-1", GO_LIVE);
    driver.defineScope(instance, "Acme EHR Hosting\nLabCo\nScribeBot", null);
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, HipaaGateDriver::cleanAnswer);
    driver.recordBaas(instance, RECORD_BAA, name -> switch (name) {
      case "LabCo" -> Map.of("baaExecuted", "false", "baaSubcontractorFlowDown", "false");
      case "ScribeBot" -> HipaaGateDriver.executedBaa(LocalDate.parse(GO_LIVE).minusDays(1).toString());
      default -> HipaaGateDriver.executedBaa(null);
    });
    assertThat(instance).variables().containsEntry("hipaaGateClear", false).containsEntry("hipaaBlockedCount", 2);
    String findings = (String) processEngine.getRuntimeService().getVariable(instance.getId(), "hipaaFindings");
    Assertions.assertThat(findings).contains("LabCo is not executed").contains("ScribeBot expires on");
    List<Task> baaRemediations = driver.engine.tasks(instance.getId(), REMEDIATE_BAA);
    Assertions.assertThat(baaRemediations).extracting(Task::getName)
        .containsExactlyInAnyOrder("EHR-BAA-1 · HIPAA remediate BAA: LabCo", "EHR-BAA-1 · HIPAA remediate BAA: ScribeBot");
  }

  @Test
  void one_person_cannot_sign_as_both_officials() {
    IdentityService identity = processEngine.getIdentityService();
    var dual = identity.newUser("dana");
    dual.setPassword("demo");
    identity.saveUser(dual);
    identity.createMembership("dana", "securityOfficer");
    identity.createMembership("dana", "privacyOfficer");
    try {
      ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-DUAL-1", GO_LIVE);
      driver.engine.complete("dana", driver.engine.task(instance.getId(), SIGN_SECURITY),
          Map.of("securitySignOffApproved", "true"));
      Task privacy = driver.engine.task(instance.getId(), SIGN_PRIVACY);
      Assertions.assertThatThrownBy(() -> driver.engine.complete("dana", privacy, Map.of("privacySignOffApproved", "true")))
          .isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("must be two different people");
      assertThat(instance).isWaitingAt(SIGN_PRIVACY);
      driver.engine.complete("oscar", privacy, Map.of("privacySignOffApproved", "true"));
      driver.engine.executeDueJobs(instance.getId());
      assertThat(instance).isWaitingAt(ACKNOWLEDGE_RESIDUAL_RISK);
    } finally {
      identity.deleteUser("dana");
    }
  }

  @Test
  void an_evidence_submitter_can_neither_claim_nor_sign() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-SOD-1", GO_LIVE);
    Task security = driver.engine.task(instance.getId(), SIGN_SECURITY);
    Assertions.assertThatThrownBy(() -> driver.engine.as("sophia",
            () -> processEngine.getTaskService().claim(security.getId(), "sophia")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("submitted evidence");
    Assertions.assertThatThrownBy(() -> driver.engine.complete("sophia", security, Map.of("securitySignOffApproved", "true")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("segregation of duties");
    Assertions.assertThat(repository.findSignOffs(gateId(instance))).isEmpty();
  }

  @Test
  void a_refused_signature_or_residual_risk_opens_an_objection_and_a_re_review() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-REFUSE-1", GO_LIVE);
    driver.engine.complete("simon", driver.engine.task(instance.getId(), SIGN_SECURITY),
        Map.of("securitySignOffApproved", "false", "securitySignOffComment", "Pen test scope too narrow"));
    driver.engine.complete("oscar", driver.engine.task(instance.getId(), SIGN_PRIVACY), Map.of("privacySignOffApproved", "true"));
    driver.engine.executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(OPEN_REMEDIATION).variables()
        .containsEntry("hipaaRemediationCount", 1).containsEntry("hipaaGateResult", "BLOCKED");
    Task objection = driver.engine.task(instance.getId(), "UserTask_ResolveSignOffObjection");
    assertThat(objection).hasCandidateGroup("securityOfficer");
    Assertions.assertThat(objection.getDueDate()).isNotNull();
    Assertions.assertThatThrownBy(() -> driver.engine.complete("sophia", objection, Map.of()))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("objectionResolution is required");
    driver.engine.complete("sophia", objection, Map.of("objectionResolution", "Pen test extended to the FHIR API"));
    var item = remediations.findRemediations(gateId(instance)).get(0);
    Assertions.assertThat(item.kind()).isEqualTo("OBJECTION");
    Assertions.assertThat(item.finding()).contains("SECURITY_OFFICIAL simon refused: Pen test scope too narrow");
    Assertions.assertThat(item.resolvedBy()).isEqualTo("sophia");

    driver.engine.complete("simon", driver.engine.task(instance.getId(), RE_REVIEW), Map.of("reReviewDecision", "REEVALUATE"));
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, false);
    Task sponsorObjection = driver.engine.task(instance.getId(), "UserTask_ResolveSignOffObjection");
    assertThat(sponsorObjection).as("the security office coordinates the sponsor's objection")
        .hasCandidateGroup("securityOfficer");
  }

  @Test
  void an_overdue_remediation_is_chased_by_the_security_office() {
    ProcessInstance instance = driver.start("EHR-OVERDUE-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, spec -> spec.equals("164.310(b)")
        ? HipaaGateDriver.status("GAP", null, null) : HipaaGateDriver.cleanAnswer(spec));
    Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .singleResult();
    Assertions.assertThat(LocalDate.ofInstant(timer.getDuedate().toInstant(), java.time.ZoneId.systemDefault()))
        .isEqualTo(EngineClock.today().plusDays(30));

    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
    driver.engine.executeDueJobs(instance.getId());
    Task chase = driver.engine.task(instance.getId(), CHASE_REMEDIATION);
    assertThat(chase).hasCandidateGroup("securityOfficer");
    assertThat(instance).isWaitingAt(REMEDIATE_SPECIFICATION, CHASE_REMEDIATION);
  }

  @Test
  void invalid_evidence_is_refused_naming_the_field_and_nothing_is_recorded() {
    ProcessInstance instance = driver.start("EHR-INVALID-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    Task task = driver.engine.tasks(instance.getId(), SUBMIT_EVIDENCE).stream()
        .filter(t -> t.getName().contains("HIPAA evidence 164.308(a)(2):")).findFirst().orElseThrow();
    Map<String, Object> bad = new HashMap<>(HipaaGateDriver.evidenced(1));
    bad.put("evidenceStatus", "MAYBE");
    bad.put("evidenceDocumentHash", "not-a-hash");
    bad.put("evidenceDate", "2025-13-45");
    Assertions.assertThatThrownBy(() -> driver.engine.complete("sophia", task, bad))
        .isInstanceOf(InvalidVariablesException.class)
        .hasMessageContaining("evidenceStatus 'MAYBE'")
        .hasMessageContaining("evidenceDocumentHash")
        .hasMessageContaining("evidenceDate");
    Assertions.assertThat(repository.findEvidence(gateId(instance))).isEmpty();
    Assertions.assertThat(processEngine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void a_go_live_gate_needs_a_registered_project() {
    long before = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(HipaaAuditGateProcess.KEY).count();
    Assertions.assertThatThrownBy(() -> driver.engine.as("paula", () -> processEngine.getRuntimeService()
            .startProcessInstanceByKey(HipaaAuditGateProcess.KEY, Map.of("gateReason", "GO_LIVE"))))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("projectId is required");
    Assertions.assertThatThrownBy(() -> driver.engine.as("paula", () -> processEngine.getRuntimeService()
            .startProcessInstanceByKey(HipaaAuditGateProcess.KEY, Map.of("projectId", "EHR-X"))))
        .as("a registered project would lend its go-live date; an unknown one is refused")
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("projectId 'EHR-X' is not a known project");
    Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(HipaaAuditGateProcess.KEY).count()).isEqualTo(before);
  }

  @Test
  void a_caller_receives_the_result_through_a_call_activity() {
    var caller = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("GateCallerFixtureProcess")
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent()
        .callActivity("CallActivity_PassHipaaAuditGate").calledElement(HipaaAuditGateProcess.KEY)
          .camundaIn("projectId", "projectId").camundaIn("goLiveDate", "goLiveDate")
          .camundaOut("hipaaGateResult", "hipaaGateResult")
        .userTask("UserTask_AfterGate").camundaCandidateGroups("pmo")
        .endEvent()
        .done();
    processEngine.getRepositoryService().createDeployment().addModelInstance("GateCallerFixtureProcess.bpmn", caller)
        .deploy();
    io.hitgov.support.Projects.register(context, "EHR-CALL-1");
    ProcessInstance parent = processEngine.getRuntimeService().startProcessInstanceByKey("GateCallerFixtureProcess",
        Map.of("projectId", "EHR-CALL-1", "goLiveDate", GO_LIVE, "budget", 5_000_000L));
    ProcessInstance gate = processEngine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(parent.getId()).singleResult();
    Assertions.assertThat(gate).as("the gate runs as a called process; extra caller variables are not passed").isNotNull();

    driver.defineScope(gate, "", null);
    driver.submitEvidence(gate, SUBMIT_EVIDENCE, HipaaGateDriver::cleanAnswer);
    driver.sign(gate, "simon", "oscar");
    driver.acknowledgeResidualRisk(gate, true);

    assertThat(parent).isWaitingAt("UserTask_AfterGate").variables().containsEntry("hipaaGateResult", "PASS");
  }

  @Test
  void engine_history_cleanup_leaves_the_gate_records_alone() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-RETAIN-1", GO_LIVE);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, true);
    String gateId = gateId(instance);
    var history = processEngine.getHistoryService();
    Assertions.assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);

    // Twelve years on, beyond the engine history TTL (P4018D, counted from the start): the nightly cleanup removes engine history.
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(12 * 366))));
    String cleanupJob = history.cleanUpHistoryAsync(true).getId();
    for (int run = 0; run < 10 && processEngine.getManagementService().createJobQuery().jobId(cleanupJob).count() > 0
        && history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0; run++) {
      processEngine.getManagementService().executeJob(cleanupJob);
    }
    Assertions.assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .as("engine history is cleaned up").isZero();

    Assertions.assertThat(repository.findGate(gateId).orElseThrow().status()).isEqualTo("PASS");
    Assertions.assertThat(repository.findEvidence(gateId)).hasSize(63);
    Assertions.assertThat(repository.findSignOffs(gateId)).hasSize(3);
    Assertions.assertThat(repository.findBaas(gateId)).isNotEmpty();
  }

  @Test
  void only_a_member_of_the_role_group_can_sign_even_an_operator_cannot() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-ROLE-1", GO_LIVE);
    Task security = driver.engine.task(instance.getId(), SIGN_SECURITY);
    Assertions.assertThatThrownBy(() -> driver.engine.complete("admin", security, Map.of("securitySignOffApproved", true)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("is not in group securityOfficer");
    Assertions.assertThat(repository.findSignOffs(gateId(instance))).isEmpty();
  }

  @Test
  void a_new_round_does_not_reuse_the_last_rounds_signature() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-ROUND-1", GO_LIVE);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, false);
    driver.engine.complete("sophia", driver.engine.task(instance.getId(), "UserTask_ResolveSignOffObjection"),
        Map.of("objectionResolution", "Board briefed"));
    driver.engine.complete("simon", driver.engine.task(instance.getId(), RE_REVIEW), Map.of("reReviewDecision", "REEVALUATE"));
    Task security = driver.engine.task(instance.getId(), SIGN_SECURITY);
    Assertions.assertThatThrownBy(() -> driver.engine.complete("simon", security, Map.of()))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("securitySignOffApproved is required");
  }

  @Test
  void evidence_that_went_stale_during_remediation_blocks_at_re_evaluation() {
    ProcessInstance instance = driver.start("EHR-AGE-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, spec -> switch (spec) {
      case "164.312(b)" -> HipaaGateDriver.status("GAP", null, null);
      case "164.308(a)(1)(ii)(A)" -> HipaaGateDriver.evidenced(350);
      default -> HipaaGateDriver.cleanAnswer(spec);
    });
    driver.submitEvidence(instance, REMEDIATE_SPECIFICATION, spec -> HipaaGateDriver.evidenced(1));
    // Remediation took a month: the risk analysis passed when decided, but is now 380 days old.
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(30))));
    driver.engine.complete("simon", driver.engine.task(instance.getId(), RE_REVIEW), Map.of("reReviewDecision", "REEVALUATE"));
    assertThat(instance).variables().containsEntry("hipaaGateClear", false);
    String findings = (String) processEngine.getRuntimeService().getVariable(instance.getId(), "hipaaFindings");
    Assertions.assertThat(findings).contains("164.308(a)(1)(ii)(A): Stale evidence at evaluation");
  }

  @Test
  void a_material_change_reported_while_the_gate_runs_applies_to_it() {
    ProcessInstance instance = driver.start("EHR-CHANGE-1", GO_LIVE);
    driver.defineScope(instance, "", null);
    HipaaPassValidity service = org.springframework.test.util.AopTestUtils.getTargetObject(gateService);
    service.recordMaterialChange("EHR-CHANGE-1", "New hosting provider");
    driver.submitEvidence(instance, SUBMIT_EVIDENCE, HipaaGateDriver::cleanAnswer);
    Assertions.assertThat(repository.findLatestEvidence(gateId(instance), "164.308(a)(1)(ii)(A)").orElseThrow()
        .disposition()).as("a 30-day-old risk analysis predates today's change").isEqualTo("BLOCK");
  }

  @Autowired HipaaPassValidity gateService;
}
