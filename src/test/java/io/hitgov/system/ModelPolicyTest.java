package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deployed models cannot run code (docs/model-policy.md). Every hostile model an outside probe
 * used is refused at deployment with 400 naming the element and the rule, sent as a PMO through
 * {@code /engine-rest/deployment/create} exactly as Camunda Modeler does; and the same expressions,
 * forced into the engine past validation, still cannot reach the engine, reflection or the OS.
 */
@HitgovSpringTest
class ModelPolicyTest {

  static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "hitgov-model-policy-probe");
  static final String RCE = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
      + ".exec('touch " + MARKER + "')}";
  static final String SELF_GRANT = "${execution.getProcessEngineServices().getIdentityService()"
      + ".createMembership('paula', 'camunda-admin')}";

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfiguration engineConfiguration;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() throws Exception {
    http = Http.on(port);
    Files.deleteIfExists(MARKER);
  }

  static String bpmn(String processId, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"x\">"
        + "<bpmn:process id=\"" + processId + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P4018D\">"
        + body + "</bpmn:process></bpmn:definitions>";
  }

  static String serviceTask(String attributes) {
    return "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:serviceTask id=\"ServiceTask_Probe\" " + attributes
        + "/><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"ServiceTask_Probe\"/>";
  }

  static String timerStart(String expressionTask) {
    return "<bpmn:startEvent id=\"StartEvent_Timer\"><bpmn:timerEventDefinition id=\"Timer_1\">"
        + "<bpmn:timeCycle>R/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>"
        + "<bpmn:serviceTask id=\"ServiceTask_Probe\" camunda:expression=\"" + expressionTask + "\"/>"
        + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_Timer\" targetRef=\"ServiceTask_Probe\"/>";
  }

  static String dmn(String expressionLanguage, String text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" id=\"d\" name=\"d\" namespace=\"x\">"
        + "<decision id=\"ProbeDecision\" name=\"Probe\" camunda:historyTimeToLive=\"P4018D\">"
        + "<literalExpression id=\"e\" expressionLanguage=\"" + expressionLanguage + "\"><text>" + text
        + "</text></literalExpression></decision></definitions>";
  }

  /** A lifecycle tailoring table with the given outputs and one row. */
  static String tailoring(String outputs, String entries) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" id=\"d\" name=\"d\" namespace=\"x\">"
        + "<decision id=\"LifecycleTailoringDecision\" name=\"Tailoring\" camunda:historyTimeToLive=\"P4018D\">"
        + "<decisionTable id=\"DecisionTable_1\" hitPolicy=\"UNIQUE\"><input id=\"Input_1\">"
        + "<inputExpression id=\"InputExpression_1\" typeRef=\"string\"><text>projectType</text></inputExpression></input>"
        + outputs + "<rule id=\"Rule_Small\"><inputEntry id=\"UnaryTests_1\"><text>\"SMALL_APPLICATION\"</text></inputEntry>"
        + entries + "</rule></decisionTable></decision></definitions>";
  }

  static String call(String id, String process, String gate) {
    return "<bpmn:callActivity id=\"" + id + "\" calledElement=\"" + process + "\">" + (gate == null ? ""
        : "<bpmn:extensionElements><camunda:in sourceExpression=\"" + gate + "\" target=\"gateId\"/></bpmn:extensionElements>")
        + "</bpmn:callActivity>";
  }

  static Stream<Arguments> hostileModels() {
    return Stream.of(
        Arguments.of("juel script task", "Probe.bpmn", bpmn("ProbeScript",
            "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:scriptTask id=\"ScriptTask_Probe\" scriptFormat=\"juel\">"
                + "<bpmn:script>" + RCE + "</bpmn:script></bpmn:scriptTask>"), "ScriptTask_Probe", "script"),
        Arguments.of("javascript script listener", "Probe.bpmn", bpmn("ProbeListener",
            "<bpmn:startEvent id=\"StartEvent_1\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                + "<camunda:script scriptFormat=\"javascript\">java.lang.System.exit(1)</camunda:script>"
                + "</camunda:executionListener></bpmn:extensionElements></bpmn:startEvent>"), "StartEvent_1", "script"),
        Arguments.of("script condition", "Probe.bpmn", bpmn("ProbeCondition",
            "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:endEvent id=\"EndEvent_1\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"EndEvent_1\">"
                + "<bpmn:conditionExpression xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">true</bpmn:conditionExpression>"
                + "</bpmn:sequenceFlow>"), "conditionExpression", "script"),
        Arguments.of("self-grant through execution", "Probe.bpmn", bpmn("ProbeGrant",
            serviceTask("camunda:expression=\"" + SELF_GRANT + "\"")), "ServiceTask_Probe", "execution"),
        Arguments.of("Runtime.exec through reflection", "Probe.bpmn", bpmn("ProbeExec",
            serviceTask("camunda:expression=\"" + RCE + "\"")), "ServiceTask_Probe", "not allowed"),
        Arguments.of("engine service bean", "Probe.bpmn", bpmn("ProbeBean",
            serviceTask("camunda:expression=\"${identityService.createMembership('paula','camunda-admin')}\"")),
            "ServiceTask_Probe", "not callable from models"),
        Arguments.of("another process's delegate", "Probe.bpmn", bpmn("ProbeClose",
            serviceTask("camunda:delegateExpression=\"${closeRiskDelegate}\"")), "ServiceTask_Probe",
            "serves [RiskEscalationProcess]"),
        Arguments.of("camunda:class", "Probe.bpmn", bpmn("ProbeClass",
            serviceTask("camunda:class=\"java.lang.Runtime\"")), "ServiceTask_Probe", "camunda:class is not allowed"),
        Arguments.of("timer start event", "Probe.bpmn", bpmn("ProbeTimer", timerStart("${true}")),
            "StartEvent_Timer", "start event starts the process without a user"),
        Arguments.of("user task in a process kept out of history", "NotificationDeliveryProcess.bpmn",
            bpmn("NotificationDeliveryProcess", "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:userTask id=\"UserTask_Hidden\" "
                + "camunda:candidateGroups=\"pmo\"/><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" "
                + "targetRef=\"UserTask_Hidden\"/>"),
            "UserTask_Hidden", "userTask in NotificationDeliveryProcess, a process kept out of the engine's history"),
        Arguments.of("call activity in a process kept out of history", "NotificationDeliveryProcess.bpmn",
            bpmn("NotificationDeliveryProcess", "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:callActivity id=\"CallActivity_Hidden\" "
                + "calledElement=\"ChangeRequestProcess\"/><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" "
                + "targetRef=\"CallActivity_Hidden\"/>"),
            "CallActivity_Hidden", "callActivity in NotificationDeliveryProcess"),
        Arguments.of("message catch in a process kept out of history", "NotificationDeliveryProcess.bpmn",
            bpmn("NotificationDeliveryProcess", "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:intermediateCatchEvent "
                + "id=\"Event_Steer\"><bpmn:messageEventDefinition id=\"Message_Steer\"/></bpmn:intermediateCatchEvent>"
                + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"Event_Steer\"/>"),
            "Message_Steer", "messageEventDefinition in NotificationDeliveryProcess"),
        Arguments.of("connector", "Probe.bpmn", bpmn("ProbeConnector",
            "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:serviceTask id=\"ServiceTask_Http\"><bpmn:extensionElements>"
                + "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
                + "</bpmn:extensionElements></bpmn:serviceTask>"), "ServiceTask_Http", "connectors are not allowed"),
        Arguments.of("external task topic", "Probe.bpmn", bpmn("ProbeExternal",
            serviceTask("camunda:type=\"external\" camunda:topic=\"exfiltrate\"")), "ServiceTask_Probe", "topic"),
        Arguments.of("history below retention", "Probe.bpmn", bpmn("ProbeTtl", "<bpmn:startEvent id=\"StartEvent_1\"/>")
            .replace("P4018D", "P30D"), "ProbeTtl", "below the retention minimum"),
        Arguments.of("DMN in juel", "Probe.dmn", dmn("juel", "${''.getClass().forName('java.lang.System').getProperty('user.home')}"),
            "e", "FEEL only"),
        Arguments.of("DMN in javascript", "Probe.dmn", dmn("javascript", "java.lang.System.getProperty('user.home')"),
            "e", "FEEL only"),
        Arguments.of("lifecycle without the HIPAA gate", "ImplementationLifecycleProcess.bpmn",
            bpmn("ImplementationLifecycleProcess", "<bpmn:startEvent id=\"StartEvent_1\"/>"),
            "ImplementationLifecycleProcess", "HipaaAuditGateProcess"),
        Arguments.of("lifecycle reaching go-live around G6", "ImplementationLifecycleProcess.bpmn",
            bpmn("ImplementationLifecycleProcess", "<bpmn:startEvent id=\"StartEvent_1\"/>"
                + "<bpmn:exclusiveGateway id=\"Gateway_Small\"/>"
                + call("CallActivity_HipaaAuditGate", "HipaaAuditGateProcess", null)
                + call("CallActivity_G6", "StageGateReviewProcess", "G6")
                + call("CallActivity_P7", "LifecycleP7CutoverGoLiveProcess", null)
                + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"Gateway_Small\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Gateway_Small\" targetRef=\"CallActivity_HipaaAuditGate\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_3\" sourceRef=\"CallActivity_HipaaAuditGate\" targetRef=\"CallActivity_G6\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_4\" sourceRef=\"CallActivity_G6\" targetRef=\"CallActivity_P7\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_5\" sourceRef=\"Gateway_Small\" targetRef=\"CallActivity_P7\"/>"),
            "CallActivity_P7", "without passing the call of StageGateReviewProcess for gate G6"),
        Arguments.of("tailoring that skips G6", "LifecycleTailoringDecision.dmn", tailoring(
            "<output id=\"Output_RunP2\" name=\"runP2\" typeRef=\"boolean\"/><output id=\"Output_SkipG6\" name=\"skipG6\" typeRef=\"boolean\"/>",
            "<outputEntry id=\"LiteralExpression_1\"><text>false</text></outputEntry>"
                + "<outputEntry id=\"LiteralExpression_2\"><text>true</text></outputEntry>"),
            "Output_SkipG6", "not a tailoring output"),
        Arguments.of("tailoring that drops the HIPAA readiness criterion", "LifecycleTailoringDecision.dmn", tailoring(
            "<output id=\"Output_NotApplicable\" name=\"readinessNotApplicable\" typeRef=\"string\"/>",
            "<outputEntry id=\"LiteralExpression_1\"><text>\"R07,R01\"</text></outputEntry>"),
            "Rule_Small", "names R01"),
        Arguments.of("XXE", "Probe.bpmn", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + bpmn("ProbeXxe", "<bpmn:startEvent id=\"StartEvent_1\" name=\"&x;\"/>").substring(38), null, "DOCTYPE"),
        Arguments.of("CMMN", "Probe.cmmn", "<definitions/>", null, "only .bpmn, .dmn and .form"),
        Arguments.of("unparsable BPMN", "Probe.bpmn", "<bpmn:definitions", null, "not a well-formed XML model"));
  }

  @ParameterizedTest(name = "{0} is refused with 400")
  @MethodSource("hostileModels")
  void a_hostile_model_is_refused_at_deployment(String what, String resource, String content, String element,
      String rule) {
    long deployments = repositoryService.createDeploymentQuery().count();
    long pending = jdbc.queryForObject("select count(*) from model_deployment", Long.class);

    Http.Response response = http.as("paula").deployBytes("probe", Map.of(resource, content.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    String message = response.json().get("message").asText();
    assertThat(message).contains("Model refused").contains(resource).contains(rule);
    if (element != null) {
      assertThat(message).contains(element);
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(jdbc.queryForObject("select count(*) from model_deployment", Long.class))
        .as("a refused model is not even queued for approval").isEqualTo(pending);
    assertThat(identityService.createUserQuery().userId("paula").memberOfGroup("camunda-admin").count()).isZero();
    assertThat(MARKER).doesNotExist();
  }

  @Test
  void a_model_over_the_size_limit_is_refused() {
    String padding = "<!--" + "x".repeat(2_200_000) + "-->";
    Http.Response response = http.as("paula").deployBytes("probe",
        Map.of("Big.bpmn", bpmn("ProbeBig", "<bpmn:startEvent id=\"StartEvent_1\"/>" + padding).getBytes(StandardCharsets.UTF_8)));
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains("Big.bpmn").contains("at most 2097152 bytes");
  }

  /**
   * The second wall: a model forced into the engine without validation (here, a valid model whose
   * stored bytes are replaced in the database, as a model deployed by an older release would be)
   * still cannot reach engine services, reflection or another process's delegates.
   */
  @Test
  void expressions_forced_past_validation_still_cannot_reach_the_engine_or_the_os() {
    assertForcedModelFails("ForcedGrant", serviceTask("camunda:expression=\"" + SELF_GRANT + "\""));
    assertForcedModelFails("ForcedExec", serviceTask("camunda:expression=\"" + RCE + "\""));
    assertForcedModelFails("ForcedClose", serviceTask("camunda:delegateExpression=\"${closeRiskDelegate}\""));
    assertForcedModelFails("ForcedScript", "<bpmn:startEvent id=\"StartEvent_1\"/><bpmn:scriptTask id=\"ServiceTask_Probe\" "
        + "scriptFormat=\"juel\"><bpmn:script>" + SELF_GRANT + "</bpmn:script></bpmn:scriptTask>"
        + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"ServiceTask_Probe\"/>");
    assertThat(identityService.createUserQuery().userId("paula").memberOfGroup("camunda-admin").count()).isZero();
    assertThat(MARKER).doesNotExist();
  }

  private void assertForcedModelFails(String key, String hostileBody) {
    String harmless = bpmn(key, serviceTask("camunda:expression=\"${true}\""));
    Http.Response deployed = http.as("admin").deployBytes(key, Map.of(key + ".bpmn", harmless.getBytes(StandardCharsets.UTF_8)));
    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
    jdbc.update("update ACT_GE_BYTEARRAY set BYTES_ = ? where NAME_ = ?",
        bpmn(key, hostileBody).getBytes(StandardCharsets.UTF_8), key + ".bpmn");
    ((ProcessEngineConfigurationImpl) engineConfiguration).getDeploymentCache().discardProcessDefinitionCache();

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key)).as(key)
        .satisfiesAnyOf(
            e -> assertThat(e).hasStackTraceContaining("Expression refused"),
            e -> assertThat(e).hasStackTraceContaining("Scripts are disabled"),
            e -> assertThat(e).hasStackTraceContaining("Cannot resolve"),
            e -> assertThat(e).hasStackTraceContaining("Cannot find method"),
            e -> assertThat(e).hasStackTraceContaining("Unknown property"));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void filter_expressions_reach_only_the_current_user_groups_and_dates() {
    assertThat(http.as("paula").postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"mine\",\"query\":{}}").status())
        .as("a PMO may not create task filters").isEqualTo(403);

    Http.Response created = http.as("admin").postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"probe\",\"query\":{\"assigneeExpression\":\"" + SELF_GRANT.replace("'", "\\u0027")
            + "\"}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    Http.Response listed = http.as("admin").get("/engine-rest/filter/" + created.json().get("id").asText() + "/list");
    assertThat(listed.status()).as(listed.toString()).isNotEqualTo(200);
    assertThat(identityService.createUserQuery().userId("paula").memberOfGroup("camunda-admin").count()).isZero();

    Http.Response dated = http.as("admin").postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"due soon\",\"query\":{\"dueBeforeExpression\":\"${dateTime().plusDays(7)}\","
            + "\"candidateGroupsExpression\":\"${currentUserGroups()}\"}}");
    Http.Response dueSoon = http.as("admin").get("/engine-rest/filter/" + dated.json().get("id").asText() + "/list");
    assertThat(dueSoon.status()).as(dueSoon.toString()).isEqualTo(200);
  }

  @Test
  void object_variables_deserialize_only_to_allowed_types() {
    Http.Response response = http.as("admin").postJson("/engine-rest/process-definition/key/RiskEscalationProcess/start",
        "{\"variables\":{\"probe\":{\"type\":\"Object\",\"value\":\"\\\"/tmp/hitgov-probe\\\"\","
            + "\"valueInfo\":{\"objectTypeName\":\"java.io.File\","
            + "\"serializationDataFormat\":\"application/json\"}}}}");
    assertThat(response.status()).as(response.toString()).isNotIn(200, 201);
    assertThat(response.body()).contains("java.io.File");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("RiskEscalationProcess").count()).isZero();
  }
}
