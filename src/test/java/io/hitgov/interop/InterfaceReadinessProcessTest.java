package io.hitgov.interop;

import static io.hitgov.interop.InterfaceReadinessProcess.Elements.DOCUMENT_MAPPING;
import static io.hitgov.interop.InterfaceReadinessProcess.Elements.END_READY;
import static io.hitgov.interop.InterfaceReadinessProcess.Elements.EVALUATE;
import static io.hitgov.interop.InterfaceReadinessProcess.Elements.RUN_TEST_ROUND;
import static io.hitgov.interop.InterfaceReadinessProcess.Elements.SIGN_CMIO;
import static io.hitgov.interop.InterfaceReadinessProcess.Elements.SIGN_INTEGRATION;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * InterfaceReadinessProcess from registration to signed test results: the mapping, test rounds
 * until one passes, the four-eyes sign-off by the integration lead and the CMIO, a declined
 * sign-off, and the re-test an approved change request naming the interface requires.
 */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class InterfaceReadinessProcessTest {

  /** Who decides each change approval group (never the requester tina; the sponsor's approval goes to the named sponsor). */
  static final Map<String, String> DECIDERS = Map.ofEntries(Map.entry("projectManagers", "mike"),
      Map.entry("pmo", "peter"), Map.entry("finance", "frank"), Map.entry("steeringCommittee", "steve"),
      Map.entry("executiveSponsor", "evelyn"), Map.entry("cmio", "conrad"), Map.entry("patientSafety", "pat"),
      Map.entry("securityOfficer", "simon"), Map.entry("privacyOfficer", "oscar"),
      Map.entry("changeAdvisoryBoard", "cathy"), Map.entry("integration", "ivan"));

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  Http http;
  Engine engine;

  @BeforeEach
  void setUp() {
    init(processEngine);
    http = Http.on(port);
    engine = new Engine(processEngine);
    io.hitgov.support.Projects.register(context, "EHR-IFR-1", "EHR-IFR-2", "EHR-IFR-3");
  }

  ProcessInstance register(String projectId, String interfaceId, boolean clinical) {
    Map<String, Object> body = InterfaceApiTest.hl7Interface(interfaceId);
    body.put("clinical", clinical);
    Http.Response created = http.as("maria").postJson("/api/projects/" + projectId + "/interfaces", Http.json(body));
    Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return instance(created.json().get("processInstanceId").asText());
  }

  ProcessInstance instance(String id) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  void upload(String projectId, String interfaceId, String user, List<String> messages) {
    Http.Response answer = http.as(user).postJson("/api/projects/" + projectId + "/interfaces/" + interfaceId
        + "/test-messages", InterfaceApiTest.round("TEST", messages));
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  JsonNode readiness(String projectId, String interfaceId) {
    return http.as("paula").get("/api/projects/" + projectId + "/interfaces/" + interfaceId).json().get("readiness");
  }

  void map(ProcessInstance readiness) {
    engine.complete("irene", engine.task(readiness.getId(), DOCUMENT_MAPPING),
        Map.of("mappingSpecReference", "IF-SPEC-12 v3", "crosswalkReference", "LAB-LOINC-XW v2"));
  }

  /** Registered, mapped and a passed round uploaded by irene: waiting for the integration lead. */
  ProcessInstance passedRound(String projectId, String interfaceId, boolean clinical) {
    ProcessInstance readiness = register(projectId, interfaceId, clinical);
    map(readiness);
    upload(projectId, interfaceId, "irene", List.of(Samples.adtA01("T"), Samples.oruR01("T")));
    engine.complete("irene", engine.task(readiness.getId(), RUN_TEST_ROUND), Map.of());
    assertThat(readiness).isWaitingAt(SIGN_INTEGRATION);
    return readiness;
  }

  static Map<String, Object> sign(boolean approved, String comment) {
    Map<String, Object> v = new HashMap<>();
    v.put("signOffApproved", approved ? "true" : "false");
    v.put("signOffComment", comment);
    return v;
  }

  @Test
  void a_clinical_interface_is_ready_after_a_passed_round_signed_by_two_other_people() {
    ProcessInstance readiness = register("EHR-IFR-1", "LAB", true);
    Assertions.assertThat(readiness.getBusinessKey()).isEqualTo("IFR-EHR-IFR-1-LAB-1");
    assertThat(readiness).isWaitingAt(DOCUMENT_MAPPING);
    map(readiness);
    Assertions.assertThat(http.as("paula").get("/api/projects/EHR-IFR-1/interfaces/LAB").json()
        .get("mappingSpecReference").asText()).isEqualTo("IF-SPEC-12 v3");

    // nothing uploaded yet, then a failing round: the process keeps asking for a test round
    engine.complete("irene", engine.task(readiness.getId(), RUN_TEST_ROUND), Map.of());
    assertThat(readiness).hasPassed(EVALUATE).isWaitingAt(RUN_TEST_ROUND);
    upload("EHR-IFR-1", "LAB", "irene", List.of(Samples.adtA01("T"), Samples.adtWithoutPid()));
    engine.complete("irene", engine.task(readiness.getId(), RUN_TEST_ROUND), Map.of());
    assertThat(readiness).isWaitingAt(RUN_TEST_ROUND).variables().containsEntry("testRoundPassed", false);
    Assertions.assertThat(readiness("EHR-IFR-1", "LAB").get("reason").asText())
        .contains("1 of 2 messages invalid");

    upload("EHR-IFR-1", "LAB", "irene", List.of(Samples.adtA01("T"), Samples.oruR01("T")));
    engine.complete("irene", engine.task(readiness.getId(), RUN_TEST_ROUND), Map.of());
    assertThat(readiness).isWaitingAt(SIGN_INTEGRATION);

    // the uploader never signs; another integration lead does, then the CMIO (not the same person)
    Task integration = engine.task(readiness.getId(), SIGN_INTEGRATION);
    Assertions.assertThatThrownBy(() -> engine.complete("irene", integration, sign(true, null)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("cannot sign it (four-eyes)");
    engine.complete("ivan", integration, sign(true, "Both sides read the results correctly"));
    assertThat(readiness).isWaitingAt(SIGN_CMIO);
    Assertions.assertThat(readiness("EHR-IFR-1", "LAB").get("reason").asText())
        .contains("not signed by the CMIO");
    processEngine.getIdentityService().createMembership("ivan", "cmio");
    try {
      Assertions.assertThatThrownBy(() -> engine.complete("ivan", engine.task(readiness.getId(), SIGN_CMIO),
          sign(true, null))).isInstanceOf(AuthorizationException.class).hasMessageContaining("another person");
    } finally {
      processEngine.getIdentityService().deleteMembership("ivan", "cmio");
    }
    engine.complete("carla", engine.task(readiness.getId(), SIGN_CMIO), sign(true, null));
    assertThat(readiness).isEnded().hasPassed(END_READY);
    Assertions.assertThat(readiness("EHR-IFR-1", "LAB").get("status").asText()).isEqualTo("READY");
  }

  @Test
  void a_declined_sign_off_needs_a_reason_and_asks_for_a_new_round() {
    ProcessInstance readiness = passedRound("EHR-IFR-2", "ADT", false);
    Task integration = engine.task(readiness.getId(), SIGN_INTEGRATION);
    Assertions.assertThatThrownBy(() -> engine.complete("ivan", integration, sign(false, null)))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("signOffComment is required");
    engine.complete("ivan", integration, sign(false, "The receiver maps PV1-3 to the wrong unit"));
    assertThat(readiness).isWaitingAt(RUN_TEST_ROUND);
    Assertions.assertThat(readiness("EHR-IFR-2", "ADT").get("status").asText()).isEqualTo("NOT_READY");
    // a non-clinical interface is ready with the integration lead's signature alone
    upload("EHR-IFR-2", "ADT", "ivan", List.of(Samples.adtA01("T")));
    engine.complete("ivan", engine.task(readiness.getId(), RUN_TEST_ROUND), Map.of());
    engine.complete("irene", engine.task(readiness.getId(), SIGN_INTEGRATION), sign(true, null));
    assertThat(readiness).isEnded().hasNotPassed(SIGN_CMIO);
  }

  @Test
  void an_approved_change_naming_the_interface_requires_a_re_test() {
    ProcessInstance first = passedRound("EHR-IFR-3", "ORU", false);
    engine.complete("ivan", engine.task(first.getId(), SIGN_INTEGRATION), sign(true, null));
    assertThat(first).isEnded();
    Assertions.assertThat(readiness("EHR-IFR-3", "ORU").get("status").asText()).isEqualTo("READY");

    Map<String, Object> change = new HashMap<>();
    change.put("projectId", "EHR-IFR-3");
    change.put("title", "Send results with the new LOINC codes");
    change.put("changeType", "NORMAL");
    change.put("costImpact", 0);
    change.put("scheduleImpactDays", 0);
    change.put("movesGoLive", false);
    change.put("clinicalContentImpact", false);
    change.put("patientSafetyImpact", false);
    change.put("phiImpact", false);
    change.put("interfaceImpact", true);
    change.put("affectedInterfaceIds", List.of("ORU", "NOPE"));
    Http.Response unknown = http.as("tina").postJson("/api/change-requests", Http.json(change));
    Assertions.assertThat(unknown.status()).isEqualTo(400);
    Assertions.assertThat(unknown.body()).contains("affectedInterfaceIds [NOPE] are not interfaces of project EHR-IFR-3");
    change.put("affectedInterfaceIds", List.of("ORU"));
    Http.Response raised = http.as("tina").postJson("/api/change-requests", Http.json(change));
    Assertions.assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
    ProcessInstance cr = instance(raised.json().get("processInstanceId").asText());

    Map<String, Object> assessment = new HashMap<>();
    assessment.put("criticalPath", false);
    assessment.put("movesGate", false);
    assessment.put("scopeChange", "NONE");
    assessment.put("newFunding", false);
    assessment.put("crossesFiscalYear", false);
    assessment.put("changesCapitalOperatingSplit", false);
    assessment.put("changeRisk", "LOW");
    assessment.put("implementationPlan", "Deploy in the Tuesday window");
    assessment.put("backoutPlan", "Restore the previous code map");
    engine.complete("mike", engine.task(cr.getId(), ChangeRequestProcess.Elements.ASSESS), assessment);
    Assertions.assertThat(processEngine.getRuntimeService().getVariable(cr.getId(), "requiredApprovals").toString())
        .as("interface changes are routed to integration (C15)").contains("integration");
    for (Task task : engine.tasks(cr.getId(), ChangeRequestProcess.Elements.APPROVE)) {
      String group = processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
          .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
      engine.complete(DECIDERS.get(group), task, Map.of("approved", true, "decisionComment", "Fine"));
    }
    Assertions.assertThat(processEngine.getRuntimeService().getVariable(cr.getId(), "changeOutcome"))
        .isEqualTo("APPROVED");

    JsonNode after = readiness("EHR-IFR-3", "ORU");
    Assertions.assertThat(after.get("status").asText()).isEqualTo("NOT_READY");
    Assertions.assertThat(after.get("reason").asText()).startsWith("no test round since change CR-EHR-IFR-3-");
    ProcessInstance retest = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(InterfaceReadinessProcess.KEY).processInstanceBusinessKey("IFR-EHR-IFR-3-ORU-2")
        .singleResult();
    assertThat(retest).isWaitingAt(DOCUMENT_MAPPING);
    map(retest);
    upload("EHR-IFR-3", "ORU", "irene", List.of(Samples.oruR01("T")));
    engine.complete("irene", engine.task(retest.getId(), RUN_TEST_ROUND), Map.of());
    engine.complete("ivan", engine.task(retest.getId(), SIGN_INTEGRATION), sign(true, null));
    Assertions.assertThat(readiness("EHR-IFR-3", "ORU").get("status").asText()).isEqualTo("READY");
  }
}
