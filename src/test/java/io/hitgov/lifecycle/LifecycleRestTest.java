package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaGateDriver;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lifecycle through HTTP: starting a project (HITGov API and /engine-rest), a whole project
 * from G0 to closure with every task completed through /engine-rest by a user of the task's group,
 * the project API and moving the go-live date.
 */
@HitgovSpringTest
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class LifecycleRestTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
  }

  /** Camunda's typed-variable JSON for a completion. */
  static String completion(Map<String, Object> variables) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode vars = root.putObject("variables");
    variables.forEach((name, value) -> {
      if (value == null) {
        return;
      }
      ObjectNode v = vars.putObject(name);
      if (value instanceof Boolean b) {
        v.put("value", b).put("type", "Boolean");
      } else if (value instanceof Long l) {
        v.put("value", l).put("type", "Long");
      } else if (value instanceof Integer i) {
        v.put("value", i).put("type", "Integer");
      } else {
        v.put("value", value.toString()).put("type", "String");
      }
    });
    return root.toString();
  }

  Map<String, Object> project(String projectId) {
    return LifecycleDriver.project(projectId, EngineClock.today().plusDays(800).toString(), false);
  }

  long instances() {
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).count();
  }

  @Test
  void a_bad_start_is_400_naming_the_field_and_starts_nothing() {
    long before = instances();
    Map<String, Object> missing = project("EHR-R-BAD");
    missing.remove("goLiveDate");
    Http.Response noDate = http.as("paula").postJson("/api/projects", Http.json(missing));
    assertThat(noDate.status()).as(noDate.toString()).isEqualTo(400);
    assertThat(noDate.body()).contains("goLiveDate is required");

    Map<String, Object> typed = project("EHR-R-BAD");
    typed.put("budget", "lots");
    Http.Response wrongType = http.as("paula").postJson("/api/projects", Http.json(typed));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body()).contains("budget must be a Long");

    Map<String, Object> badType = project("EHR-R-BAD");
    badType.put("projectType", "SPACESHIP");
    Http.Response type = http.as("paula").postJson("/api/projects", Http.json(badType));
    assertThat(type.status()).as(type.toString()).isEqualTo(400);
    assertThat(type.body()).contains("projectType").contains("SMALL_APPLICATION");

    Map<String, Object> notSponsor = project("EHR-R-BAD");
    notSponsor.put("sponsor", "tina");
    Http.Response sponsor = http.as("paula").postJson("/api/projects", Http.json(notSponsor));
    assertThat(sponsor.status()).isEqualTo(400);
    assertThat(sponsor.body()).contains("sponsor 'tina' is not a member of executiveSponsor");

    Http.Response engineRest = http.as("paula").postJson(
        "/engine-rest/process-definition/key/ImplementationLifecycleProcess/start",
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-R-BAD\",\"type\":\"String\"}}}");
    assertThat(engineRest.status()).as(engineRest.toString()).isEqualTo(400);
    assertThat(engineRest.body()).contains("projectName is required");

    Http.Response training = http.as("tina").postJson("/api/projects", Http.json(project("EHR-R-BAD")));
    assertThat(training.status()).as("only the PMO and project managers start projects").isEqualTo(403);
    assertThat(instances()).isEqualTo(before);

    assertThat(http.as("maria").postJson("/api/projects", Http.json(project("EHR-R-DUP"))).status()).isEqualTo(201);
    Http.Response duplicate = http.as("paula").postJson("/api/projects", Http.json(project("EHR-R-DUP")));
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.body()).contains("projectId 'EHR-R-DUP' is already registered");
    assertThat(instances()).isEqualTo(before + 1);
  }

  // ---------------------------------------------------------------- one project, G0 to closure, over HTTP

  String group(Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElse(null);
  }

  Object variable(Task task, String name) {
    return processEngine.getTaskService().getVariable(task.getId(), name);
  }

  String userFor(Task task) {
    String key = task.getTaskDefinitionKey();
    return switch (key) {
      case StageGateReviewProcess.Elements.ASSEMBLE_EVIDENCE -> LifecycleDriver.EVIDENCE_SUBMITTER;
      case StageGateReviewProcess.Elements.SCORE_READINESS -> "paula";
      case StageGateReviewProcess.Elements.REVIEW -> LifecycleDriver.SIGNERS.get(group(task));
      case HipaaAuditGateProcess.Elements.DEFINE_SCOPE -> "sophia";
      case HipaaAuditGateProcess.Elements.SUBMIT_EVIDENCE ->
          HipaaGateDriver.submitterFor((String) variable(task, "specOwnerGroup"));
      case HipaaAuditGateProcess.Elements.RECORD_BAA -> "olivia";
      case HipaaAuditGateProcess.Elements.SIGN_SECURITY -> "simon";
      case HipaaAuditGateProcess.Elements.SIGN_PRIVACY -> "oscar";
      case HipaaAuditGateProcess.Elements.ACKNOWLEDGE_RESIDUAL_RISK -> "evelyn";
      default -> LifecycleDriver.DOERS.get(group(task));
    };
  }

  Map<String, Object> answerFor(Task task) {
    String key = task.getTaskDefinitionKey();
    return switch (key) {
      case StageGateReviewProcess.Elements.ASSEMBLE_EVIDENCE -> Map.of("evidenceReferences", "DMS-PACK-1 v3");
      case StageGateReviewProcess.Elements.SCORE_READINESS -> LifecycleDriver.allGreen();
      case StageGateReviewProcess.Elements.REVIEW -> Map.of("gateOutcome", "GO");
      case HipaaAuditGateProcess.Elements.DEFINE_SCOPE -> Map.of("scopeSystems", "Inpatient EHR",
          "scopeHosting", "Vendor-hosted", "scopeInterfaces", "ADT, lab results", "scopeDataFlows", "EHR to lab",
          "businessAssociates", "Acme EHR Hosting");
      case HipaaAuditGateProcess.Elements.SUBMIT_EVIDENCE -> HipaaGateDriver.cleanAnswer((String) variable(task, "specId"));
      case HipaaAuditGateProcess.Elements.RECORD_BAA -> HipaaGateDriver.executedBaa(null);
      case HipaaAuditGateProcess.Elements.SIGN_SECURITY -> Map.of("securitySignOffApproved", "true");
      case HipaaAuditGateProcess.Elements.SIGN_PRIVACY -> Map.of("privacySignOffApproved", "true");
      case HipaaAuditGateProcess.Elements.ACKNOWLEDGE_RESIDUAL_RISK -> Map.of("residualRiskAccepted", true);
      default -> LifecycleDriver.deliverable(key);
    };
  }

  /** What the job executor would do: async continuations (none of the far-off timers are due). */
  void runDueJobs() {
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = processEngine.getManagementService().createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
    }
  }

  @Test
  void a_project_runs_from_g0_to_closure_through_the_rest_api() {
    Map<String, Object> start = project("EHR-R-E2E");
    start.put("vendorSelectionRequired", true);
    Http.Response created = http.as("maria").postJson("/api/projects", Http.json(start));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("projectId").asText()).isEqualTo("EHR-R-E2E");

    boolean refusedOutsider = false;
    Set<String> completedKeys = new java.util.HashSet<>();
    for (int step = 0; step < 400; step++) {
      runDueJobs();
      List<Task> open = processEngine.getTaskService().createTaskQuery()
          .processInstanceBusinessKeyLike("%EHR-R-E2E%").orderByTaskCreateTime().asc().list();
      if (open.isEmpty()) {
        break;
      }
      Task task = open.get(0);
      if (!refusedOutsider && StageGateReviewProcess.Elements.REVIEW.equals(task.getTaskDefinitionKey())) {
        Http.Response outsider = http.as("tina").postJson("/engine-rest/task/" + task.getId() + "/complete",
            completion(Map.of("gateOutcome", "GO")));
        assertThat(outsider.status()).as("a training lead cannot sign " + task.getName()).isEqualTo(403);
        refusedOutsider = true;
      }
      String user = userFor(task);
      Http.Response done = http.as(user).postJson("/engine-rest/task/" + task.getId() + "/complete",
          completion(answerFor(task)));
      assertThat(done.status()).as(task.getName() + " by " + user + ": " + done).isEqualTo(204);
      completedKeys.add(task.getTaskDefinitionKey());
    }
    assertThat(refusedOutsider).isTrue();
    assertThat(completedKeys).contains("UserTask_SelectVendor", "UserTask_SignOffUat", "UserTask_ConfirmGoLive",
        HipaaAuditGateProcess.Elements.SIGN_PRIVACY, StageGateReviewProcess.Elements.SCORE_READINESS);

    JsonNode project = http.as("stella").get("/api/projects/EHR-R-E2E").json();
    assertThat(project.get("status").asText()).isEqualTo("CLOSED");
    assertThat(project.get("currentPhase").asText()).isEqualTo("P9");
    assertThat(project.get("actualGoLiveDate").asText()).isEqualTo(EngineClock.today().toString());
    assertThat(project.get("phases")).hasSize(10);
    assertThat(project.get("deliverables").size()).isGreaterThan(25);

    JsonNode gates = http.as("olivia").get("/api/projects/EHR-R-E2E/gates").json();
    List<String> decisions = new java.util.ArrayList<>();
    gates.get("records").forEach(r -> {
      if ("DECISION".equals(r.get("kind").asText())) {
        decisions.add(r.get("gateId").asText() + ":" + r.get("outcome").asText() + ":v" + r.get("decisionVersion").asInt());
      }
    });
    assertThat(decisions).containsExactly("G0:GO:v1", "G1:GO:v1", "G2:GO:v1", "G3:GO:v1", "G4:GO:v1", "G5:GO:v1",
        "G6:GO:v1", "G7:GO:v1", "G8:GO:v1");
    JsonNode firstVote = null;
    for (JsonNode r : gates.get("records")) {
      if ("VOTE".equals(r.get("kind").asText())) {
        firstVote = r;
        break;
      }
    }
    assertThat(firstVote.get("userId").asText()).as("the sponsor named at the start signs G0 (assigned to her)").isEqualTo("evelyn");
    assertThat(firstVote.get("groupId").asText()).isEqualTo("executiveSponsor");
    assertThat(firstVote.get("at").asText()).isNotBlank();

    JsonNode list = http.as("admin").get("/api/projects?status=CLOSED").json();
    assertThat(list.findValuesAsText("projectId")).contains("EHR-R-E2E");

    String metrics = http.as("admin").get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("hitgov_gate_decisions\\{[^}]*gate=\"G6\",outcome=\"GO\"[^}]*} 1\\.0")
        .containsPattern("hitgov_gate_decisions\\{[^}]*gate=\"G6\",outcome=\"NO_GO\"[^}]*} 0\\.0")
        .containsPattern("hitgov_projects_ended\\{[^}]*status=\"CLOSED\"[^}]*} 1\\.0");
    // the gate record, events, deliverables and readiness scorings are chained to the project, intact
    JsonNode audit = http.as("paula").get("/api/audit/verify").json();
    assertThat(audit.get("breaks")).as(audit.toString()).isEmpty();
    assertThat(audit.get("rows").asLong()).isPositive();
  }

  @Test
  void the_project_api_is_for_governance_groups_and_the_pmo_moves_go_live() {
    assertThat(http.as("paula").postJson("/api/projects", Http.json(project("EHR-R-API"))).status()).isEqualTo(201);
    processEngine.getIdentityService().saveUser(newUser("nobody"));
    try {
      assertThat(http.as("nobody").get("/api/projects").status()).isEqualTo(403);
      assertThat(http.as("nobody").get("/api/projects/EHR-R-API/gates").status()).isEqualTo(403);
    } finally {
      processEngine.getIdentityService().deleteUser("nobody");
    }
    assertThat(http.get("/api/projects").status()).as("never anonymous").isEqualTo(401);
    assertThat(http.as("tina").get("/api/projects/EHR-R-NONE").status()).isEqualTo(404);

    JsonNode one = http.as("tina").get("/api/projects/EHR-R-API").json();
    assertThat(one.get("currentPhase").asText()).isEqualTo("P0");
    assertThat(one.get("nextGate").asText()).isEqualTo("G0");
    assertThat(one.at("/phases/0/plannedStart").asText()).isNotBlank();
    assertThat(one.at("/phases/0/actualStart").asText()).isNotBlank();
    assertThat(one.at("/phases/2/skipped").asBoolean()).as("P2 without vendor selection").isTrue();
    assertThat(one.get("projectType").asText()).as("the default type").isEqualTo("EHR_REPLACEMENT");
    assertThat(one.get("readinessCriteria")).hasSize(20);

    Map<String, Object> telehealth = project("EHR-R-TELE");
    telehealth.put("projectType", "TELEHEALTH");
    assertThat(http.as("paula").postJson("/api/projects", Http.json(telehealth)).status()).isEqualTo(201);
    JsonNode tele = http.as("tina").get("/api/projects/EHR-R-TELE").json();
    assertThat(tele.get("projectType").asText()).isEqualTo("TELEHEALTH");
    assertThat(tele.get("readinessCriteria").toString()).contains("R22", "R23").doesNotContain("R07");

    String moved = EngineClock.today().plusDays(900).toString();
    Http.Response byPm = http.as("maria").postJson("/api/projects/EHR-R-API/go-live-date",
        Http.json(Map.of("newGoLiveDate", moved)));
    assertThat(byPm.status()).as("a project manager moves go-live through a change request").isEqualTo(403);
    Http.Response bad = http.as("paula").postJson("/api/projects/EHR-R-API/go-live-date",
        Http.json(Map.of("newGoLiveDate", "next spring")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("newGoLiveDate 'next spring' is not an ISO date");
    Http.Response ok = http.as("paula").postJson("/api/projects/EHR-R-API/go-live-date",
        Http.json(Map.of("newGoLiveDate", moved, "reason", "Steering committee re-baseline")));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().get("goLiveDate").asText()).isEqualTo(moved);
    JsonNode after = http.as("paula").get("/api/projects/EHR-R-API").json();
    assertThat(after.get("goLiveDate").asText()).isEqualTo(moved);
    List<String> events = after.get("events").findValuesAsText("event");
    assertThat(events).contains("GO_LIVE_MOVED");
    assertThat(after.get("events").toString()).contains("paula").contains("Steering committee re-baseline");
  }

  static org.camunda.bpm.engine.identity.User newUser(String id) {
    var user = new org.camunda.bpm.engine.impl.persistence.entity.UserEntity(id);
    user.setPassword("demo");
    return user;
  }
}
