package io.hitgov.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.TasklistSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's side surfaces, where Camunda checks no permission: jobs that belong to no process, the
 * password check of {@code identity/verify}, and comments and attachments (docs/security-errors.md).
 */
@HitgovSpringTest
class SideSurfacesTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired org.camunda.bpm.engine.FilterService filterService;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    if (http.as("admin").get("/engine-rest/process-definition/key/SideSurfacesProbeProcess").status() == 404) {
      var model = Bpmn.createExecutableProcess("SideSurfacesProbeProcess").camundaHistoryTimeToLiveString("P4018D")
          .startEvent()
          .userTask("UserTask_Work").name("Work").camundaCandidateGroups("projectManagers")
          .endEvent("EndEvent_Done")
          .done();
      assertThat(http.as("admin").deployBytes("side-surfaces-probe", Map.of("SideSurfacesProbeProcess.bpmn",
          Bpmn.convertToString(model).getBytes(UTF_8))).status()).isEqualTo(200);
    }
  }

  @Test
  void only_operators_change_the_history_cleanup_job() {
    if (historyService.findHistoryCleanupJobs().isEmpty()) {
      historyService.cleanUpHistoryAsync(false);
    }
    Job cleanup = historyService.findHistoryCleanupJobs().get(0);
    String job = "/engine-rest/job/" + cleanup.getId();
    for (String user : List.of("paula", "maria")) {
      assertThat(http.as(user).postJson(job + "/execute", "").status()).as(user + " executes").isEqualTo(403);
      assertThat(http.as(user).delete(job).status()).as(user + " deletes").isEqualTo(403);
      Http.Response suspended = http.as(user).putJson(job + "/suspended", "{\"suspended\":true}");
      assertThat(suspended.status()).as(user + " suspends: " + suspended).isEqualTo(403);
      assertThat(suspended.body()).contains("belongs to no process");
      assertThat(http.as(user).putJson(job + "/retries", "{\"retries\":0}").status()).isEqualTo(403);
      assertThat(http.as(user).putJson(job + "/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}").status())
          .isEqualTo(403);
      assertThat(http.as(user).putJson(job + "/priority", "{\"priority\":99}").status()).isEqualTo(403);
      assertThat(http.as(user).postJson("/engine-rest/engine/default/job/" + cleanup.getId() + "/execute", "")
          .status()).as("the named engine's path").isEqualTo(403);
    }
    Job after = managementService.createJobQuery().jobId(cleanup.getId()).singleResult();
    assertThat(after).as("the cleanup job is still there").isNotNull();
    assertThat(after.isSuspended()).isFalse();
    assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
    assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
    Http.Response byOperator = http.as("admin").putJson(job + "/retries", "{\"retries\":" + cleanup.getRetries() + "}");
    assertThat(byOperator.status()).as("operators may: " + byOperator).isEqualTo(204);
  }

  @Test
  void only_operators_change_the_job_definitions_and_incidents_of_a_batch() {
    String instance = runtimeService.startProcessInstanceByKey("SideSurfacesProbeProcess").getId();
    Batch batch = runtimeService.deleteProcessInstancesAsync(List.of(instance), "side surfaces probe");
    managementService.suspendBatchById(batch.getId());
    try {
      String definition = "/engine-rest/job-definition/" + batch.getSeedJobDefinitionId();
      Http.Response resumed = http.as("felix").putJson(definition + "/suspended",
          "{\"suspended\": false, \"includeJobs\": true}");
      assertThat(resumed.status()).as("resuming a suspended batch's seed: " + resumed).isEqualTo(403);
      assertThat(resumed.body()).contains("job definition").contains("belongs to no process");
      assertThat(http.as("felix").putJson(definition + "/retries", "{\"retries\": 0}").status()).isEqualTo(403);
      assertThat(http.as("felix").putJson(definition + "/jobPriority", "{\"priority\": 5}").status()).isEqualTo(403);
      Job seed = managementService.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).singleResult();
      assertThat(seed.isSuspended()).as("the batch stays suspended").isTrue();
      assertThat(http.as("felix").putJson("/engine-rest/job/suspended",
          "{\"jobDefinitionId\": \"" + batch.getSeedJobDefinitionId() + "\", \"suspended\": false}").status())
          .as("its jobs by their definition").isEqualTo(403);

      managementService.setJobRetries(seed.getId(), 0);
      String incident = runtimeService.createIncidentQuery().jobDefinitionIdIn(batch.getSeedJobDefinitionId())
          .singleResult().getId();
      assertThat(http.as("felix").put("/engine-rest/incident/" + incident + "/annotation",
          "{\"annotation\": \"nothing to see\"}").status()).as("annotating its incident").isEqualTo(403);
      assertThat(http.as("felix").get("/engine-rest/job/" + seed.getId() + "/stacktrace").status())
          .as("reading its stack trace").isEqualTo(403);
      String logEntry = historyService.createHistoricJobLogQuery().jobId(seed.getId()).list().get(0).getId();
      assertThat(http.as("felix").get("/engine-rest/history/job-log/" + logEntry + "/stacktrace").status())
          .as("reading it through the job's log").isEqualTo(403);
      assertThat(http.as("admin").put("/engine-rest/incident/" + incident + "/annotation",
          "{\"annotation\": \"operator looked\"}").status()).as("operators may").isEqualTo(204);
    } finally {
      managementService.deleteBatch(batch.getId(), true);
      runtimeService.deleteProcessInstanceIfExists(instance, "side surfaces probe", true, true, true, true);
    }
  }

  /** The webapps' own APIs answer bad input as /engine-rest does: a 400 that names no Java class. */
  @Test
  void the_webapps_apis_answer_a_null_with_a_400_not_a_stack_of_class_names() {
    TasklistSession tasklist = TasklistSession.login(port, "paula");
    for (String[] request : new String[][] {
        {"/camunda/api/engine/engine/default/task", "{\"sorting\": [null]}"},
        {"/camunda/api/engine/engine/default/message", "null"},
        {"/camunda/api/cockpit/plugin/base/default/process-instance", "{\"variables\": [null]}"},
        {"/camunda/api/cockpit/plugin/base/default/process-instance", "null"}}) {
      Http.Response answer = tasklist.postJsonAt(request[0], request[1]);
      assertThat(answer.status()).as(request[0] + " " + request[1] + ": " + answer).isEqualTo(400);
      assertThat(answer.body()).contains("null").doesNotContain("NullPointerException", "org.camunda", "Cannot invoke");
    }
  }

  @Test
  void error_messages_name_no_java_packages() {
    for (String[] request : new String[][] {{"/engine-rest/task", "{\"orQueries\": {}}"},
        {"/engine-rest/message", "{\"messageName\": \"GoLiveDateChanged\", \"businessKey\": \"NO-SUCH-PROJECT\"}"},
        {"/engine-rest/task", "{\"dueBefore\": \"tomorrow\"}"}}) {
      Http.Response answer = http.as("paula").postJson(request[0], request[1]);
      assertThat(answer.status()).as(request[1] + ": " + answer).isBetween(400, 499);
      assertThat(answer.body()).doesNotContain("org.camunda", "java.util", "com.fasterxml");
    }
  }

  /** Camunda counted a user's refused execution as a failure of the job: one retry less per attempt. */
  @Test
  void a_refused_execution_spends_no_retry_of_a_process_job() {
    io.hitgov.support.Projects.start(http, "EHR-JOB-1");
    String lifecycle = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("EHR-JOB-1")
        .processDefinitionKey("ImplementationLifecycleProcess").singleResult().getId();
    List<Job> jobs = managementService.createJobQuery().processInstanceId(lifecycle).list();
    assertThat(jobs).as("the lifecycle waits on jobs (timers)").isNotEmpty();
    Job job = jobs.get(0);
    for (int attempt = 0; attempt < 4; attempt++) {
      assertThat(http.as("felix").postJson("/engine-rest/job/" + job.getId() + "/execute", "").status())
          .as("facilities executes a project's job").isIn(403, 404);
    }
    Job after = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(job.getRetries());
    assertThat(managementService.createJobQuery().jobId(job.getId()).withException().count()).isZero();
  }

  @Test
  void a_filter_takes_no_expressions_in_the_or_queries_a_caller_adds() {
    String filter = filterService.createFilterQuery().list().get(0).getId();
    Http.Response listed = http.as("maria").postJson("/engine-rest/filter/" + filter + "/list",
        "{\"orQueries\": [{\"assigneeExpression\": \"${execution}\"}]}");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(400);
    assertThat(listed.body()).contains("orQueries");
    assertThat(http.as("maria").postJson("/engine-rest/filter/" + filter + "/count",
        "{\"orQueries\": [{\"assigneeExpression\": \"${currentUser()}\"}]}").status()).isEqualTo(400);
    assertThat(http.as("maria").postJson("/engine-rest/filter/" + filter + "/list", "{}").status())
        .as("the filter itself").isEqualTo(200);
  }

  /** maria manages the project; mike, another project manager, may read it but not keep its records. */
  @Test
  void a_project_manager_keeps_the_records_of_the_projects_they_manage_only() {
    io.hitgov.support.Projects.start(http, "EHR-SCOPE-1");
    String base = "/api/projects/EHR-SCOPE-1";
    String outsider = "{\"email\": \"someone@elsewhere.example\", \"role\": \"Observer\", \"interest\": \"HIGH\","
        + " \"receives\": [\"STATUS_REPORT\", \"GATE_DECISIONS\"]}";
    Http.Response byOtherManager = http.as("mike").postJson(base + "/stakeholders", outsider);
    assertThat(byOtherManager.status()).as("mike adds a reader of maria's reports: " + byOtherManager).isEqualTo(403);
    assertThat(byOtherManager.body()).contains("maria manages EHR-SCOPE-1");
    assertThat(http.as("mike").postJson(base + "/conversion-domains",
        "{\"domain\": \"ALLERGIES\", \"scope\": \"MIGRATE\"}").status()).isEqualTo(403);
    assertThat(http.as("mike").postJson(base + "/interfaces", "{}").status()).isEqualTo(403);
    assertThat(http.as("mike").get(base + "/stakeholders").status()).as("reading stays open").isEqualTo(200);

    Http.Response byManager = http.as("maria").postJson(base + "/stakeholders",
        outsider.replace("someone@elsewhere.example", "cio@demo.hitgov.invalid"));
    assertThat(byManager.status()).as(byManager.toString()).isEqualTo(201);
    String stakeholder = byManager.json().get("stakeholderId").asText();
    assertThat(http.as("mike").delete(base + "/stakeholders/" + stakeholder).status()).isEqualTo(403);
    assertThat(http.as("paula").postJson(base + "/conversion-domains",
        "{\"domain\": \"ALLERGIES\", \"scope\": \"MIGRATE\"}").status()).as("the PMO keeps every project's")
        .isEqualTo(201);
    assertThat(http.as("maria").delete(base + "/stakeholders/" + stakeholder).status()).isEqualTo(204);
  }

  @Test
  void no_one_checks_passwords_through_identity_verify() {
    String guess = "{\"username\":\"admin\",\"password\":\"guess\"}";
    for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify",
        "/engine-rest/identity/verify/")) {
      Http.Response verified = http.as("maria").postJson(path, guess);
      assertThat(verified.status()).as(path + ": " + verified).isEqualTo(403);
      assertThat(verified.body()).contains("identity/verify");
    }
    assertThat(http.as("admin").postJson("/engine-rest/identity/verify", guess).status()).isEqualTo(403);
    assertThat(Http.on(port).post("/engine-rest/identity/verify", "application/json", guess).status())
        .as("anonymous").isEqualTo(401);
  }

  /**
   * Tasklist's Comments tab reaches the task through its history, which the PMO may read and most
   * approvers may not; the rules hold on the Java API too, where a candidate works on the task.
   */
  @Test
  void comments_are_written_by_who_works_on_the_open_task_and_edited_by_their_author() {
    String instance = runtimeService.startProcessInstanceByKey("SideSurfacesProbeProcess").getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    String comments = "/engine-rest/task/" + task + "/comment";

    Http.Response byPmo = http.as("paula").postJson(comments + "/create", "{\"message\":\"PMO was here\"}");
    assertThat(byPmo.status()).as("read-only PMO: " + byPmo).isEqualTo(403);
    assertThat(byPmo.body()).contains("paula");
    String comment = as("mike", () -> taskService.createComment(task, instance, "Vendor confirmed")).getId();
    Http.Response tooLong = http.as("admin").postJson(comments + "/create",
        "{\"message\":\"" + "x".repeat(4001) + "\"}");
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.body()).contains("message").contains("4000");

    assertThatThrownBy(() -> as("maria", () -> {
      taskService.updateTaskComment(task, comment, "Vendor refused");
      return null;
    })).as("a fellow candidate rewrites mike's comment").isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("only its author mike");
    assertThatThrownBy(() -> as("maria", () -> {
      taskService.deleteTaskComment(task, comment);
      return null;
    })).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as("maria", () -> {
      taskService.deleteTaskComments(task);
      return null;
    })).as("all comments at once").isInstanceOf(AuthorizationException.class);
    assertThat(http.as("paula").put(comments, "{\"id\":\"" + comment + "\",\"message\":\"Vendor refused\"}")
        .status()).isEqualTo(403);
    assertThat(taskService.getTaskComments(task)).singleElement()
        .satisfies(kept -> assertThat(kept.getFullMessage()).isEqualTo("Vendor confirmed"));
    as("mike", () -> {
      taskService.updateTaskComment(task, comment, "Vendor confirmed in writing");
      return null;
    });

    String other = runtimeService.startProcessInstanceByKey("SideSurfacesProbeProcess").getId();
    assertThatThrownBy(() -> as("mike", () -> taskService.createComment(task, other, "into another record")))
        .as("a comment on my task, filed under another instance").hasMessageContaining("processInstanceId");
    assertThat(taskService.getProcessInstanceComments(other)).isEmpty();
    runtimeService.deleteProcessInstance(other, "side surfaces probe");

    assertThatThrownBy(() -> as("paula", "pmo", () -> taskService.createComment(null, instance, "PMO note")))
        .as("a comment on the instance needs UPDATE on it").isInstanceOf(AuthorizationException.class);
    assertThat(taskService.getProcessInstanceComments(instance))
        .extracting(org.camunda.bpm.engine.task.Comment::getFullMessage).doesNotContain("PMO note");

    taskService.complete(task);
    assertThatThrownBy(() -> as("mike", () -> taskService.createComment(task, instance, "late note")))
        .as("a completed task's record").isInstanceOf(AuthorizationException.class).hasMessageContaining("completed");
    assertThat(http.as("paula").postJson(comments + "/create", "{\"message\":\"late note\"}").status())
        .isEqualTo(403);
    assertThat(taskService.getTaskComments(task)).singleElement()
        .satisfies(kept -> assertThat(kept.getFullMessage()).isEqualTo("Vendor confirmed in writing"));
  }

  @Test
  void attachments_are_links_added_by_who_works_on_the_open_task() {
    String instance = runtimeService.startProcessInstanceByKey("SideSurfacesProbeProcess").getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    String create = "/engine-rest/task/" + task + "/attachment/create";

    Http.Response file = http.as("admin").post(create, MULTIPART, multipart(Map.of("attachment-name", "scan.pdf",
        "attachment-type", "application/pdf", "content", "%PDF-1.4 patient chart")));
    assertThat(file.status()).as("an uploaded file: " + file).isEqualTo(400);
    assertThat(file.body()).contains("content");
    Http.Response script = http.as("admin").post(create, MULTIPART, multipart(Map.of("attachment-name", "click me",
        "url", "javascript:alert(document.cookie)")));
    assertThat(script.status()).as(script.toString()).isEqualTo(400);
    assertThat(script.body()).contains("url");
    Http.Response byPmo = http.as("paula").post(create, MULTIPART, multipart(Map.of("attachment-name", "Runbook",
        "url", "https://dms.example.org/DOC-1")));
    assertThat(byPmo.status()).as("read-only PMO: " + byPmo).isEqualTo(403);
    assertThat(taskService.getTaskAttachments(task)).isEmpty();
    String attachment = as("mike", () -> taskService.createAttachment("link", task, instance, "Runbook",
        "cut-over runbook", "https://dms.example.org/DOC-1")).getId();

    assertThatThrownBy(() -> as("paula", "pmo", () -> {
      var renamed = taskService.getAttachment(attachment);
      renamed.setName("Renamed by the PMO");
      taskService.saveAttachment(renamed);
      return null;
    })).as("editing an attachment of a task the PMO does not work on").isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as("mike", () -> {
      var renamed = taskService.getAttachment(attachment);
      renamed.setName("x".repeat(256));
      taskService.saveAttachment(renamed);
      return null;
    })).hasMessageContaining("attachment-name");
    assertThat(taskService.getAttachment(attachment).getName()).isEqualTo("Runbook");
    Http.Response deleted = http.as("paula").delete("/engine-rest/task/" + task + "/attachment/" + attachment);
    // Camunda's REST resource answers every refused deletion with 404, dropping the reason
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(404);
    assertThat(taskService.getAttachment(attachment)).as("kept").isNotNull();
    taskService.complete(task);
    assertThatThrownBy(() -> as("mike", () -> {
      taskService.deleteTaskAttachment(task, attachment);
      return null;
    })).as("a completed task's record").isInstanceOf(AuthorizationException.class);
    assertThat(taskService.getAttachment(attachment)).isNotNull();
  }

  @Test
  void a_user_keeps_their_account_and_address_and_sets_only_strong_passwords() {
    String password = "Gov3rnance!Lane";
    if (identityService.createUserQuery().userId("olga").count() == 0) {
      var user = identityService.newUser("olga");
      user.setFirstName("Olga");
      user.setLastName("Owner");
      user.setEmail("olga@demo.hitgov.invalid");
      user.setPassword(password);
      identityService.saveUser(user);
      identityService.createMembership("olga", "projectManagers");
    }
    try {
      olgaKeepsHerAccount(password);
    } finally {
      identityService.deleteUser("olga");
    }
  }

  private void olgaKeepsHerAccount(String password) {
    Http olga = http.as("olga", password);
    Http.Response deleted = olga.delete("/engine-rest/user/olga");
    assertThat(deleted.status()).as("deleting oneself: " + deleted).isEqualTo(403);
    assertThat(deleted.body()).contains("own account");
    Http.Response readdressed = olga.put("/engine-rest/user/olga/profile",
        "{\"id\":\"olga\",\"firstName\":\"Olga\",\"lastName\":\"Owner\",\"email\":\"olga@elsewhere.example\"}");
    assertThat(readdressed.status()).as("one's own e-mail address: " + readdressed).isEqualTo(403);
    assertThat(olga.put("/engine-rest/user/olga/profile",
        "{\"id\":\"olga\",\"firstName\":\"Olga M.\",\"lastName\":\"Owner\",\"email\":\"olga@demo.hitgov.invalid\"}")
        .status()).as("one's own name").isEqualTo(204);
    Http.Response weak = olga.put("/engine-rest/user/olga/credentials",
        "{\"password\":\"olga\",\"authenticatedUserPassword\":\"" + password + "\"}");
    assertThat(weak.status()).as("a weak password: " + weak).isEqualTo(400);
    assertThat(weak.body()).contains("password policy").contains("at least 10 characters");
    assertThat(identityService.checkPassword("olga", password)).isTrue();
    assertThat(http.as("admin").put("/engine-rest/user/olga/profile",
        "{\"id\":\"olga\",\"firstName\":\"Olga\",\"lastName\":\"Owner\",\"email\":\"olga.owner@demo.hitgov.invalid\"}")
        .status()).as("operators set the address").isEqualTo(204);
    assertThat(identityService.createUserQuery().userId("olga").singleResult().getEmail())
        .isEqualTo("olga.owner@demo.hitgov.invalid");
    String stronger = "Gov3rnance!Lane2";
    assertThat(olga.put("/engine-rest/user/olga/credentials",
        "{\"password\":\"" + stronger + "\",\"authenticatedUserPassword\":\"" + password + "\"}").status())
        .as("a strong password").isEqualTo(204);
    assertThat(identityService.checkPassword("olga", stronger)).isTrue();
  }

  /** What {@code work} returns when {@code user}, a project manager (or a member of {@code group}), does it through the Java API. */
  private <T> T as(String user, java.util.function.Supplier<T> work) {
    return as(user, "projectManagers", work);
  }

  private <T> T as(String user, String group, java.util.function.Supplier<T> work) {
    identityService.setAuthentication(user, List.of(group));
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static final String BOUNDARY = "hitgov-probe-boundary";
  private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  private static String multipart(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((name, value) -> body.append("--").append(BOUNDARY).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append('"')
        .append(name.equals("content") ? "; filename=\"scan.pdf\"\r\nContent-Type: application/pdf" : "")
        .append("\r\n\r\n").append(value).append("\r\n"));
    return body.append("--").append(BOUNDARY).append("--\r\n").toString();
  }
}
