package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The HIPAA gate through its public HTTP surface: starts and task completions on
 * {@code /engine-rest} (400 naming the variable, 403 with the four-eyes reason) and the auditor's
 * evidence package, checked field by field.
 */
@HitgovSpringTest
class HipaaGateRestTest {

  static final String GO_LIVE = LocalDate.now().plusDays(45).toString();
  static final String START = "/engine-rest/process-definition/key/HipaaAuditGateProcess/start";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  Http http;
  HipaaGateDriver driver;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    driver = new HipaaGateDriver(processEngine, context);
  }

  long gateInstances() {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(HipaaAuditGateProcess.KEY).count();
  }

  @Test
  void a_bad_start_is_400_naming_the_variable_and_starts_nothing() {
    long before = gateInstances();
    Http.Response missing = http.as("paula").postJson(START, "{\"variables\":{}}");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.json().get("message").asText()).contains("projectId is required");

    Http.Response wrongType = http.as("paula").postJson(START,
        "{\"variables\":{\"projectId\":{\"value\":42,\"type\":\"Integer\"}}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body()).contains("projectId must be a String");

    Http.Response unknown = http.as("paula").postJson(START, "{\"variables\":{"
        + "\"projectId\":{\"value\":\"EHR-R-1\",\"type\":\"String\"},"
        + "\"goLiveDate\":{\"value\":\"" + GO_LIVE + "\",\"type\":\"String\"},"
        + "\"patientName\":{\"value\":\"x\",\"type\":\"String\"}}}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("patientName is not a known variable");

    Http.Response badDate = http.as("paula").postJson(START, "{\"variables\":{"
        + "\"projectId\":{\"value\":\"EHR-R-1\",\"type\":\"String\"},"
        + "\"goLiveDate\":{\"value\":\"next spring\",\"type\":\"String\"}}}");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body()).contains("goLiveDate 'next spring' is not an ISO date");

    assertThat(gateInstances()).isEqualTo(before);
  }

  @Test
  void only_the_pmo_and_the_officials_start_a_gate() {
    io.hitgov.support.Projects.register(context, "EHR-R-2");
    String body = "{\"businessKey\":\"EHR-R-2\",\"variables\":{"
        + "\"projectId\":{\"value\":\"EHR-R-2\",\"type\":\"String\"},"
        + "\"goLiveDate\":{\"value\":\"" + GO_LIVE + "\",\"type\":\"String\"}}}";
    assertThat(http.as("fiona").postJson(START, body).status()).isEqualTo(403);
    assertThat(http.as("maria").postJson(START, body).status()).isEqualTo(403);
    Http.Response started = http.as("sophia").postJson(START, body);
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(started.json().get("businessKey").asText()).as("the gate id is the business key").isEqualTo("HIPAA-EHR-R-2-1");
  }

  @Test
  void a_standalone_gate_of_a_registered_project_takes_the_projects_go_live_date() {
    io.hitgov.support.Projects.register(context, "EHR-R-9");
    String goLive = context.getBean(io.hitgov.shared.project.ProjectDirectory.class).goLiveDate("EHR-R-9").orElseThrow()
        .toString();
    Http.Response started = http.as("sophia").postJson(START,
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-R-9\",\"type\":\"String\"}}}");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String instanceId = started.json().get("id").asText();
    assertThat(context.getBean(org.camunda.bpm.engine.RuntimeService.class).getVariable(instanceId, "goLiveDate"))
        .isEqualTo(goLive);

    Http.Response unknown = http.as("sophia").postJson(START,
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-NOPE-9\",\"type\":\"String\"}}}");
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("projectId");
  }

  @Test
  void bad_evidence_through_the_rest_api_is_400_and_the_task_stays_open() {
    ProcessInstance instance = driver.start("EHR-R-3", GO_LIVE);
    driver.defineScope(instance, "", null);
    Task task = driver.engine.tasks(instance.getId(), SUBMIT_EVIDENCE).get(0);
    Http.Response response = http.as("sophia").postJson("/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"evidenceStatus\":{\"value\":\"DONE\",\"type\":\"String\"}}}");
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains("evidenceStatus 'DONE' is not one of");
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void an_evidence_submitter_signing_through_the_rest_api_gets_403_with_the_reason() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-R-4", GO_LIVE);
    Task security = driver.engine.task(instance.getId(), SIGN_SECURITY);
    Http.Response claim = http.as("sophia").postJson("/engine-rest/task/" + security.getId() + "/claim",
        "{\"userId\":\"sophia\"}");
    assertThat(claim.status()).as(claim.toString()).isEqualTo(403);
    assertThat(claim.body()).contains("submitted evidence");
    Http.Response complete = http.as("sophia").postJson("/engine-rest/task/" + security.getId() + "/complete",
        "{\"variables\":{\"securitySignOffApproved\":{\"value\":true,\"type\":\"Boolean\"}}}");
    assertThat(complete.status()).as(complete.toString()).isEqualTo(403);
    assertThat(complete.body()).contains("segregation of duties");
    Http.Response bySigner = http.as("simon").postJson("/engine-rest/task/" + security.getId() + "/complete",
        "{\"variables\":{\"securitySignOffApproved\":{\"value\":true,\"type\":\"Boolean\"}}}");
    assertThat(bySigner.status()).as(bySigner.toString()).isEqualTo(204);
  }

  @Test
  void the_evidence_package_exports_every_specification_field_by_field() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-R-5", GO_LIVE);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, true);

    Http.Response json = http.as("paula").get("/api/projects/EHR-R-5/hipaa-gate/evidence");
    assertThat(json.status()).as(json.toString()).isEqualTo(200);
    JsonNode pkg = json.json();
    assertThat(pkg.at("/gate/gateId").asText()).isEqualTo("HIPAA-EHR-R-5-1");
    assertThat(pkg.at("/gate/status").asText()).isEqualTo("PASS");
    assertThat(pkg.at("/gate/validToday").asBoolean()).isTrue();
    assertThat(pkg.at("/gate/expiresOn").asText()).isEqualTo(LocalDate.parse(GO_LIVE).plusDays(90).toString());
    assertThat(pkg.at("/gate/scope/hosting").asText()).isEqualTo("Vendor-hosted private cloud");
    assertThat(pkg.at("/gate/scopeRecordedBy").asText()).isEqualTo("sophia");
    assertThat(pkg.at("/reviewedBy/userId").asText()).isEqualTo("simon");
    assertThat(pkg.at("/exportedBy").asText()).isEqualTo("paula");
    assertThat(pkg.get("specifications")).hasSize(63);

    JsonNode riskAnalysis = find(pkg.get("specifications"), "164.308(a)(1)(ii)(A)");
    assertThat(riskAnalysis.get("title").asText()).isEqualTo("Risk analysis");
    assertThat(riskAnalysis.get("requirement").asText()).isEqualTo("R");
    assertThat(riskAnalysis.get("ownerGroup").asText()).isEqualTo("securityOfficer");
    assertThat(riskAnalysis.at("/current/status").asText()).isEqualTo("EVIDENCED");
    assertThat(riskAnalysis.at("/current/evidence/documentId").asText()).isEqualTo("DMS-4711");
    assertThat(riskAnalysis.at("/current/evidence/version").asText()).isEqualTo("3");
    assertThat(riskAnalysis.at("/current/evidence/hash").asText()).isEqualTo(HipaaGateDriver.HASH);
    assertThat(riskAnalysis.at("/current/evidence/date").asText()).isEqualTo(LocalDate.now().minusDays(30).toString());
    assertThat(riskAnalysis.at("/current/evidence/ageDays").asInt()).isEqualTo(30);
    assertThat(riskAnalysis.at("/current/submittedBy").asText()).isEqualTo("sophia");
    assertThat(riskAnalysis.at("/current/submittedAt").asText()).isNotBlank();
    assertThat(riskAnalysis.at("/current/disposition").asText()).isEqualTo("PASS");
    assertThat(riskAnalysis.at("/current/dispositionDecision").asText()).startsWith("HipaaSpecDispositionDecision:");

    JsonNode clearinghouse = find(pkg.get("specifications"), "164.308(a)(4)(ii)(A)");
    assertThat(clearinghouse.at("/current/status").asText()).isEqualTo("NOT_APPLICABLE");
    assertThat(clearinghouse.at("/current/rationale").asText()).contains("not a clearinghouse");
    assertThat(find(pkg.get("specifications"), "164.310(b)").at("/current/submittedBy").asText()).isEqualTo("felix");

    assertThat(pkg.get("signedBy")).extracting(n -> n.get("role").asText() + ":" + n.get("userId").asText())
        .containsExactlyInAnyOrder("SECURITY_OFFICIAL:simon", "PRIVACY_OFFICIAL:oscar");
    assertThat(pkg.get("signOffs")).hasSize(3);
    assertThat(pkg.get("businessAssociates")).extracting(n -> n.get("counterparty").asText())
        .contains("Acme EHR Hosting", "LabCo");

    Http.Response csv = http.as("olivia")
        .get("/api/projects/EHR-R-5/hipaa-gate/evidence?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(64);
    assertThat(lines[0]).startsWith("gateId,projectId,gateStatus,gateResultAt,specId,title");
    String riskRow = java.util.Arrays.stream(lines).filter(l -> l.contains(",164.308(a)(1)(ii)(A),")).findFirst()
        .orElseThrow();
    assertThat(riskRow).contains(",Risk analysis,ADMINISTRATIVE,R,R,securityOfficer,EVIDENCED,")
        .contains(",DMS-4711,3," + HipaaGateDriver.HASH + ",")
        .contains(",sophia,").contains(",PASS,").contains(",simon,").contains(",oscar,");
  }

  @Test
  void the_evidence_package_is_for_governance_roles_only() {
    assertThat(http.get("/api/projects/EHR-NONE/hipaa-gate/evidence").status()).isEqualTo(401);
    Http.Response forbidden = http.as("fiona").get("/api/projects/EHR-NONE/hipaa-gate/evidence");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(http.as("paula").get("/api/projects/EHR-NONE/hipaa-gate/evidence").status()).isEqualTo(404);
  }

  @Test
  void a_material_change_ends_a_passed_gate() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-R-6", GO_LIVE);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, true);
    assertThat(http.as("maria").postJson("/api/projects/EHR-R-6/hipaa-gate/material-change",
        "{\"reason\":\"New hosting provider\"}").status()).isEqualTo(403);
    assertThat(http.as("paula").postJson("/api/projects/EHR-R-6/hipaa-gate/material-change", "{}").status())
        .isEqualTo(400);
    Http.Response changed = http.as("paula").postJson("/api/projects/EHR-R-6/hipaa-gate/material-change",
        "{\"reason\":\"New hosting provider\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().get("invalidatedGates").asInt()).isEqualTo(1);
    JsonNode gate = http.as("paula").get("/api/projects/EHR-R-6/hipaa-gate/evidence").json().get("gate");
    assertThat(gate.get("validToday").asBoolean()).isFalse();
    assertThat(gate.get("invalidatedReason").asText()).contains("New hosting provider").contains("paula");
  }

  static JsonNode find(JsonNode specs, String specId) {
    for (JsonNode spec : specs) {
      if (spec.get("specId").asText().equals(specId)) {
        return spec;
      }
    }
    throw new AssertionError("No " + specId);
  }

  @Test
  void starting_past_the_start_event_is_refused_and_leaves_nothing() {
    long before = gateInstances();
    Http.Response jump = http.as("sophia").postJson(START, "{\"skipCustomListeners\":true,"
        + "\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ServiceTask_RecordGatePassed\"}],"
        + "\"variables\":{\"projectId\":{\"value\":\"EHR-R-7\",\"type\":\"String\"},"
        + "\"hipaaGateId\":{\"value\":\"HIPAA-EHR-R-5-1\",\"type\":\"String\"}}}");
    assertThat(jump.status()).as(jump.toString()).isEqualTo(403);
    assertThat(jump.body()).contains("must be started at its start event");
    assertThat(gateInstances()).isEqualTo(before);
  }

  @Test
  void a_completion_may_submit_only_its_form_fields() {
    ProcessInstance instance = driver.start("EHR-R-8", GO_LIVE);
    driver.defineScope(instance, "", null);
    Task facilitiesTask = driver.engine.tasks(instance.getId(), SUBMIT_EVIDENCE).stream()
        .filter(t -> t.getName().contains("HIPAA evidence 164.310(b):")).findFirst().orElseThrow();
    Http.Response hijack = http.as("felix").postJson("/engine-rest/task/" + facilitiesTask.getId() + "/complete",
        "{\"variables\":{\"evidenceStatus\":{\"value\":\"GAP\",\"type\":\"String\"},"
            + "\"specId\":{\"value\":\"164.308(a)(1)(ii)(A)\",\"type\":\"String\"},"
            + "\"hipaaGateId\":{\"value\":\"HIPAA-OTHER-1\",\"type\":\"String\"}}}");
    assertThat(hijack.status()).as(hijack.toString()).isEqualTo(400);
    assertThat(hijack.body()).contains("hipaaGateId").contains("specId").contains("are not fields of this task's form");
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(facilitiesTask.getId()).count()).isEqualTo(1);

    String forged = "{\"variables\":{\"evidenceStatus\":{\"value\":\"GAP\",\"type\":\"String\"},"
        + "\"specId\":{\"value\":\"164.308(a)(1)(ii)(A)\",\"type\":\"String\"}}}";
    assertThat(http.as("felix").post("/engine-rest/task/" + facilitiesTask.getId() + "/complete/", "Application/JSON",
        forged).status()).as("trailing slash, upper-case media type").isEqualTo(400);
    assertThat(http.as("felix").post("/engine-rest/task/" + facilitiesTask.getId() + "/%63omplete", "application/json",
        forged).status()).as("percent-encoded path").isIn(400, 404);
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(facilitiesTask.getId()).count()).isEqualTo(1);
  }

  @Test
  void approvers_cannot_reassign_a_signature_to_someone_outside_the_role() {
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-R-9", GO_LIVE);
    Task security = driver.engine.task(instance.getId(), SIGN_SECURITY);
    Http.Response reassign = http.as("simon").postJson("/engine-rest/task/" + security.getId() + "/assignee",
        "{\"userId\":\"paula\"}");
    assertThat(reassign.status()).as(reassign.toString()).isEqualTo(403);
    Http.Response setVariable = http.as("simon").postJson("/engine-rest/task/" + security.getId() + "/variables",
        "{\"modifications\":{\"securitySignOffApproved\":{\"value\":true,\"type\":\"Boolean\"}}}");
    assertThat(setVariable.status()).as("task variables are not writable by candidates").isEqualTo(403);
  }
}
