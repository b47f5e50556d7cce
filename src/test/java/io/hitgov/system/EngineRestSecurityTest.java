package io.hitgov.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API is never anonymous and Camunda authorizations apply: a test fixture process
 * ({@code src/test/resources/fixtures}) is deployed by a PMO user as Camunda Modeler does,
 * started by its starter group and approved by its candidate group only.
 */
@AutoConfigureObservability(tracing = false)
@HitgovSpringTest(properties = "hitgov.security.process-starters.SmokeApprovalProcess=projectManagers")
class EngineRestSecurityTest {

  static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    if (http.as("paula").get("/engine-rest/process-definition/key/SmokeApprovalProcess").status() == 404) {
      assertThat(deployFixtureAs("admin").status()).as("an operator deploys directly").isEqualTo(200);
    }
  }

  Http.Response deployFixtureAs(String user) {
    return http.as(user).deploy("smoke-fixture", Map.of(
        "SmokeApprovalProcess.bpmn", FIXTURES.resolve("processes/SmokeApprovalProcess.bpmn"),
        "SmokeApprovalForm.form", FIXTURES.resolve("forms/SmokeApprovalForm.form")));
  }

  @Test
  void anonymous_requests_to_the_engine_rest_api_get_401() {
    Http.Response response = http.get("/engine-rest/process-definition");
    assertThat(response.status()).isEqualTo(401);
    assertThat(http.postJson("/engine-rest/process-definition/key/SmokeApprovalProcess/start", "{}").status())
        .isEqualTo(401);
  }

  @Test
  void a_wrong_password_gets_401() {
    assertThat(http.as("tom", "not-the-password").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void a_pmo_user_deploys_like_camunda_modeler_a_second_pmo_approves_and_the_form_is_served() {
    long versions = repositoryService.createProcessDefinitionQuery().processDefinitionKey("SmokeApprovalProcess").count();
    Http.Response response = deployFixtureAs("peter");
    // Camunda Modeler shows the message of a non-2xx answer in its log ("Deployment failed" + details).
    assertThat(response.status()).as(response.toString()).isEqualTo(409);
    assertThat(response.json().get("type").asText()).isEqualTo("DeploymentPendingApproval");
    assertThat(response.json().get("message").asText()).startsWith("Not deployed yet: submitted for approval as model deployment MD-");
    String pending = response.json().get("pendingDeploymentId").asText();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("SmokeApprovalProcess").count())
        .as("nothing deployed before approval").isEqualTo(versions);

    assertThat(http.as("peter").postJson("/api/models/pending/" + pending + "/approve", "{}").status())
        .as("the submitter cannot approve").isEqualTo(403);
    assertThat(http.as("maria").postJson("/api/models/pending/" + pending + "/approve", "{}").status())
        .as("a project manager cannot approve").isEqualTo(403);
    Http.Response forged = http.as("paula").postJson("/api/models/pending/" + pending + "/approve",
        "{\"comment\":\"four eyes\",\"approvedBy\":\"admin\"}");
    assertThat(forged.status()).as("who approves is no field: " + forged).isEqualTo(400);
    assertThat(forged.body()).contains("approvedBy");
    Http.Response approved = http.as("paula").postJson("/api/models/pending/" + pending + "/approve", "{\"comment\":\"four eyes\"}");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("definitions").toString()).contains("SmokeApprovalProcess v" + (versions + 1));
    assertThat(http.as("paula").postJson("/api/models/pending/" + pending + "/approve", "{}").status())
        .as("approved once").isEqualTo(409);
    Http.Response models = http.as("peter").get("/api/models");
    assertThat(models.json().get("models").toString()).contains("\"approvedBy\":\"paula\"").contains("\"submittedBy\":\"peter\"");

    Http.Response startForm = http.as("maria")
        .get("/engine-rest/process-definition/key/SmokeApprovalProcess/deployed-start-form");
    assertThat(startForm.status()).as(startForm.toString()).isEqualTo(200);
    assertThat(startForm.json().get("id").asText()).isEqualTo("SmokeApprovalForm");
  }

  @Test
  void every_deployment_is_audited_with_who_made_it_and_from_which_release() {
    String release = http.as("paula").get("/api/models").json().get("appVersion").asText();
    Http.Response direct = deployFixtureAs("admin");
    assertThat(direct.status()).as("an operator deploys directly: " + direct).isEqualTo(200);
    String engineDeployment = direct.json().get("id").asText();

    var deployed = http.as("paula").get("/api/models/pending?state=DEPLOYED").json();
    assertThat(deployed).as(deployed.toString()).anySatisfy(row -> {
      assertThat(row.get("submittedBy").asText()).isEqualTo("system");
      assertThat(row.get("source").asText()).isEqualTo("hitgov-startup");
      assertThat(row.get("appVersion").asText()).isEqualTo(release);
    });
    assertThat(deployed).anySatisfy(row -> {
      assertThat(row.get("submittedBy").asText()).isEqualTo("admin");
      assertThat(row.get("engineDeploymentId").asText()).isEqualTo(engineDeployment);
      assertThat(row.get("appVersion").asText()).isEqualTo(release);
      assertThat(row.get("resources").toString()).contains("SmokeApprovalProcess.bpmn").contains("sha256");
      assertThat(row.get("audit").get(0).get("event").asText()).isEqualTo("DEPLOYED");
    });
    assertThat(http.as("paula").get("/api/models").json().get("models").toString())
        .as("each active model names the release that deployed it").contains("\"appVersion\":\"" + release + "\"");
  }

  @Test
  void a_submission_shows_each_resource_against_the_latest_deployed_one() throws Exception {
    assertThat(deployFixtureAs("admin").status()).as("the fixture deployed as it is").isEqualTo(200);
    Path dir = Files.createTempDirectory("edited-smoke");
    // a second version, one line longer, deployed after it: the submission is compared with this one
    String bpmn = Files.readString(FIXTURES.resolve("processes/SmokeApprovalProcess.bpmn")).stripTrailing()
        + "\n<!-- second version -->\n";
    Files.writeString(dir.resolve("SmokeApprovalProcess.bpmn"), bpmn);
    Http.Response second = http.as("admin").deploy("smoke-fixture", Map.of(
        "SmokeApprovalProcess.bpmn", dir.resolve("SmokeApprovalProcess.bpmn"),
        "SmokeApprovalForm.form", FIXTURES.resolve("forms/SmokeApprovalForm.form")));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    String edited = bpmn.replaceFirst("name=\"([^\"]*)\"", "name=\"$1 (edited)\"");
    assertThat(edited).isNotEqualTo(bpmn);
    Files.writeString(dir.resolve("SmokeApprovalProcess.bpmn"), edited);
    Files.writeString(dir.resolve("SmokeApprovalForm.form"),
        Files.readString(FIXTURES.resolve("forms/SmokeApprovalForm.form")));
    Files.writeString(dir.resolve("SmokeApprovalNotes.form"),
        Files.readString(FIXTURES.resolve("forms/SmokeApprovalForm.form")).replace("SmokeApprovalForm", "SmokeApprovalNotes"));
    Http.Response response = http.as("peter").deploy("smoke-fixture", Map.of(
        "SmokeApprovalProcess.bpmn", dir.resolve("SmokeApprovalProcess.bpmn"),
        "SmokeApprovalForm.form", dir.resolve("SmokeApprovalForm.form"),
        "SmokeApprovalNotes.form", dir.resolve("SmokeApprovalNotes.form")));
    assertThat(response.status()).as(response.toString()).isEqualTo(409);
    String pending = response.json().get("pendingDeploymentId").asText();

    var submission = java.util.stream.StreamSupport.stream(
            http.as("paula").get("/api/models/pending").json().spliterator(), false)
        .filter(row -> row.get("id").asText().equals(pending)).findFirst().orElseThrow();
    Map<String, String> summaries = new java.util.TreeMap<>();
    submission.get("resources").forEach(r -> summaries.put(r.get("name").asText(), r.get("diffSummary").asText()));
    assertThat(summaries).containsExactlyInAnyOrderEntriesOf(Map.of(
        "SmokeApprovalProcess.bpmn", "changed: +1 -1 lines", // against the first version: +2 -1
        "SmokeApprovalForm.form", "unchanged",
        "SmokeApprovalNotes.form", "new resource"));
    assertThat(http.as("paula").postJson("/api/models/pending/" + pending + "/reject", "{\"comment\":\"test only\"}")
        .status()).isEqualTo(200);
  }

  @Test
  void a_user_outside_the_pmo_cannot_deploy() {
    Http.Response response = deployFixtureAs("fiona");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("CREATE").contains("Deployment");
  }

  @Test
  void only_the_starter_group_can_start_and_a_refused_start_leaves_nothing_behind() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("SmokeApprovalProcess").count();

    Http.Response refused = http.as("fiona")
        .postJson("/engine-rest/process-definition/key/SmokeApprovalProcess/start", "{}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("SmokeApprovalProcess").count())
        .isEqualTo(before);

    Http.Response started = http.as("maria")
        .postJson("/engine-rest/process-definition/key/SmokeApprovalProcess/start", "{\"businessKey\":\"SMOKE-1\"}");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("SmokeApprovalProcess").count())
        .isEqualTo(before + 1);
  }

  @Test
  void only_the_candidate_group_sees_and_completes_the_task() {
    String instanceId = http.as("mike")
        .postJson("/engine-rest/process-definition/key/SmokeApprovalProcess/start", "{}").json().get("id").asText();
    String byInstance = "/engine-rest/task?processInstanceId=" + instanceId;

    assertThat(http.as("fiona").get(byInstance).json()).isEmpty();
    assertThat(http.as("mike").get(byInstance).json()).as("the starter does not approve").isEmpty();
    var tasks = http.as("carla").get(byInstance).json();
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).get("id").asText();

    String body = "{\"variables\":{\"decisionComment\":{\"value\":\"ok\",\"type\":\"String\"}}}";
    assertThat(http.as("fiona").postJson("/engine-rest/task/" + taskId + "/complete", body).status()).isEqualTo(403);
    assertThat(http.as("mike").postJson("/engine-rest/task/" + taskId + "/complete", body).status()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isEqualTo(1);

    Http.Response completed = http.as("conrad").postJson("/engine-rest/task/" + taskId + "/complete", body);
    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
  }

  @Test
  void actuator_health_is_open_and_everything_else_needs_an_operator() {
    assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    assertThat(http.get("/actuator/metrics").status()).isEqualTo(401);
    assertThat(http.as("paula").get("/actuator/metrics").status()).isEqualTo(403);
    assertThat(http.as("admin").get("/actuator/metrics").status()).isEqualTo(200);
    assertThat(http.as("admin").get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
  }

  @Test
  void the_application_api_is_never_anonymous() {
    assertThat(http.get("/api/projects").status()).isEqualTo(401);
  }

  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;

  @Test
  void a_model_cannot_reach_arbitrary_spring_beans_from_an_expression() {
    var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("BeanProbeProcess")
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent()
        .serviceTask("ServiceTask_Probe").camundaExpression("${identityService.createMembership('paula', 'camunda-admin')}")
        .endEvent().done();
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            repositoryService.createDeployment().addModelInstance("BeanProbeProcess.bpmn", model).deploy())
        .hasMessageContaining("identityService").hasMessageContaining("not callable from models");
    assertThat(identityService.createUserQuery().userId("paula").memberOfGroup("camunda-admin").count()).isZero();
  }

  @Test
  void a_completion_is_checked_against_the_form_its_binding_names_even_after_a_new_form_version() {
    var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("FormBindingProbeProcess")
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent().parallelGateway("Gateway_Split")
        .userTask("UserTask_Pinned").name("Pinned").camundaAssignee("maria")
        .camundaFormRef("binding-probe-form").camundaFormRefBinding("deployment").endEvent("EndEvent_Pinned")
        .moveToNode("Gateway_Split")
        .userTask("UserTask_Latest").name("Latest").camundaAssignee("maria")
        .camundaFormRef("binding-probe-form").camundaFormRefBinding("latest").endEvent("EndEvent_Latest")
        .done();
    assertThat(http.as("admin").deployBytes("binding-probe", Map.of(
        "FormBindingProbeProcess.bpmn", org.camunda.bpm.model.bpmn.Bpmn.convertToString(model).getBytes(UTF_8),
        "binding-probe-form.form", probeForm("alpha").getBytes(UTF_8))).status()).isEqualTo(200);
    String first = runtimeService.startProcessInstanceByKey("FormBindingProbeProcess").getId();
    assertThat(completeWith(first, "UserTask_Pinned", "beta")).isEqualTo(400);
    assertThat(completeWith(first, "UserTask_Latest", "beta")).isEqualTo(400);

    // a new version of the form alone: the pinned task keeps its deployment's, the other takes the new one
    assertThat(http.as("admin").deployBytes("binding-probe-form-v2", Map.of(
        "binding-probe-form.form", probeForm("beta").getBytes(UTF_8))).status()).isEqualTo(200);
    String second = runtimeService.startProcessInstanceByKey("FormBindingProbeProcess").getId();
    assertThat(completeWith(second, "UserTask_Pinned", "beta")).as("the deployment's form has no beta").isEqualTo(400);
    assertThat(completeWith(second, "UserTask_Pinned", "alpha")).isEqualTo(204);
    assertThat(completeWith(second, "UserTask_Latest", "alpha")).as("the latest form has no alpha").isEqualTo(400);
    assertThat(completeWith(second, "UserTask_Latest", "beta")).isEqualTo(204);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(second).count()).isZero();
  }

  @Test
  void a_task_without_a_readable_form_takes_no_variables_on_completion() {
    var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("FormlessProbeProcess")
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent().parallelGateway("Gateway_Split")
        .userTask("UserTask_NoForm").name("No form").camundaAssignee("maria").endEvent("EndEvent_NoForm")
        .moveToNode("Gateway_Split")
        .userTask("UserTask_GoneForm").name("Gone form").camundaAssignee("maria")
        .camundaFormRef("formless-probe-form").camundaFormRefBinding("latest").endEvent("EndEvent_GoneForm")
        .done();
    assertThat(http.as("admin").deployBytes("formless-probe", Map.of("FormlessProbeProcess.bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.convertToString(model).getBytes(UTF_8))).status()).isEqualTo(200);
    Http.Response form = http.as("admin").deployBytes("formless-probe-form", Map.of(
        "formless-probe-form.form", probeForm("alpha").replace("binding-probe-form", "formless-probe-form")
            .getBytes(UTF_8)));
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    String instance = runtimeService.startProcessInstanceByKey("FormlessProbeProcess",
        Map.of("projectId", "EHR-FORMLESS-1")).getId();
    assertThat(completeWith(instance, "UserTask_GoneForm", "alpha")).as("the form is there").isEqualTo(204);
    instance = runtimeService.startProcessInstanceByKey("FormlessProbeProcess",
        Map.of("projectId", "EHR-FORMLESS-1")).getId();

    // the form's deployment is deleted: the task's fields can no longer be known, so none is taken
    repositoryService.deleteDeployment(form.json().get("id").asText());
    String goneForm = taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("UserTask_GoneForm").singleResult().getId();
    Http.Response refused = http.as("maria").postJson("/engine-rest/task/" + goneForm + "/complete",
        "{\"variables\":{\"alpha\":{\"value\":\"x\",\"type\":\"String\"}}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("[alpha] are not fields of this task's form").contains("its form cannot be read");

    // a task without any form: overwriting the process's own variables through it is refused
    String noForm = taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("UserTask_NoForm").singleResult().getId();
    refused = http.as("maria").postJson("/engine-rest/task/" + noForm + "/complete",
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-OTHER-1\",\"type\":\"String\"}}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("[projectId] are not fields of this task's form")
        .contains("the task has no Camunda Form");
    refused = http.as("maria").postJson("/engine-rest/engine/default/task/" + noForm + "/complete",
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-OTHER-1\",\"type\":\"String\"}}}");
    assertThat(refused.status()).as("the named engine's path: " + refused).isEqualTo(400);
    assertThat(runtimeService.getVariable(instance, "projectId")).isEqualTo("EHR-FORMLESS-1");
    assertThat(taskService.createTaskQuery().taskId(noForm).count()).as("nothing completed").isEqualTo(1);

    // without variables both complete as before
    assertThat(http.as("maria").postJson("/engine-rest/task/" + noForm + "/complete", "{}").status()).isEqualTo(204);
    assertThat(http.as("maria").postJson("/engine-rest/task/" + goneForm + "/complete", "{\"variables\":{}}")
        .status()).isEqualTo(204);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
  }

  static String probeForm(String field) {
    return "{\"id\":\"binding-probe-form\",\"type\":\"default\",\"schemaVersion\":16,"
        + "\"executionPlatform\":\"Camunda Platform\",\"executionPlatformVersion\":\"7.24.0\",\"components\":["
        + "{\"id\":\"Field_" + field + "\",\"key\":\"" + field + "\",\"label\":\"" + field + "\",\"type\":\"textfield\"}]}";
  }

  int completeWith(String processInstanceId, String taskKey, String field) {
    String taskId = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult().getId();
    return http.as("maria").postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\":{\"" + field + "\":{\"value\":\"x\",\"type\":\"String\"}}}").status();
  }
}
