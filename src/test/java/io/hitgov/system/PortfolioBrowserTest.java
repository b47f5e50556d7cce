package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.portfolio.PortfolioWatchProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portfolio watch's views in a real browser (Debian's Chromium, playwright-core): a project whose
 * go-live is 20 days away without a HIPAA pass is found by the watch; a PMO user sees it flagged with
 * its reason on Cockpit's dashboard (plugin hitgov-golive-watch) and on /portfolio, opens its Gantt
 * and follows the link into Cockpit. Screenshots in target/browser/. Skipped loudly without a browser
 * (as TasklistBrowserTest).
 */
@HitgovSpringTest
class PortfolioBrowserTest {

  static final String PROJECT = "EHR-BROWSER-W";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;

  @Test
  void a_stalled_go_live_is_flagged_on_the_cockpit_dashboard_and_the_portfolio_page() throws Exception {
    TasklistBrowserTest.requireBrowser();
    Map<String, Object> project = new HashMap<>();
    project.put("projectId", PROJECT);
    project.put("projectName", "Pharmacy system upgrade");
    project.put("goLiveDate", LocalDate.now().plusDays(20).toString());
    project.put("budget", 800_000L);
    project.put("sponsor", "evelyn");
    project.put("projectManager", "maria");
    project.put("vendorSelectionRequired", false);
    Engine engine = new Engine(processEngine);
    // started 150 days ago: a go-live 20 days away is too close to start a project today (minimum phase lengths)
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now()
        .minus(java.time.Duration.ofDays(150))));
    ProcessInstance lifecycle;
    try {
      lifecycle = engine.as("paula", () -> processEngine.getRuntimeService()
          .startProcessInstanceByKey("ImplementationLifecycleProcess", project));
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
    ProcessInstance watch = engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByMessage(PortfolioWatchProcess.WATCH_REQUESTED));
    engine.executeDueJobs(watch.getId());
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(lifecycle.getId())
        .incidentType("stalledGoLive").count()).isEqualTo(1);

    Process browser = new ProcessBuilder("node", "src/test/browser/portfolio.mjs", "http://localhost:" + port, PROJECT,
        "target/browser").redirectErrorStream(true).start();
    boolean finished = browser.waitFor(4, TimeUnit.MINUTES);
    String output = new String(browser.getInputStream().readAllBytes());
    if (!finished) {
      browser.destroyForcibly();
    }
    assertThat(finished).as("browser check finished in time: " + output).isTrue();
    assertThat(browser.exitValue()).as(output).isZero();
    assertThat(output).contains("/camunda/app/cockpit/default/#/process-instance/" + lifecycle.getId() + "/runtime");
    for (String shot : new String[] {"cockpit-golive-watch.png", "portfolio.png", "cockpit-instance.png"}) {
      assertThat(Path.of("target/browser", shot)).exists();
      assertThat(Files.size(Path.of("target/browser", shot))).isPositive();
    }
  }
}
