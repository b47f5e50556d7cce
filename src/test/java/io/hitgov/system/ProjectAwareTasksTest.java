package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.Engine;
import io.hitgov.support.Http;
import io.hitgov.system.identity.IdentitySetup;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasks that say whose and which project, through the public surfaces: HITGov's API and the
 * engine REST API Tasklist uses (filters, task lists, task details). Two projects with different
 * project managers run side by side; each manager finds their own deliverables, named with the
 * project id, assigned to them and due when the phase is planned to end; the phase plan starts
 * today; the requester of a change does not see its approval tasks.
 */
@io.hitgov.support.HitgovSpringTest
class ProjectAwareTasksTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired FilterService filterService;
  @Autowired IdentitySetup identitySetup;
  Http http;
  Engine engine;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    engine = new Engine(processEngine);
  }

  static Map<String, Object> project(String projectId, LocalDate goLive, String projectManager) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", projectId);
    body.put("projectName", "Ambulatory EHR roll-out " + projectId);
    body.put("goLiveDate", goLive.toString());
    body.put("budget", 3_000_000L);
    body.put("sponsor", "evelyn");
    body.put("projectManager", projectManager);
    body.put("vendorSelectionRequired", false);
    return body;
  }

  void start(String projectId, LocalDate goLive, String projectManager) {
    Http.Response created = http.as("paula").postJson("/api/projects", Http.json(project(projectId, goLive, projectManager)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  String filterId(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult().getId();
  }

  /** The tasks a user sees in a Tasklist filter (the same call Tasklist makes). */
  List<JsonNode> filtered(String user, String filter) {
    Http.Response list = http.as(user).postJson("/engine-rest/filter/" + filterId(filter) + "/list?maxResults=200", "{}");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    list.json().forEach(tasks::add);
    return tasks;
  }

  static Date startOfDay(LocalDate day) {
    return Date.from(OffsetDateTime.parse(BusinessCalendar.startOfDay(day)).toInstant());
  }

  LocalDate plannedEnd(String projectId, String phase) {
    for (JsonNode p : http.as("paula").get("/api/projects/" + projectId).json().get("phases")) {
      if (phase.equals(p.get("phase").asText())) {
        return LocalDate.parse(p.get("plannedEnd").asText());
      }
    }
    throw new AssertionError("no phase " + phase);
  }

  @Test
  void a_project_nine_months_from_go_live_starts_on_plan_with_its_phases_compressed() {
    LocalDate today = EngineClock.today();
    LocalDate goLive = today.plusDays(270);
    start("EHR-PLAN-1", goLive, "maria");
    JsonNode phases = http.as("paula").get("/api/projects/EHR-PLAN-1").json().get("phases");
    LocalDate next = today;
    for (JsonNode phase : phases) {
      String id = phase.get("phase").asText();
      LocalDate start = LocalDate.parse(phase.get("plannedStart").asText());
      LocalDate end = LocalDate.parse(phase.get("plannedEnd").asText());
      assertThat(start).as(id + " is not planned in the past").isAfterOrEqualTo(today.minusDays(1));
      if (id.equals("P2") || id.compareTo("P6") > 0) {
        continue; // P2 is tailored away (no vendor selection); P7-P9 start on go-live
      }
      assertThat(start).as(id + " follows its predecessor").isEqualTo(next);
      next = end.plusDays(1);
    }
    assertThat(next).as("P6 ends the day before go-live").isEqualTo(goLive);
    assertThat(plannedEnd("EHR-PLAN-1", "P0")).as("P0 compressed below its 60 planned days").isBefore(today.plusDays(59));
    // nothing is overdue at the start: no stall timer and no due date lies in the past
    assertThat(processEngine.getManagementService().createJobQuery().timers().duedateLowerThan(new Date()).count())
        .isZero();
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-PLAN-1")
        .dueBefore(new Date()).count()).isZero();
  }

  @Test
  void a_go_live_too_close_for_the_minimum_phase_lengths_is_refused_with_the_earliest_feasible_date() {
    LocalDate today = EngineClock.today();
    long before = processEngine.getRuntimeService().createProcessInstanceQuery().count();
    // without vendor selection P0, P1, P3, P4, P5, P6 need at least 10+10+15+20+15+10 = 80 days
    Http.Response refused = http.as("paula").postJson("/api/projects",
        Http.json(project("EHR-PLAN-2", today.plusDays(45), "maria")));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("goLiveDate " + today.plusDays(45) + " is too close")
        .contains("the earliest feasible go-live date is " + today.plusDays(80));

    Map<String, Object> withSelection = project("EHR-PLAN-2", today.plusDays(90), "maria");
    withSelection.put("vendorSelectionRequired", true);
    Http.Response engineRest = http.as("paula").postJson(
        "/engine-rest/process-definition/key/ImplementationLifecycleProcess/start", engineRestVariables(withSelection));
    assertThat(engineRest.status()).as(engineRest.toString()).isEqualTo(400);
    assertThat(engineRest.body()).as("P2 adds its 20 minimum days").contains(today.plusDays(100).toString());
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);

    start("EHR-PLAN-2", today.plusDays(80), "maria");
  }

  static String engineRestVariables(Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
        value instanceof Boolean ? "Boolean" : value instanceof Long ? "Long" : "String")));
    return Http.json(Map.of("variables", variables));
  }

  @Test
  void each_project_manager_finds_their_own_deliverables_named_with_the_project_and_due_when_the_phase_ends() {
    LocalDate goLive = EngineClock.today().plusDays(400);
    start("EHR-MINE-A", goLive, "maria");
    start("EHR-MINE-B", goLive.plusDays(30), "mike");

    List<JsonNode> marias = filtered("maria", IdentitySetup.FILTER_MY_WORK);
    assertThat(marias).extracting(t -> t.get("name").asText())
        .contains("EHR-MINE-A · P0 · Draft project charter and goals", "EHR-MINE-A · P0 · Assess organizational readiness")
        .noneMatch(name -> name.startsWith("EHR-MINE-B"));
    assertThat(filtered("mike", IdentitySetup.FILTER_MY_WORK)).extracting(t -> t.get("name").asText())
        .contains("EHR-MINE-B · P0 · Draft project charter and goals").noneMatch(name -> name.startsWith("EHR-MINE-A"));
    Date p0Due = startOfDay(BusinessCalendar.minusBusinessDays(plannedEnd("EHR-MINE-A", "P0"), 0));
    for (Task task : processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-MINE-A")
        .taskNameLike("EHR-MINE-A · P0 · %").list()) {
      assertThat(task.getAssignee()).as("the named project manager").isEqualTo("maria");
      assertThat(processEngine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
          .as("the group stays candidate as a fallback").contains("projectManagers");
      assertThat(task.getDueDate()).as("due when P0 is planned to end").isEqualTo(p0Due);
      assertThat(task.getFollowUpDate()).as("a reminder a week before").isBefore(p0Due).isAfter(new Date());
      assertThat(task.getDescription()).contains("Done when:");
    }
    // the Description tab (Tasklist reads the task through the REST API)
    Task charter = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-MINE-A")
        .taskDefinitionKey("UserTask_DraftCharter").singleResult();
    assertThat(http.as("maria").get("/engine-rest/task/" + charter.getId()).json().get("description").asText())
        .startsWith("Draft the project charter");

    // the deliverables done, the gate's evidence pack and the sponsor's review follow the same rules
    for (Task task : processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-MINE-A")
        .taskAssignee("maria").list()) {
      Map<String, Object> answer = new HashMap<>();
      answer.put("deliverableDocumentId", "DMS-" + task.getTaskDefinitionKey());
      answer.put("deliverableVersion", "1.0");
      answer.put("deliverableSummary", "Reviewed with the clinical leads");
      engine.complete("maria", task, answer);
    }
    Task pack = processEngine.getTaskService().createTaskQuery().taskDefinitionKey("UserTask_AssembleEvidencePack")
        .processVariableValueEquals("projectId", "EHR-MINE-A").singleResult();
    assertThat(pack.getName()).isEqualTo("EHR-MINE-A · G0 evidence pack");
    assertThat(pack.getAssignee()).isEqualTo("maria");
    assertThat(pack.getDueDate()).isAfter(new Date());
    engine.complete("maria", pack, Map.of("evidenceReferences", "DMS-UserTask_DraftCharter v1.0"));
    List<Task> reviews = processEngine.getTaskService().createTaskQuery().taskDefinitionKey("UserTask_ReviewGate")
        .processVariableValueEquals("projectId", "EHR-MINE-A").list();
    assertThat(reviews).extracting(Task::getName).contains("EHR-MINE-A · G0 review as executiveSponsor");
    assertThat(reviews).allSatisfy(review -> assertThat(review.getDueDate()).isAfter(new Date()));
    assertThat(reviews).filteredOn(r -> r.getName().endsWith("as executiveSponsor")).extracting(Task::getAssignee)
        .as("the sponsor's decision goes to the named sponsor").containsExactly("evelyn");
    assertThat(reviews).filteredOn(r -> !r.getName().endsWith("as executiveSponsor")).extracting(Task::getAssignee)
        .as("other signatory groups claim their review").containsOnlyNulls();
    assertThat(filtered("edward", IdentitySetup.FILTER_MY_WORK)).extracting(t -> t.get("name").asText())
        .as("the other sponsor does not get evelyn's review in his list")
        .doesNotContain("EHR-MINE-A · G0 review as executiveSponsor");
  }

  @Test
  void tasklist_filters_per_role_exist_once_and_are_shared_with_the_groups() {
    identitySetup.afterPropertiesSet(); // a second start changes nothing
    for (String name : List.of(IdentitySetup.FILTER_MY_WORK, IdentitySetup.FILTER_OVERDUE,
        IdentitySetup.FILTER_DUE_THIS_WEEK, IdentitySetup.FILTER_BY_PROJECT, IdentitySetup.FILTER_ALL_OPEN)) {
      assertThat(filterService.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
    }
    assertThat(filterService.createFilterQuery().filterName("My group tasks").count()).as("retired").isZero();

    JsonNode mariasFilters = http.as("maria").get("/engine-rest/filter?resourceType=Task&itemCount=true").json();
    List<String> names = new ArrayList<>();
    mariasFilters.forEach(f -> names.add(f.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder(IdentitySetup.FILTER_MY_WORK, IdentitySetup.FILTER_OVERDUE,
        IdentitySetup.FILTER_DUE_THIS_WEEK, IdentitySetup.FILTER_BY_PROJECT);
    assertThat(mariasFilters.get(0).has("itemCount")).as("Tasklist shows the counts").isTrue();
    JsonNode landing = null;
    for (JsonNode f : mariasFilters) {
      if (landing == null || f.get("properties").get("priority").asInt() < landing.get("properties").get("priority").asInt()) {
        landing = f;
      }
    }
    assertThat(landing.get("name").asText()).as("Tasklist opens the filter with the lowest priority")
        .isEqualTo(IdentitySetup.FILTER_MY_WORK);
    List<String> pmo = new ArrayList<>();
    http.as("paula").get("/engine-rest/filter?resourceType=Task").json().forEach(f -> pmo.add(f.get("name").asText()));
    assertThat(pmo).contains(IdentitySetup.FILTER_ALL_OPEN, IdentitySetup.FILTER_MY_WORK);

    // overdue, due this week and by project, on real tasks
    LocalDate goLive = EngineClock.today().plusDays(500);
    start("EHR-FLT-B", goLive, "maria");
    start("EHR-FLT-A", goLive, "maria");
    List<JsonNode> byProject = filtered("maria", IdentitySetup.FILTER_BY_PROJECT);
    List<String> projects = new ArrayList<>();
    byProject.forEach(t -> projects.add(t.get("name").asText().split(" · ")[0]));
    assertThat(projects).contains("EHR-FLT-A", "EHR-FLT-B").isSorted();
    assertThat(filtered("maria", IdentitySetup.FILTER_OVERDUE)).extracting(t -> t.get("name").asText())
        .noneMatch(n -> n.startsWith("EHR-FLT-"));
    Task charter = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-FLT-A")
        .taskDefinitionKey("UserTask_DraftCharter").singleResult();
    Task readiness = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-FLT-A")
        .taskDefinitionKey("UserTask_AssessReadiness").singleResult();
    charter.setDueDate(Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    processEngine.getTaskService().saveTask(charter);
    readiness.setDueDate(Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(3))));
    processEngine.getTaskService().saveTask(readiness);
    assertThat(filtered("maria", IdentitySetup.FILTER_OVERDUE)).extracting(t -> t.get("name").asText())
        .contains(charter.getName()).doesNotContain(readiness.getName());
    assertThat(filtered("maria", IdentitySetup.FILTER_DUE_THIS_WEEK)).extracting(t -> t.get("name").asText())
        .contains(readiness.getName()).doesNotContain(charter.getName());
  }

  @Test
  void the_requester_never_sees_the_approval_tasks_of_her_own_change() {
    start("EHR-CR-SEE", EngineClock.today().plusDays(400), "maria");
    java.util.Map<String, Object> change = io.hitgov.support.Changes.interfaceChange("EHR-CR-SEE");
    Http.Response raised = http.as("irene").postJson("/api/change-requests", Http.json(change));
    assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
    String changeId = raised.json().get("changeRequestId").asText();
    Task assess = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(ChangeRequestProcess.Elements.ASSESS).singleResult();
    assertThat(assess.getName()).isEqualTo("EHR-CR-SEE · " + changeId + ": assess impact");
    java.util.Map<String, Object> assessment = io.hitgov.support.Changes.assessment("MODERATE");
    engine.complete("mike", assess, assessment);

    List<Task> approvals = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(ChangeRequestProcess.Elements.APPROVE).list();
    Task integration = approvals.stream().filter(t -> t.getName().endsWith("decide as integration")).findFirst()
        .orElseThrow(() -> new AssertionError("no integration approval among " + approvals));
    assertThat(integration.getName()).isEqualTo("EHR-CR-SEE · " + changeId + ": decide as integration");
    assertThat(integration.getDueDate()).isAfter(new Date());

    // irene is in integration, the approving group: the task is not hers to see
    assertThat(filtered("irene", IdentitySetup.FILTER_MY_WORK)).extracting(t -> t.get("id").asText())
        .doesNotContain(integration.getId());
    Http.Response direct = http.as("irene").get("/engine-rest/task/" + integration.getId());
    assertThat(direct.status()).as(direct.toString()).isIn(403, 404);
    Http.Response list = http.as("irene").get("/engine-rest/task?processInstanceBusinessKey=" + changeId);
    assertThat(list.body()).doesNotContain(integration.getId());
    Http.Response claim = http.as("irene").postJson("/engine-rest/task/" + integration.getId() + "/claim",
        "{\"userId\":\"irene\"}");
    assertThat(claim.status()).as(claim.toString()).isIn(403, 404);
    // ivan, the other integration lead, sees and decides it
    assertThat(filtered("ivan", IdentitySetup.FILTER_MY_WORK)).extracting(t -> t.get("id").asText())
        .contains(integration.getId());
  }
}
