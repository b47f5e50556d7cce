package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.TasklistSession;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Change requests through HTTP: raising (HITGov API and /engine-rest) with 400s naming the field,
 * four-eyes refused through Tasklist's own calls, /engine-rest and HITGov's API, and the change log.
 */
@HitgovSpringTest
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class ChangeApiTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
  }

  void project(String projectId) {
    io.hitgov.support.Projects.start(http, projectId);
  }

  static Map<String, Object> change(String projectId) {
    return new HashMap<>(ChangeRequestProcessTest.change(projectId, "NORMAL", 10_000, 0));
  }

  long changeInstances() {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ChangeRequestProcess.KEY).count();
  }

  @Test
  void a_bad_change_request_is_400_naming_the_field_and_starts_nothing() {
    project("PRJ-API-BAD");
    long before = changeInstances();
    Map<String, Object> noTitle = change("PRJ-API-BAD");
    noTitle.remove("title");
    Http.Response missing = http.as("irene").postJson("/api/change-requests", Http.json(noTitle));
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.body()).contains("title is required");

    Map<String, Object> typed = change("PRJ-API-BAD");
    typed.put("costImpact", "a lot");
    Http.Response wrongType = http.as("irene").postJson("/api/change-requests", Http.json(typed));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body()).contains("costImpact must be a Long");

    Map<String, Object> sneaky = change("PRJ-API-BAD");
    sneaky.put("requester", "someoneElse");
    Http.Response requester = http.as("irene").postJson("/api/change-requests", Http.json(sneaky));
    assertThat(requester.status()).as("the requester is the authenticated user, not a variable").isEqualTo(400);
    assertThat(requester.body()).contains("requester");

    Map<String, Object> type = change("PRJ-API-BAD");
    type.put("changeType", "URGENT");
    Http.Response badType = http.as("irene").postJson("/api/change-requests", Http.json(type));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.body()).contains("changeType 'URGENT' is not one of [STANDARD, NORMAL, EMERGENCY]");

    Http.Response unknownProject = http.as("irene").postJson("/api/change-requests", Http.json(change("PRJ-NOPE")));
    assertThat(unknownProject.status()).isEqualTo(400);
    assertThat(unknownProject.body()).contains("projectId 'PRJ-NOPE' is not an active project");

    Http.Response engineRest = http.as("irene").postJson(
        "/engine-rest/process-definition/key/ChangeRequestProcess/start",
        "{\"variables\":{\"projectId\":{\"value\":\"PRJ-API-BAD\",\"type\":\"String\"}}}");
    assertThat(engineRest.status()).isEqualTo(400);
    assertThat(engineRest.body()).contains("title is required");
    assertThat(changeInstances()).isEqualTo(before);
  }

  Task approvalFor(String crId, String group) {
    return processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(crId)
        .taskDefinitionKey(ChangeRequestProcess.Elements.APPROVE).list().stream()
        .filter(t -> processEngine.getTaskService().getIdentityLinksForTask(t.getId()).stream()
            .map(IdentityLink::getGroupId).anyMatch(group::equals))
        .findFirst().orElseThrow();
  }

  @Test
  void nobody_approves_their_own_change_in_tasklist_over_engine_rest_or_through_the_api() {
    project("PRJ-API-4EYES");
    // maria, a project manager, raises the change herself
    Http.Response raised = http.as("maria").postJson("/api/change-requests", Http.json(change("PRJ-API-4EYES")));
    assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
    String crId = raised.json().get("changeRequestId").asText();
    assertThat(crId).isEqualTo("CR-PRJ-API-4EYES-1");
    Task assess = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(crId)
        .taskDefinitionKey(ChangeRequestProcess.Elements.ASSESS).singleResult();
    Map<String, Object> assessment = ChangeRequestProcessTest.assessment("LOW", "NONE");
    StringBuilder vars = new StringBuilder("{\"variables\":{");
    assessment.forEach((k, v) -> vars.append('"').append(k).append("\":{\"value\":")
        .append(v instanceof String ? "\"" + v + "\"" : v).append("},"));
    vars.setLength(vars.length() - 1);
    vars.append("}}");
    Http.Response assessed = http.as("mike").postJson("/engine-rest/task/" + assess.getId() + "/complete", vars.toString());
    assertThat(assessed.status()).as(assessed.toString()).isEqualTo(204);
    Task pmApproval = approvalFor(crId, "projectManagers");

    // Tasklist: claim and complete through the webapp's own engine API (session + CSRF)
    TasklistSession tasklist = TasklistSession.login(port, "maria");
    Http.Response claim = tasklist.postJson("task/" + pmApproval.getId() + "/claim", "{\"userId\":\"maria\"}");
    assertThat(claim.status()).as(claim.toString()).isEqualTo(403);
    // the requester holds a REVOKE on her change's approval tasks: the engine refuses before HITGov's own check
    assertThat(claim.body()).as("refused by the per-task REVOKE").contains("does not have").contains(pmApproval.getId());
    assertThat(tasklist.getEngine("task/" + pmApproval.getId()).status()).as("not even readable").isIn(403, 404);
    Http.Response submit = tasklist.postJson("task/" + pmApproval.getId() + "/submit-form",
        "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(submit.status()).as(submit.toString()).isEqualTo(403);

    // /engine-rest
    Http.Response rest = http.as("maria").postJson("/engine-rest/task/" + pmApproval.getId() + "/complete",
        "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(rest.status()).isEqualTo(403);

    // HITGov's API
    Http.Response api = http.as("maria").postJson("/api/change-requests/" + crId + "/approvals",
        "{\"approved\":true}");
    assertThat(api.status()).isEqualTo(403);
    assertThat(api.body()).contains("requester is never the approver");
    assertThat(processEngine.getTaskService().createTaskQuery().taskId(pmApproval.getId()).count())
        .as("still open").isEqualTo(1);

    // another project manager decides through the API; a user without an open approval is refused
    Http.Response byMike = http.as("mike").postJson("/api/change-requests/" + crId + "/approvals",
        "{\"approved\":true,\"decisionComment\":\"Within contingency\"}");
    assertThat(byMike.status()).as(byMike.toString()).isEqualTo(200);
    assertThat(byMike.json().get("approvals").get(0).get("userId").asText()).isEqualTo("mike");
    assertThat(http.as("tina").postJson("/api/change-requests/" + crId + "/approvals", "{\"approved\":true}").status())
        .isEqualTo(403);
    assertThat(http.as("peter").postJson("/api/change-requests/" + crId + "/approvals", "{\"approved\":true,"
        + "\"extra\":1}").status()).as("only the approval's fields").isEqualTo(400);
  }

  @Test
  void the_change_log_shows_cumulative_cost_and_schedule_impact() {
    project("PRJ-API-LOG");
    for (long cost : new long[] {10_000, 20_000}) {
      Map<String, Object> change = change("PRJ-API-LOG");
      change.put("costImpact", cost);
      change.put("scheduleImpactDays", 3);
      String crId = http.as("irene").postJson("/api/change-requests", Http.json(change)).json()
          .get("changeRequestId").asText();
      String instance = processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(crId)
          .singleResult().getId();
      ChangeSteps.toVerification(processEngine, instance, "CHG-" + cost);
      ChangeSteps.verify(processEngine, instance);
    }
    JsonNode log = http.as("stella").get("/api/projects/PRJ-API-LOG/changes").json();
    assertThat(log.at("/totals/approvedChanges").asInt()).isEqualTo(2);
    assertThat(log.at("/totals/approvedCostImpact").asLong()).isEqualTo(30_000);
    assertThat(log.at("/totals/approvedScheduleImpactDays").asInt()).isEqualTo(6);
    assertThat(log.at("/totals/currentBudget").asLong()).isEqualTo(1_030_000);
    assertThat(log.at("/totals/baselineBudget").asLong()).isEqualTo(1_000_000);
    assertThat(log.at("/totals/scopeCreepPercent").asDouble()).isEqualTo(3.0);
    assertThat(log.get("changes")).hasSize(2);
    assertThat(log.get("baselineChanges").findValuesAsText("field")).containsExactly("BUDGET", "SCHEDULE", "BUDGET",
        "SCHEDULE");
    JsonNode one = http.as("irene").get("/api/change-requests/CR-PRJ-API-LOG-1").json();
    assertThat(one.at("/changeRequest/requester").asText()).isEqualTo("irene");
    assertThat(one.at("/changeRequest/status").asText()).isEqualTo("CLOSED");
    assertThat(http.as("tina").get("/api/projects/PRJ-NONE/changes").status()).isEqualTo(404);
    String metrics = http.as("admin").get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("hitgov_change_requests\\{[^}]*status=\"CLOSED\",type=\"NORMAL\"[^}]*} 2\\.0")
        .containsPattern("hitgov_change_approved_cost_usd\\{[^}]*} 30000\\.0");
    // approvals, events and baseline changes are chained to the project, intact (docs/security-audit.md)
    JsonNode audit = http.as("paula").get("/api/audit/verify").json();
    assertThat(audit.get("breaks")).as(audit.toString()).isEmpty();
    assertThat(audit.get("rows").asLong()).isPositive();
  }
}
