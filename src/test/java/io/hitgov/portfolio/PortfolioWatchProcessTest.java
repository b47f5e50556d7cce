package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.lifecycle.ProjectRows;
import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * PortfolioWatchProcess against real lifecycles, driven by the engine clock: each incident type is
 * raised with a message saying why and since when, and resolved when its cause clears; a healthy
 * project gets none; overlapping runs never duplicate an incident; Camunda's REST API lists them.
 */
@HitgovSpringTest
class PortfolioWatchProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  ProjectRows repository;
  @LocalServerPort int port;
  LifecycleDriver driver;

  @BeforeEach
  void setUp() {
    driver = new LifecycleDriver(processEngine);
    repository = ProjectRows.of(context);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static void setClock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant()));
  }

  /** A project whose P0 starts today: go-live after the planned P0-P6 (615 days by default). */
  ProcessInstance project(String projectId) {
    ProcessInstance instance = driver.start(projectId, EngineClock.today().plusDays(615).toString(), true);
    assertThat(repository.phases(projectId).get(0).plannedStart()).isEqualTo(EngineClock.today());
    return instance;
  }

  /** Runs the watch as a PMO member would (start, then the sweep's job). */
  ProcessInstance runWatch() {
    ProcessInstance watch = driver.engine.as("paula",
        () -> processEngine.getRuntimeService().startProcessInstanceByMessage(PortfolioWatchProcess.WATCH_REQUESTED));
    driver.engine.executeDueJobs(watch.getId());
    return watch;
  }

  List<Incident> incidents(ProcessInstance lifecycle) {
    return processEngine.getRuntimeService().createIncidentQuery().processInstanceId(lifecycle.getId()).list();
  }

  List<Incident> incidents(ProcessInstance lifecycle, String type) {
    return processEngine.getRuntimeService().createIncidentQuery().processInstanceId(lifecycle.getId())
        .incidentType(type).list();
  }

  @Test
  void a_healthy_project_raises_no_incident() {
    ProcessInstance healthy = project("EHR-W-OK");
    ProcessInstance watch = runWatch();
    assertThat(incidents(healthy)).isEmpty();
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(watch.getId())
        .singleResult().getState()).isEqualTo("COMPLETED");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(watch.getId())
        .variableName(PortfolioWatchProcess.Variables.RAISED).singleResult().getValue()).isEqualTo(0);
  }

  @Test
  void a_phase_past_its_plan_and_tolerance_is_a_stalled_phase_until_it_is_re_planned() {
    ProcessInstance project = project("EHR-W-PHASE");
    LocalDate plannedEnd = repository.phases("EHR-W-PHASE").get(0).plannedEnd();   // 60-day P0
    setClock(plannedEnd.plusDays(12));  // 20 % over: still within the tolerance
    runWatch();
    assertThat(incidents(project, IncidentTypes.STALLED_PHASE)).isEmpty();

    LocalDate late = plannedEnd.plusDays(13);
    setClock(late);
    runWatch();
    Incident incident = incidents(project, IncidentTypes.STALLED_PHASE).get(0);
    assertThat(incident.getProcessInstanceId()).isEqualTo(project.getId());
    assertThat(incident.getIncidentMessage()).contains("Phase P0 overran its plan: planned end " + plannedEnd)
        .contains(ProjectFacts.businessDaysBetween(plannedEnd, late) + " business days late on " + late);
    assertThat(incident.getConfiguration()).isEqualTo("phaseOverrun:P0:" + plannedEnd);

    runWatch(); // again: nothing new
    assertThat(incidents(project, IncidentTypes.STALLED_PHASE)).hasSize(1);

    // the PMO moves the go-live: the phase is on plan again, the incident is resolved
    processEngine.getRuntimeService().createMessageCorrelation(ImplementationLifecycleProcess.GO_LIVE_DATE_CHANGED)
        .processInstanceBusinessKey("EHR-W-PHASE").setVariable("newGoLiveDate", late.plusDays(700).toString())
        .correlate();
    runWatch();
    assertThat(incidents(project, IncidentTypes.STALLED_PHASE)).isEmpty();
    assertThat(processEngine.getHistoryService().createHistoricIncidentQuery().processInstanceId(project.getId())
        .incidentType(IncidentTypes.STALLED_PHASE).resolved().count()).isEqualTo(1);
  }

  @Test
  void a_gate_decision_pending_beyond_its_sla_is_an_overdue_gate_until_it_is_decided() {
    ProcessInstance project = project("EHR-W-GATE");
    LocalDate opened = EngineClock.today();
    driver.completePhase(project, "P0"); // G0 review opens today
    setClock(opened.plusDays(14));      // 10 business days: within the SLA
    runWatch();
    assertThat(incidents(project, IncidentTypes.OVERDUE_GATE)).isEmpty();

    setClock(opened.plusDays(21));
    runWatch();
    Incident incident = incidents(project, IncidentTypes.OVERDUE_GATE).get(0);
    assertThat(incident.getIncidentMessage()).startsWith("Gate G0 decision pending since " + opened)
        .contains(ProjectFacts.businessDaysBetween(opened, opened.plusDays(21)) + " business days");
    assertThat(incidents(project, IncidentTypes.STALLED_PHASE)).as("P0 is done, the project waits for its gate").isEmpty();

    driver.passGate(project);
    runWatch();
    assertThat(incidents(project, IncidentTypes.OVERDUE_GATE)).isEmpty();
  }

  @Test
  void a_go_live_within_30_days_without_a_hipaa_pass_is_a_stalled_go_live_shown_by_the_engine_rest_api() {
    ProcessInstance project = project("EHR-W-GOLIVE");
    LocalDate goLive = repository.get("EHR-W-GOLIVE").goLiveDate();
    setClock(goLive.minusDays(31));
    runWatch();
    assertThat(incidents(project, IncidentTypes.STALLED_GO_LIVE)).isEmpty();

    setClock(goLive.minusDays(20));
    runWatch();
    Incident incident = incidents(project, IncidentTypes.STALLED_GO_LIVE).get(0);
    assertThat(incident.getIncidentMessage())
        .isEqualTo("Go-live " + goLive + " (in 20 days) without a valid HIPAA audit gate PASS, found on " + goLive.minusDays(20));

    var answer = Http.on(port).as("paula").get("/engine-rest/incident?incidentType=stalledGoLive&processInstanceId="
        + project.getId());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).hasSize(1);
    assertThat(answer.json().get(0).get("incidentType").asText()).isEqualTo("stalledGoLive");
    assertThat(answer.json().get(0).get("incidentMessage").asText()).contains("without a valid HIPAA audit gate PASS");
    assertThat(Http.on(port).get("/engine-rest/incident?incidentType=stalledGoLive").status()).isEqualTo(401);

    processEngine.getRuntimeService().createMessageCorrelation(ImplementationLifecycleProcess.GO_LIVE_DATE_CHANGED)
        .processInstanceBusinessKey("EHR-W-GOLIVE").setVariable("newGoLiveDate", goLive.plusDays(365).toString())
        .correlate();
    runWatch();
    assertThat(incidents(project, IncidentTypes.STALLED_GO_LIVE)).isEmpty();
  }

  @Test
  void a_project_without_governance_activity_is_stale_until_something_happens() {
    ProcessInstance project = project("EHR-W-STALE");
    LocalDate start = EngineClock.today();
    setClock(start.plusDays(35));
    runWatch();
    Incident incident = incidents(project, IncidentTypes.STALE_PROJECT).get(0);
    assertThat(incident.getIncidentMessage()).isEqualTo("No governance activity since " + start + " ("
        + ProjectFacts.businessDaysBetween(start, start.plusDays(35)) + " business days)");
    assertThat(incidents(project)).extracting(Incident::getIncidentType).containsOnly(IncidentTypes.STALE_PROJECT);

    Task deliverable = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey("EHR-W-STALE")
        .list().get(0);
    driver.engine.complete(LifecycleDriver.DOERS.get(driver.group(deliverable)), deliverable,
        LifecycleDriver.deliverable(deliverable.getTaskDefinitionKey()));
    runWatch();
    assertThat(incidents(project, IncidentTypes.STALE_PROJECT)).isEmpty();
  }

  @Test
  void overlapping_runs_raise_each_incident_once() throws Exception {
    ProcessInstance project = project("EHR-W-TWICE");
    long completedBefore = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PortfolioWatchProcess.KEY).completed().count();
    setClock(EngineClock.today().plusDays(35));
    List<ProcessInstance> watches = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      watches.add(driver.engine.as("paula",
          () -> processEngine.getRuntimeService().startProcessInstanceByMessage(PortfolioWatchProcess.WATCH_REQUESTED)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    Date now = ClockUtil.getCurrentTime();
    for (ProcessInstance watch : watches) {
      Job job = processEngine.getManagementService().createJobQuery().processInstanceId(watch.getId()).singleResult();
      runs.add(pool.submit(() -> {
        ClockUtil.setCurrentTime(now);
        go.await();
        processEngine.getManagementService().executeJob(job.getId());
        return null;
      }));
    }
    go.countDown();
    for (Future<?> run : runs) {
      run.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(incidents(project, IncidentTypes.STALE_PROJECT)).hasSize(1);
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PortfolioWatchProcess.KEY).completed().count()).isEqualTo(completedBefore + 2);
  }

  @Test
  void the_timer_starts_the_watch_every_hour() {
    ProcessInstance project = project("EHR-W-TIMER");
    setClock(EngineClock.today().plusDays(35));
    Job timer = processEngine.getManagementService().createJobQuery().processDefinitionKey(PortfolioWatchProcess.KEY)
        .timers().singleResult();
    assertThat(timer).isNotNull();
    processEngine.getManagementService().executeJob(timer.getId());
    for (Job job : processEngine.getManagementService().createJobQuery().processDefinitionKey(PortfolioWatchProcess.KEY)
        .messages().list()) {
      processEngine.getManagementService().executeJob(job.getId());
    }
    assertThat(incidents(project, IncidentTypes.STALE_PROJECT)).hasSize(1);
    Job next = processEngine.getManagementService().createJobQuery().processDefinitionKey(PortfolioWatchProcess.KEY)
        .timers().singleResult();
    assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime())
        .isBeforeOrEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + 3_600_000L));
  }
}
