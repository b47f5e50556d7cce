package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaRows;
import io.hitgov.support.HitgovSpringTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda Tasklist in a real browser (Debian's Chromium driven by playwright-core) renders
 * HITGov's Camunda Forms and submits them: a PMO user starts a HIPAA gate with its start form, a
 * security officer claims and completes the scope task, and a project manager raises a risk with the
 * risk report form (a select and number fields). Screenshots land in target/browser/.
 * Without node, Chromium or playwright-core the test is skipped loudly; with
 * {@code HITGOV_REQUIRE_BROWSER=true} (set by .ci/run after installing them) it fails instead.
 */
@HitgovSpringTest
class TasklistBrowserTest {

  static final Path SCRIPT = Path.of("src/test/browser/tasklist-hipaa-gate.mjs");
  static final String PROJECT = "EHR-BROWSER-T";

  @LocalServerPort int port;
  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  HipaaRows repository;
  io.hitgov.risk.RiskRows riskRepository;
  io.hitgov.lifecycle.ProjectRows projects;
  io.hitgov.stagegate.GateRows gates;
  io.hitgov.change.ChangeRows changes;

  @Autowired
  void rows(org.springframework.context.ApplicationContext context) {
    repository = HipaaRows.of(context);
    riskRepository = io.hitgov.risk.RiskRows.of(context);
    projects = io.hitgov.lifecycle.ProjectRows.of(context);
    gates = io.hitgov.stagegate.GateRows.of(context);
    changes = io.hitgov.change.ChangeRows.of(context);
  }
  @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;

  static void requireBrowser() {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    boolean ready = new File(chromium).canExecute()
        && Files.isDirectory(Path.of("src/test/browser/node_modules/playwright-core"))
        && onPath("node");
    if (!ready) {
      String message = "browser tests need node, " + chromium
          + " and src/test/browser/node_modules (npm ci in src/test/browser)";
      if (Boolean.parseBoolean(System.getenv("HITGOV_REQUIRE_BROWSER"))) {
        throw new IllegalStateException(message + ", but HITGOV_REQUIRE_BROWSER=true");
      }
      System.err.println("\n*** SKIPPED: Tasklist browser test: " + message + " ***\n");
      Assumptions.abort("SKIPPED LOUDLY: " + message);
    }
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }

  void runScript(Path script, String project, String... more) throws Exception {
    requireBrowser();
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node", script.toString(),
        "http://localhost:" + port, project, "target/browser"));
    command.addAll(java.util.List.of(more));
    Process browser = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
    String output = new String(browser.getInputStream().readAllBytes());
    if (!finished) {
      browser.destroyForcibly();
    }
    assertThat(finished).as("browser check finished in time: " + output).isTrue();
    assertThat(browser.exitValue()).as(output).isZero();
  }

  @Test
  void tasklist_starts_a_project_and_walks_its_deliverables_and_first_gate() throws Exception {
    runScript(Path.of("src/test/browser/tasklist-lifecycle.mjs"), "EHR-BROWSER-L");
    var project = projects.find("EHR-BROWSER-L").orElseThrow();
    assertThat(project.startedBy()).as("started with Tasklist's start form").isEqualTo("paula");
    assertThat(project.goLiveDate()).as("the date picked in the start form").isAfter(java.time.LocalDate.now());
    assertThat(project.budget()).isEqualTo(2_500_000L);
    assertThat(project.sponsor()).isEqualTo("evelyn");
    assertThat(projects.deliverables("EHR-BROWSER-L")).extracting("documentId", "submittedBy")
        .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("DMS-READINESS-1", "maria"),
            org.assertj.core.api.Assertions.tuple("DMS-CHARTER-1", "maria"));
    assertThat(gates.steps("EHR-BROWSER-L")).extracting("kind", "userId", "outcome")
        .contains(org.assertj.core.api.Assertions.tuple("EVIDENCE", "maria", null),
            org.assertj.core.api.Assertions.tuple("VOTE", "evelyn", "GO"));
  }

  /** Starts a lifecycle as the PMO: go-live in 300 days, sponsor evelyn, no vendor selection. */
  void startProject(io.hitgov.support.Engine engine, String projectId, String projectName, String manager) {
    java.util.Map<String, Object> project = new java.util.HashMap<>();
    project.put("projectId", projectId);
    project.put("projectName", projectName);
    project.put("goLiveDate", java.time.LocalDate.now().plusDays(300).toString());
    project.put("budget", 1_500_000L);
    project.put("sponsor", "evelyn");
    project.put("projectManager", manager);
    project.put("vendorSelectionRequired", false);
    engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey("ImplementationLifecycleProcess", project));
  }

  /**
   * Three projects side by side: maria manages one of them and lands on her own deliverables
   * (project id in the name, a due date, assigned to her) without a click; irene, who requested a
   * change of that project, does not see its approval for her own group, her colleague ivan does.
   */
  @Test
  void tasklist_shows_a_project_manager_her_own_project_and_hides_a_requesters_approval() throws Exception {
    requireBrowser();
    var engine = new io.hitgov.support.Engine(processEngine);
    java.util.Map<String, String> managers = new java.util.LinkedHashMap<>();
    managers.put("EHR-MY-A", "maria");
    managers.put("EHR-MY-B", "mike");
    managers.put("EHR-MY-C", "mike");
    managers.forEach((projectId, manager) -> startProject(engine, projectId, "Clinic roll-out " + projectId, manager));
    java.util.Map<String, Object> change = io.hitgov.support.Changes.interfaceChange("EHR-MY-A");
    var cr = engine.as("irene", () -> processEngine.getRuntimeService().startProcessInstanceByKey("ChangeRequestProcess", change));
    java.util.Map<String, Object> assessment = io.hitgov.support.Changes.assessment("MODERATE");
    engine.complete("mike", engine.task(cr.getId(), "UserTask_AssessImpact"), assessment);
    assertThat(engine.tasks(cr.getId(), "UserTask_ApproveChange")).extracting(org.camunda.bpm.engine.task.Task::getName)
        .contains("EHR-MY-A · " + cr.getBusinessKey() + ": decide as integration");

    runScript(Path.of("src/test/browser/tasklist-my-projects.mjs"), "EHR-MY-A,EHR-MY-B,EHR-MY-C", cr.getBusinessKey());
    assertThat(Files.list(Path.of("target/browser")).map(p -> p.getFileName().toString()))
        .as("screenshots kept as artifacts").contains("my-projects-1-landing-maria.png", "my-projects-3-requester.png");
  }

  /**
   * "By project" is sorted by project, then due date, in Tasklist too: Tasklist's own sorting (newest first)
   * would list the project started second first; HITGov's Tasklist script applies the filter's stored sorting.
   */
  @Test
  void tasklist_lists_the_by_project_filter_by_project_then_due_date() throws Exception {
    requireBrowser();
    var engine = new io.hitgov.support.Engine(processEngine);
    for (String projectId : java.util.List.of("EHR-SORT-A", "EHR-SORT-B")) {
      startProject(engine, projectId, "Sorting " + projectId, "mike");
      Thread.sleep(1100); // distinct creation times: Tasklist's default sorting would put EHR-SORT-B first
    }
    runScript(Path.of("src/test/browser/tasklist-by-project.mjs"), "EHR-SORT-A,EHR-SORT-B", "mike");
    assertThat(Path.of("target/browser/by-project-1-sorted.png")).exists();
  }

  @Test
  void tasklist_raises_a_change_that_lands_with_exactly_its_approvers() throws Exception {
    requireBrowser();
    java.util.Map<String, Object> project = new java.util.HashMap<>();
    project.put("projectId", "EHR-BROWSER-C");
    project.put("projectName", "Lab interfaces");
    project.put("goLiveDate", java.time.LocalDate.now().plusDays(200).toString());
    project.put("budget", 1_000_000L);
    project.put("sponsor", "evelyn");
    project.put("projectManager", "maria");
    project.put("vendorSelectionRequired", false);
    new io.hitgov.support.Engine(processEngine).as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey("ImplementationLifecycleProcess", project));
    runScript(Path.of("src/test/browser/tasklist-change-request.mjs"), "EHR-BROWSER-C");
    var cr = changes.find("CR-EHR-BROWSER-C-1").orElseThrow();
    assertThat(cr.requester()).as("raised with Tasklist's start form").isEqualTo("irene");
    assertThat(cr.costImpact()).isEqualTo(40_000L);
    assertThat(cr.interfaceImpact()).isTrue();
    assertThat(cr.assessedBy()).isEqualTo("mike");
    assertThat(cr.changeRisk()).isEqualTo("MODERATE");
    // C3 (cost $25k-$100k and 4 % of the budget), C15 (interface), C16 (moderate risk)
    assertThat(cr.routing()).isEqualTo("C3,C15,C16");
    assertThat(java.util.List.of(cr.requiredApprovals().split(",")))
        .containsExactlyInAnyOrder("pmo", "finance", "integration", "changeAdvisoryBoard");
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey("CR-EHR-BROWSER-C-1")
        .taskDefinitionKey("UserTask_ApproveChange").count()).isEqualTo(4);
  }

  @Test
  void tasklist_renders_and_submits_the_hipaa_gate_forms() throws Exception {
    io.hitgov.support.Projects.register(context, PROJECT);
    runScript(SCRIPT, PROJECT);

    HistoricProcessInstance gate = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(HipaaAuditGateProcess.KEY).variableValueEquals("projectId", PROJECT).singleResult();
    assertThat(gate).as("started from Tasklist's start form").isNotNull();
    assertThat(gate.getStartUserId()).isEqualTo("paula");
    assertThat(gate.getBusinessKey()).isEqualTo("HIPAA-" + PROJECT + "-1");
    var record = repository.find(gate.getBusinessKey()).orElseThrow();
    assertThat(record.goLiveDate()).as("the date picked in the start form").isNotNull();
    assertThat(record.scopeRecordedBy()).as("the scope form was submitted by the officer").isEqualTo("simon");
    assertThat(record.scopeSystems()).isEqualTo("Inpatient EHR");
    assertThat(repository.baas(record.gateId())).extracting("counterparty").containsExactly("Acme Hosting");
    assertThat(taskService.createTaskQuery().processInstanceId(gate.getId())
        .taskDefinitionKey(HipaaAuditGateProcess.Elements.SUBMIT_EVIDENCE).count()).isEqualTo(63);

    var risk = riskRepository.find("RISK-" + PROJECT + "-1").orElseThrow();
    assertThat(risk.raisedBy()).as("raised with Tasklist's risk report form").isEqualTo("maria");
    assertThat(risk.category()).isEqualTo("BUDGET");
    assertThat(risk.likelihood()).isEqualTo(2);
    assertThat(risk.impact()).isEqualTo(3);
    assertThat(risk.band()).isEqualTo("MODERATE");
    assertThat(risk.owner()).as("the optional owner was left empty").isNull();
    assertThat(taskService.createTaskQuery().processInstanceId(risk.processInstanceId())
        .taskDefinitionKey(io.hitgov.risk.RiskEscalationProcess.Elements.ASSIGN_OWNER).count()).isEqualTo(1);
  }
}
