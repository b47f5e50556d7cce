package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real browser (Debian's Chromium, playwright-core; skipped loudly without them, as
 * {@link TasklistBrowserTest}): a finance approver reads the change approval form with money,
 * yes/no, names and each routing rule's meaning; the PMO opens Swagger UI, Cockpit's dashboard and Human
 * Tasks page without a permission error, sees a lifecycle's project in the "Project" tab and the running
 * projects by name in the lifecycle definition's "Projects" tab.
 * Screenshots land in target/browser/.
 */
@HitgovSpringTest
class PmoAndApprovalBrowserTest {

  static final String PROJECT_NAME = "Lab interfaces";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;

  ProcessInstance project(String projectId) {
    return project(projectId, PROJECT_NAME);
  }

  ProcessInstance project(String projectId, String projectName) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", projectId);
    v.put("projectName", projectName);
    v.put("goLiveDate", LocalDate.now().plusDays(300).toString());
    v.put("budget", 1_000_000L);
    v.put("sponsor", "evelyn");
    v.put("projectManager", "maria");
    v.put("vendorSelectionRequired", false);
    return new Engine(processEngine).as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, v));
  }

  void run(String script, String... arguments) throws Exception {
    TasklistBrowserTest.requireBrowser();
    List<String> command = new java.util.ArrayList<>(List.of("node", "src/test/browser/" + script,
        "http://localhost:" + port));
    command.addAll(List.of(arguments));
    command.add("target/browser");
    Process browser = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
    String output = new String(browser.getInputStream().readAllBytes());
    if (!finished) {
      browser.destroyForcibly();
    }
    assertThat(finished).as("browser check finished in time: " + output).isTrue();
    assertThat(browser.exitValue()).as(output).isZero();
    assertThat(Path.of("target/browser")).isDirectory();
  }

  @Test
  void the_change_approval_form_reads_without_knowing_the_rule_codes() throws Exception {
    TasklistBrowserTest.requireBrowser();
    Engine engine = new Engine(processEngine);
    project("EHR-BROWSER-A");
    Map<String, Object> change = io.hitgov.support.Changes.interfaceChange("EHR-BROWSER-A");
    change.put("justification", "The lab requires it before go-live");
    ProcessInstance cr = engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, change));
    Map<String, Object> assessment = io.hitgov.support.Changes.assessment("MODERATE");
    assessment.put("implementationPlan", "Deploy the new route in the Tuesday window");
    assessment.put("backoutPlan", "Disable the route");
    engine.complete("mike", engine.task(cr.getId(), ChangeRequestProcess.Elements.ASSESS), assessment);
    run("tasklist-change-approval.mjs", "EHR-BROWSER-A");
  }

  /**
   * Also: Swagger UI at /api/docs renders HITGov's endpoints from springdoc's WebJar (nothing from another
   * origin), and the lifecycle definition's "Projects" tab lists both running projects by name.
   */
  @Test
  void the_pmo_uses_cockpit_without_a_permission_error_and_sees_the_project() throws Exception {
    TasklistBrowserTest.requireBrowser();
    ProcessInstance lifecycle = project("EHR-BROWSER-P");
    project("EHR-BROWSER-Q", "Radiology order entry");
    run("cockpit-pmo.mjs", lifecycle.getId(), PROJECT_NAME, "Radiology order entry");
  }
}
