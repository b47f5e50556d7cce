package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.RawHttp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over HTTP: the PMO reads every governance instance, task and history entry but edits no variable
 * (operators may); the Cockpit plugin hitgov-project names the project of an instance; HITGov's
 * landing page, sign-in page, the people pickers' source and the OpenAPI document of /api are behind
 * the login (anonymous: redirect to the sign-in page, or 401).
 */
@HitgovSpringTest
class WebappsForPmoTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROJECT = "EHR-PMO-1";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  Http http;
  ProcessInstance lifecycle;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    lifecycle = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).variableValueEquals("projectId", PROJECT)
        .singleResult();
    if (lifecycle == null) {
      Map<String, Object> v = new HashMap<>();
      v.put("projectId", PROJECT);
      v.put("projectName", "Inpatient EHR replacement");
      v.put("goLiveDate", LocalDate.now().plusDays(400).toString());
      v.put("budget", 2_000_000L);
      v.put("sponsor", "evelyn");
      v.put("projectManager", "maria");
      v.put("vendorSelectionRequired", false);
      lifecycle = new Engine(processEngine).as("paula", () -> processEngine.getRuntimeService()
          .startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, v));
    }
  }

  static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  String deliverableTask() throws Exception {
    JsonNode tasks = json(http.as("maria").get("/engine-rest/task?candidateGroup=projectManagers&includeAssignedTasks=true").body());
    assertThat(tasks.size()).as("the project's P0 deliverables wait for the project managers").isPositive();
    return tasks.get(0).get("id").asText();
  }

  @Test
  void the_pmo_reads_every_governance_task_and_its_history_but_edits_no_variable() throws Exception {
    String taskId = deliverableTask();
    JsonNode seen = json(http.as("paula").get("/engine-rest/task?candidateGroup=projectManagers&includeAssignedTasks=true").body());
    assertThat(seen.size()).as("paula (pmo) sees the project managers' tasks").isPositive();
    assertThat(http.as("paula").get("/engine-rest/task/" + taskId + "/variables").status()).isEqualTo(200);
    assertThat(json(http.as("paula").get("/engine-rest/history/task/count?taskId=" + taskId).body())
        .get("count").asInt()).isEqualTo(1);
    assertThat(json(http.as("paula").get("/engine-rest/history/process-instance/count?processInstanceId="
        + lifecycle.getId()).body()).get("count").asInt()).isEqualTo(1);
    assertThat(json(http.as("fiona").get("/engine-rest/task?candidateGroup=projectManagers&includeAssignedTasks=true").body()).size())
        .as("other groups still see only their own tasks").isZero();

    String edit = "{\"modifications\": {\"projectName\": {\"value\": \"Renamed\", \"type\": \"String\"}}}";
    assertThat(http.as("paula").postJson("/engine-rest/process-instance/" + lifecycle.getId() + "/variables", edit)
        .status()).as("pmo edits no process variable").isEqualTo(403);
    assertThat(http.as("paula").postJson("/engine-rest/task/" + taskId + "/variables", edit).status())
        .as("pmo edits no task variable").isEqualTo(403);
    assertThat(http.as("paula").postJson("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"paula\"}")
        .status()).as("pmo assigns no task").isEqualTo(403);
    assertThat(processEngine.getRuntimeService().getVariable(lifecycle.getId(), "projectName"))
        .isEqualTo("Inpatient EHR replacement");

    String keep = "{\"modifications\": {\"projectName\": {\"value\": \"Inpatient EHR replacement\", \"type\": \"String\"}}}";
    assertThat(http.as("admin").postJson("/engine-rest/process-instance/" + lifecycle.getId() + "/variables", keep)
        .status()).as("operators keep full rights").isEqualTo(204);
  }

  @Test
  void the_cockpit_project_tab_names_the_project_phase_go_live_and_gate() throws Exception {
    RawHttp anonymous = RawHttp.on(port);
    String endpoint = "/camunda/api/cockpit/plugin/hitgov-project/default/process-instance/" + lifecycle.getId();
    assertThat(anonymous.get(endpoint).status()).isIn(401, 403);
    assertThat(anonymous.get("/camunda/api/cockpit/plugin/hitgov-project/static/app/plugin.js").status())
        .as("the plugin's script is served to Cockpit").isEqualTo(200);
    for (String data : List.of("process-instance/" + lifecycle.getId(), "process-definition/x")) {
      RawHttp.Exchange underStatic = anonymous.get("/camunda/api/cockpit/plugin/hitgov-project/static/" + data);
      assertThat(underStatic.status()).as("the public static path is no engine, and no way to the data: "
          + underStatic).isEqualTo(404);
      assertThat(underStatic.body()).doesNotContain("io.hitgov").doesNotContain("NullPointer");
    }

    RawHttp pmo = RawHttp.on(port);
    assertThat(pmo.webappLogin("paula", "demo").status()).isEqualTo(200);
    RawHttp.Exchange answer = pmo.get(endpoint);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode project = json(answer.body());
    assertThat(project.get("projectId").asText()).isEqualTo(PROJECT);
    assertThat(project.has("projectName")).as(answer.body()).isTrue();
    assertThat(project.get("projectName").asText()).isEqualTo("Inpatient EHR replacement");
    assertThat(project.get("phase").asText()).isEqualTo("P0");
    assertThat(project.get("goLiveDateText").asText()).matches("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}");
    assertThat(project.get("lifecycle").asBoolean()).isTrue();

    ProcessInstance phase = processEngine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(lifecycle.getId()).list().stream().findFirst().orElseThrow();
    JsonNode fromPhase = json(pmo.get("/camunda/api/cockpit/plugin/hitgov-project/default/process-instance/"
        + phase.getId()).body());
    assertThat(fromPhase.get("projectName").asText()).as("a phase instance shows its lifecycle's project")
        .isEqualTo("Inpatient EHR replacement");
    assertThat(pmo.get("/camunda/api/cockpit/plugin/hitgov-project/default/process-instance/no-such-id").status())
        .isEqualTo(404);
  }

  @Test
  void the_landing_page_and_the_api_documentation_are_behind_the_login() throws Exception {
    RawHttp anonymous = RawHttp.on(port);
    RawHttp.Exchange landing = anonymous.get("/");
    assertThat(landing.status()).isEqualTo(302);
    assertThat(landing.header("Location").orElseThrow()).endsWith("/login");
    RawHttp.Exchange login = anonymous.get("/login");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("Sign in").contains("/hitgov/login.js");
    assertThat(login.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
        .doesNotContain("unsafe-eval");
    assertThat(anonymous.get("/api/openapi").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/docs").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/swagger-ui/index.html").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/people?group=pmo").status()).isEqualTo(401);

    JsonNode openapi = json(http.as("fiona").get("/api/openapi").body());
    assertThat(openapi.get("openapi").asText()).startsWith("3.");
    assertThat(openapi.get("info").get("title").asText()).isEqualTo("HITGov API");
    assertThat(openapi.get("paths").has("/api/projects")).isTrue();
    assertThat(openapi.get("paths").has("/api/people")).isTrue();
    openapi.get("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));

    RawHttp paula = RawHttp.on(port);
    assertThat(paula.webappLogin("paula", "demo").status()).isEqualTo(200);
    RawHttp.Exchange page = paula.get("/");
    assertThat(page.status()).as("the webapps' session opens the landing page").isEqualTo(200);
    assertThat(page.body()).contains("href=\"/camunda/app/tasklist/\"").contains("href=\"/camunda/app/cockpit/\"")
        .contains("href=\"/portfolio\"").contains("href=\"/api/docs\"").contains("(paula)")
        .doesNotContain("href=\"/camunda/app/admin/\"");
    assertThat(paula.get("/api/openapi").status()).as("and the API documentation").isEqualTo(200);
    assertThat(paula.post("/api/projects", "application/json", "{}").status())
        .as("a session cookie alone changes nothing").isEqualTo(401);

    RawHttp maria = RawHttp.on(port);
    maria.webappLogin("maria", "demo");
    assertThat(maria.get("/").body()).as("Cockpit only for the PMO and operators")
        .doesNotContain("href=\"/camunda/app/cockpit/\"");
  }

  @Test
  void a_refused_start_names_the_problem_in_words_not_the_definition_id() throws Exception {
    Http.Response refused = http.as("irene").postJson(
        "/engine-rest/process-definition/key/ChangeRequestProcess/submit-form", "{\"variables\": {}}");
    assertThat(refused.status()).isEqualTo(400);
    String message = json(refused.body()).get("message").asText();
    assertThat(message).doesNotStartWith("Cannot instantiate process definition").contains("projectId");
  }

  @Test
  void the_people_pickers_list_a_group_by_name_and_refuse_an_unknown_group() throws Exception {
    JsonNode managers = json(http.as("paula").get("/api/people?group=projectManagers").body());
    assertThat(managers.findValuesAsText("value")).containsExactlyInAnyOrder("maria", "mike");
    managers.forEach(person -> assertThat(person.get("label").asText())
        .endsWith("(" + person.get("value").asText() + ")").doesNotStartWith("("));
    Http.Response unknown = http.as("paula").get("/api/people?group=nobody");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("group");
    assertThat(http.as("paula").get("/api/people").status()).isEqualTo(400);
  }
}
