package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.risk.RiskRows;
import io.hitgov.risk.RiskRows.RiskView;
import io.hitgov.hipaa.HipaaRows;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.HitgovSpringTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The lifecycle's date-bound timers: readiness checkpoints, stalled phases, go-live date changes. */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class LifecycleTimersTest {

  @Autowired ProcessEngine processEngine;
  @Autowired ProjectRepository repository;
  RiskRows risks;
  @Autowired ProjectReadiness projects;
  HipaaRows hipaaGates;

  @Autowired
  void rows(org.springframework.context.ApplicationContext context) {
    risks = RiskRows.of(context);
    hipaaGates = HipaaRows.of(context);
  }
  LifecycleDriver driver;

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new LifecycleDriver(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static void setClock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant()));
  }

  Job timer(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list()
        .stream().filter(job -> activityId.equals(activityOf(job))).findFirst().orElseThrow(
            () -> new AssertionError("No timer at " + activityId));
  }

  String activityOf(Job job) {
    return processEngine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
        .singleResult().getActivityId();
  }

  static Date at(LocalDate day) {
    return Date.from(OffsetDateTime.parse(BusinessCalendar.startOfDay(day)).toInstant());
  }

  void score(ProcessInstance project, String checkpoint, String red) {
    assertThat(project).isWaitingAt(SCORE_CHECKPOINT).variables().containsEntry("nextCheckpoint", checkpoint);
    Map<String, Object> scorecard = LifecycleDriver.allGreen();
    if (red != null) {
      scorecard.put(red, false);
    }
    driver.engine.complete("paula", driver.engine.task(project.getId(), SCORE_CHECKPOINT), scorecard);
  }

  @Test
  void readiness_checkpoints_rescore_keep_the_trend_raise_risks_and_propose_no_go() {
    LocalDate today = EngineClock.today();
    LocalDate goLive = today.plusDays(100);
    ProcessInstance project = driver.start("EHR-T-READY", goLive.toString(), false);
    // the security office passed the HIPAA gate early, so R01 is green throughout
    java.util.Map<String, Object> hipaa = new java.util.HashMap<>();
    hipaa.put("projectId", "EHR-T-READY");
    hipaa.put("goLiveDate", goLive.toString());
    new io.hitgov.hipaa.HipaaGateDriver(processEngine).passGate(driver.engine.as("sophia", () ->
        processEngine.getRuntimeService().startProcessInstanceByKey(io.hitgov.hipaa.HipaaAuditGateProcess.KEY, hipaa)));
    assertThat(project).variables().containsEntry("nextCheckpoint", "T-90");
    Assertions.assertThat(timer(project, NEXT_CHECKPOINT).getDuedate()).isEqualTo(at(goLive.minusDays(90)));

    setClock(goLive.minusDays(90));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-90", "r10");
    setClock(goLive.minusDays(60));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-60", "r04");
    Assertions.assertThat(risks.ofProject("EHR-T-READY")).as("no risk before T-30").isEmpty();
    setClock(goLive.minusDays(30));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-30", "r04");
    List<RiskView> raised = risks.ofProject("EHR-T-READY");
    Assertions.assertThat(raised).hasSize(1);
    Assertions.assertThat(raised.get(0).title()).startsWith("Go-live readiness R04 red at T-30");
    Assertions.assertThat(raised.get(0).band()).isEqualTo("HIGH");
    Assertions.assertThat(raised.get(0).owner()).isEqualTo("maria");
    setClock(goLive.minusDays(14));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-14", "r04");
    Assertions.assertThat(risks.ofProject("EHR-T-READY")).as("one risk per criterion").hasSize(1);
    Assertions.assertThat(repository.get("EHR-T-READY").readinessProposal()).isNull();
    setClock(goLive.minusDays(7));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-7", "r04");
    Assertions.assertThat(repository.get("EHR-T-READY").readinessProposal()).isEqualTo("NO_GO");
    Assertions.assertThat(projects.lastReadiness("EHR-T-READY")).as("what the G6 review shows")
        .contains("T-7 (7 days before go-live): No go; hard red: R04 Downtime procedures and kits; no-go proposed for G6");
    setClock(goLive.minusDays(1));
    driver.engine.executeDueJobs(project.getId());
    score(project, "T-1", null);
    Assertions.assertThat(repository.get("EHR-T-READY").readinessProposal()).as("green again at T-1").isNull();

    Assertions.assertThat(repository.checkpoints("EHR-T-READY")).extracting(Checkpoint::checkpoint, Checkpoint::outcome)
        .containsExactly(Assertions.tuple("T-90", "GO_WITH_CONDITIONS"), Assertions.tuple("T-60", "NO_GO"),
            Assertions.tuple("T-30", "NO_GO"), Assertions.tuple("T-14", "NO_GO"), Assertions.tuple("T-7", "NO_GO"),
            Assertions.tuple("T-1", "GO"));
    // after T-1 the branch waits for the go-live date; a project late for it is looked at daily, so a
    // re-plan still finds a waiting checkpoint timer to move
    assertThat(project).variables().containsEntry("nextCheckpoint", "GO_LIVE");
    setClock(goLive);
    driver.engine.executeDueJobs(project.getId());
    assertThat(project).hasNotPassed("EndEvent_ReadinessTracked").variables().containsEntry("nextCheckpoint", "GO_LIVE");
    Assertions.assertThat(timer(project, NEXT_CHECKPOINT).getDuedate()).isEqualTo(at(goLive.plusDays(1)));
    LocalDate replanned = goLive.plusDays(60);
    processEngine.getRuntimeService().createMessageCorrelation("GoLiveDateChanged")
        .processInstanceBusinessKey("EHR-T-READY").setVariable("newGoLiveDate", replanned.toString()).correlate();
    Assertions.assertThat(timer(project, NEXT_CHECKPOINT).getDuedate()).as("T-30 of the new date")
        .isEqualTo(at(replanned.minusDays(30)));
    assertThat(project).variables().containsEntry("nextCheckpoint", "T-30");
    Assertions.assertThat(hipaaGates.ofProject("EHR-T-READY").get(0).expiresOn())
        .as("the HIPAA pass now runs to the new go-live + 90").isEqualTo(replanned.plusDays(90));
  }

  @Test
  void moving_go_live_past_a_baa_ends_the_hipaa_pass() {
    LocalDate goLive = EngineClock.today().plusDays(200);
    ProcessInstance project = driver.start("EHR-T-BAA", goLive.toString(), false);
    java.util.Map<String, Object> hipaa = new java.util.HashMap<>();
    hipaa.put("projectId", "EHR-T-BAA");
    hipaa.put("goLiveDate", goLive.toString());
    new io.hitgov.hipaa.HipaaGateDriver(processEngine).passGate(driver.engine.as("sophia", () ->
        processEngine.getRuntimeService().startProcessInstanceByKey(io.hitgov.hipaa.HipaaAuditGateProcess.KEY, hipaa)),
        goLive.plusDays(30).toString());
    Assertions.assertThat(projects.hipaaPassValid("EHR-T-BAA")).isTrue();
    processEngine.getRuntimeService().createMessageCorrelation("GoLiveDateChanged")
        .processInstanceBusinessKey("EHR-T-BAA").setVariable("newGoLiveDate", goLive.plusDays(60).toString()).correlate();
    Assertions.assertThat(projects.hipaaPassValid("EHR-T-BAA")).as("the BAA ends before the new go-live").isFalse();
    Assertions.assertThat(hipaaGates.ofProject("EHR-T-BAA").get(0).invalidatedReason())
        .contains("BAA with Acme EHR Hosting expires on " + goLive.plusDays(30));
    assertThat(project).isActive();
  }

  @Test
  void a_phase_process_has_no_stall_timer_of_its_own() {
    // one stall mechanism: PortfolioWatchProcess raises a stalledPhase incident (PortfolioWatchProcessTest)
    ProcessInstance project = driver.start("EHR-T-STALL", EngineClock.today().plusDays(700).toString(), true);
    ProcessInstance p0 = driver.phase(project, "P0");
    Assertions.assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(p0.getId()).timers().list())
        .isEmpty();
  }

  @Test
  void a_go_live_date_change_re_plans_phase_dates_and_every_date_bound_timer() {
    LocalDate goLive = EngineClock.today().plusDays(700);
    LocalDate moved = goLive.plusDays(60);
    ProcessInstance project = driver.start("EHR-T-MOVE", goLive.toString(), false);
    LocalDate oldP0End = repository.phases("EHR-T-MOVE").get(0).plannedEnd();
    ProcessInstance p0 = driver.phase(project, "P0");

    // the engine's own message (an approved change request sends the same; the PMO uses POST /api/projects/{id}/go-live-date)
    processEngine.getRuntimeService().createMessageCorrelation("GoLiveDateChanged")
        .processInstanceBusinessKey("EHR-T-MOVE").setVariable("newGoLiveDate", moved.toString())
        .setVariable("goLiveChangeReason", "CR-EHR-T-MOVE-1 approved: pharmacy interface rebuild").correlate();

    assertThat(project).hasPassed(REPLAN).variables().containsEntry("goLiveDate", moved.toString())
        .doesNotContainKey("newGoLiveDate");
    var stored = repository.get("EHR-T-MOVE");
    Assertions.assertThat(stored.goLiveDate()).isEqualTo(moved);
    Assertions.assertThat(stored.baselineGoLiveDate()).isEqualTo(goLive);
    Assertions.assertThat(repository.phases("EHR-T-MOVE").get(0).plannedEnd()).isEqualTo(oldP0End.plusDays(60));
    Assertions.assertThat(timer(project, NEXT_CHECKPOINT).getDuedate()).isEqualTo(at(moved.minusDays(90)));
    assertThat(p0).variables().containsEntry("goLiveDate", moved.toString());
    var newP0 = repository.phases("EHR-T-MOVE").get(0);
    Assertions.assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(p0.getId())
        .taskDefinitionKey("UserTask_DraftCharter").singleResult().getDueDate())
        .as("the open deliverable is due when P0 now ends").isEqualTo(Date.from(java.time.OffsetDateTime.parse(
            io.hitgov.shared.process.BusinessCalendar.startOfDay(io.hitgov.shared.process.BusinessCalendar
                .minusBusinessDays(newP0.plannedEnd(), 0))).toInstant()));
    Assertions.assertThat(repository.events("EHR-T-MOVE")).extracting("event", "details")
        .contains(Assertions.tuple("GO_LIVE_MOVED", goLive + " -> " + moved
            + ": CR-EHR-T-MOVE-1 approved: pharmacy interface rebuild"));

    Assertions.assertThatThrownBy(() -> processEngine.getRuntimeService().createMessageCorrelation("GoLiveDateChanged")
            .processInstanceBusinessKey("EHR-T-MOVE").setVariable("newGoLiveDate", "2020-01-01").correlate())
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("must be in the future");
    Assertions.assertThat(repository.get("EHR-T-MOVE").goLiveDate()).isEqualTo(moved);
  }
}
