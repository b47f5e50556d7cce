package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * RiskEscalationProcess run for real: deployed models, real delegates and register, each step by a
 * demo user of the right group; timers driven by the engine clock.
 */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class RiskEscalationProcessTest {

  /** A Friday, so that business-day arithmetic crosses a weekend. */
  static final LocalDateTime FRIDAY = LocalDateTime.of(2026, 11, 20, 10, 0);

  @Autowired ProcessEngine processEngine;
  @Autowired RiskRepository repository;
  @Autowired org.springframework.context.ApplicationContext context;
  Engine engine;

  @BeforeEach
  void setUp() {
    init(processEngine);
    engine = new Engine(processEngine);
    ClockUtil.setCurrentTime(Date.from(FRIDAY.atZone(ZoneId.systemDefault()).toInstant()));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The start variables of a risk (no owner when {@code owner} is null). */
  static Map<String, Object> risk(String projectId, String category, int likelihood, int impact, String owner) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", projectId);
    variables.put("title", "Interface engine capacity at go-live volume");
    variables.put("category", category);
    variables.put("likelihood", likelihood);
    variables.put("impact", impact);
    if (owner != null) {
      variables.put("owner", owner);
    }
    return variables;
  }

  ProcessInstance raise(String user, String projectId, String category, int likelihood, int impact, String owner) {
    io.hitgov.support.Projects.register(context, projectId);
    Map<String, Object> variables = risk(projectId, category, likelihood, impact, owner);
    return engine.as(user, () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, variables));
  }

  String riskId(ProcessInstance instance) {
    return instance.getBusinessKey();
  }

  List<String> events(ProcessInstance instance) {
    return repository.events(riskId(instance)).stream().map(RiskEvent::event).toList();
  }

  void plan(ProcessInstance instance, String owner, String strategy) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("responseStrategy", strategy);
    plan.put("mitigationActions", "Load test at 150% volume; add a second interface engine node");
    plan.put("actionsDueDate", "2027-06-30");
    engine.complete(owner, engine.task(instance.getId(), PLAN), plan);
  }

  static Date at(String isoLocalDateTime) {
    return Date.from(LocalDateTime.parse(isoLocalDateTime).atZone(ZoneId.systemDefault()).toInstant());
  }

  @Test
  void a_moderate_risk_is_scored_owned_reviewed_rescored_and_closed_by_a_project_manager() {
    ProcessInstance instance = raise("carla", "EHR-RISK-1", "TECHNICAL", 2, 3, "mike");
    Assertions.assertThat(riskId(instance)).isEqualTo("RISK-EHR-RISK-1-1");
    assertThat(instance).hasPassedInOrder(START, REGISTER, SCORE).hasNotPassed(FAST_TRACK).isWaitingAt(PLAN)
        .variables().containsEntry("riskScore", 6).containsEntry("riskBand", "MODERATE");
    assertThat(engine.task(instance.getId(), PLAN)).isAssignedTo("mike");
    Assertions.assertThat(engine.task(instance.getId(), PLAN).getDueDate())
        .as("10 business days from Friday 20 Nov").isEqualTo(at("2026-12-04T09:00:00"));

    plan(instance, "mike", "MITIGATE");
    Task review = engine.task(instance.getId(), REVIEW);
    assertThat(review).isAssignedTo("mike");
    Assertions.assertThat(review.getDueDate()).as("monthly cadence for MODERATE").isEqualTo(at("2026-12-20T09:00:00"));

    engine.complete("mike", review, Map.of("reviewOutcome", "RESCORE", "newLikelihood", 4L, "newImpact", 3L));
    assertThat(instance).variables().containsEntry("riskBand", "HIGH").containsEntry("riskScore", 12);
    // The band went up: the PMO owns it now (notified) and the owner plans again.
    assertThat(engine.task(instance.getId(), REVIEW_ESCALATED)).hasCandidateGroup("pmo");
    plan(instance, "mike", "MITIGATE");
    Task highReview = engine.task(instance.getId(), REVIEW);
    Assertions.assertThat(highReview.getDueDate()).as("two-weekly cadence for HIGH").isEqualTo(at("2026-12-04T09:00:00"));

    engine.complete("mike", highReview, Map.of("reviewOutcome", "CLOSE", "reviewNote", "Second node live"));
    Task closure = engine.task(instance.getId(), APPROVE_CLOSURE);
    assertThat(closure).hasCandidateGroup("projectManagers");
    engine.complete("maria", closure, Map.of("closureApproved", "true", "closureComment", "Verified in load test"));

    assertThat(instance).isEnded().hasPassed(CLOSE, END_CLOSED);
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("CLOSED");
    Assertions.assertThat(events(instance)).containsExactly("RAISED", "SCORED", "PLANNED", "REVIEWED", "RESCORED",
        "ESCALATED", "PLANNED", "REVIEWED", "CLOSURE_APPROVED", "CLOSED");
    Assertions.assertThat(repository.events(riskId(instance))).extracting(RiskEvent::actor)
        .startsWith("carla", "carla", "mike", "mike");
  }

  @Test
  void without_an_owner_a_project_manager_assigns_one_who_must_exist() {
    ProcessInstance instance = raise("tina", "EHR-RISK-2", "ADOPTION", 3, 2, null);
    Task assign = engine.task(instance.getId(), ASSIGN_OWNER);
    assertThat(assign).hasCandidateGroup("projectManagers");
    Assertions.assertThatThrownBy(() -> engine.complete("maria", assign, Map.of("owner", "nobody")))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("owner 'nobody' is not a known user");
    engine.complete("maria", assign, Map.of("owner", "tom"));
    assertThat(engine.task(instance.getId(), PLAN)).isAssignedTo("tom");
  }

  @Test
  void an_ignored_risk_climbs_the_ladder_on_business_days_until_the_steering_committee() {
    ProcessInstance instance = raise("maria", "EHR-RISK-3", "SCHEDULE", 2, 2, "mike");
    Job first = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .singleResult();
    Assertions.assertThat(first.getDuedate()).as("MODERATE: 10 business days").isEqualTo(at("2026-12-04T09:00:00"));

    ClockUtil.setCurrentTime(at("2026-12-04T09:01:00"));
    engine.executeDueJobs(instance.getId());
    assertThat(engine.task(instance.getId(), REVIEW_ESCALATED)).hasCandidateGroup("pmo");
    assertThat(instance).variables().containsEntry("escalationLevel", "PMO");

    Job second = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .singleResult();
    Assertions.assertThat(second.getDuedate()).as("next period, again 10 business days").isEqualTo(at("2026-12-18T09:00:00"));
    ClockUtil.setCurrentTime(at("2026-12-18T09:01:00"));
    engine.executeDueJobs(instance.getId());
    assertThat(instance).variables().containsEntry("escalationLevel", "STEERING_COMMITTEE")
        .containsEntry("escalationTopReached", true);
    Assertions.assertThat(engine.tasks(instance.getId(), REVIEW_ESCALATED)).hasSize(2);
    Assertions.assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .timers().count()).as("the ladder ends at the steering committee").isZero();
    Assertions.assertThat(repository.events(riskId(instance))).filteredOn(e -> e.event().equals("ESCALATED"))
        .extracting(RiskEvent::level).containsExactly("PMO", "STEERING_COMMITTEE");

    plan(instance, "mike", "MITIGATE");
    assertThat(instance).isWaitingAt(REVIEW);
  }

  @Test
  void an_extreme_risk_goes_to_the_steering_committee_at_once() {
    ProcessInstance instance = raise("paula", "EHR-RISK-4", "BUDGET", 4, 4, "peter");
    assertThat(instance).variables().containsEntry("riskBand", "EXTREME").containsEntry("escalationLevel",
        "STEERING_COMMITTEE");
    assertThat(engine.task(instance.getId(), REVIEW_ESCALATED)).hasCandidateGroup("steeringCommittee");
    Assertions.assertThat(engine.task(instance.getId(), PLAN).getDueDate()).as("EXTREME: 2 business days")
        .isEqualTo(at("2026-11-24T09:00:00"));
  }

  @Test
  void accepting_a_high_risk_needs_the_steering_committee_and_not_the_owner() {
    ProcessInstance instance = raise("paula", "EHR-RISK-5", "REGULATORY", 3, 3, "stella");
    plan(instance, "stella", "ACCEPT");
    Task acceptance = engine.task(instance.getId(), APPROVE_ACCEPTANCE);
    assertThat(acceptance).hasCandidateGroup("steeringCommittee");
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("ACCEPTANCE_PENDING");
    Assertions.assertThatThrownBy(() -> engine.as("stella",
            () -> processEngine.getTaskService().claim(acceptance.getId(), "stella")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("owns the risk");
    Assertions.assertThatThrownBy(() -> engine.complete("stella", acceptance,
            Map.of("acceptanceApproved", "true", "acceptanceComment", "ok")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("cannot approve accepting it");
    engine.complete("steve", acceptance, Map.of("acceptanceApproved", "true", "acceptanceComment", "Within appetite"));
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("ACCEPTED");
    assertThat(instance).isWaitingAt(REVIEW);
  }

  @Test
  void accepting_a_moderate_risk_needs_no_steering_committee() {
    ProcessInstance instance = raise("maria", "EHR-RISK-6", "ADOPTION", 2, 2, "mike");
    plan(instance, "mike", "ACCEPT");
    assertThat(instance).hasNotPassed(APPROVE_ACCEPTANCE).isWaitingAt(REVIEW);
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("ACCEPTED");
  }

  @Test
  void a_patient_safety_risk_takes_the_fast_track_holds_g5_and_g6_and_releases_them_on_closure() {
    ProcessInstance instance = raise("carla", "EHR-RISK-7", "PATIENT_SAFETY", 1, 4, "conrad");
    assertThat(instance).variables().containsEntry("riskBand", "HIGH").containsEntry("patientSafetyFastTrack", true);
    Task acknowledge = engine.task(instance.getId(), ACKNOWLEDGE_SAFETY);
    assertThat(acknowledge).hasCandidateGroup("patientSafety").hasCandidateGroup("cmio");
    Assertions.assertThat(repository.activeHolds("EHR-RISK-7")).extracting("gateId").containsExactly("G5", "G6");

    Job ackTimer = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(SAFETY_ACK_OVERDUE).singleResult();
    assertThat(engine.task(instance.getId(), PLAN)).as("ownership runs alongside the fast track").isAssignedTo("conrad");
    Assertions.assertThat(ackTimer.getDuedate()).as("4 hours, around the clock").isEqualTo(at("2026-11-20T14:00:00"));
    ClockUtil.setCurrentTime(at("2026-11-20T14:01:00"));
    engine.executeDueJobs(instance.getId());
    Task alert = engine.task(instance.getId(), REVIEW_UNACKNOWLEDGED);
    assertThat(alert).hasCandidateGroup("executiveSponsor").hasCandidateGroup("steeringCommittee");
    Assertions.assertThat(events(instance)).contains("GATE_HOLD", "SAFETY_ACK_OVERDUE");

    engine.complete("pat", acknowledge, Map.of("acknowledgementNote", "Reviewing with pharmacy"));
    engine.complete("evelyn", alert, Map.of("escalationNote", "Called the CMIO"));
    engine.complete("priya", engine.task(instance.getId(), CONTAIN), Map.of("containment",
        "Order set disabled; manual double check", "eventType", "NEAR_MISS", "harm", "SEVERE"));
    Task rca = engine.task(instance.getId(), ROOT_CAUSE_ANALYSIS);
    Assertions.assertThat(rca.getDueDate()).as("45 business days").isEqualTo(at("2027-01-22T09:00:00"));
    ClockUtil.setCurrentTime(at("2027-01-22T09:01:00"));
    engine.executeDueJobs(instance.getId());
    assertThat(engine.task(instance.getId(), REVIEW_OVERDUE_RCA)).hasCandidateGroup("executiveSponsor");
    Assertions.assertThat(events(instance)).contains("RCA_OVERDUE");
    plan(instance, "conrad", "MITIGATE");
    engine.complete("conrad", engine.task(instance.getId(), REVIEW), Map.of("reviewOutcome", "CLOSE"));
    Task closeEarly = engine.task(instance.getId(), APPROVE_CLOSURE);
    Assertions.assertThatThrownBy(() -> engine.complete("maria", closeEarly,
            Map.of("closureApproved", "true", "closureComment", "done")))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("root-cause analysis is open");
    engine.complete("pat", rca, Map.of("rcaDocumentId", "RCA-2026-07", "rcaActionPlan", "Fix dose-range rule"));
    Assertions.assertThat(repository.activeHolds("EHR-RISK-7")).as("held while open").hasSize(2);
    engine.complete("maria", engine.task(instance.getId(), APPROVE_CLOSURE),
        Map.of("closureApproved", "true", "closureComment", "Rule fixed and verified"));
    Assertions.assertThat(repository.activeHolds("EHR-RISK-7")).as("released on closure").isEmpty();
    Assertions.assertThat(events(instance)).contains("CONTAINED", "ROOT_CAUSE_ANALYSIS", "GATE_RELEASE");
  }

  @Test
  void a_health_it_safety_event_takes_the_fast_track_whatever_its_category() {
    Map<String, Object> variables = new HashMap<>(Map.of("projectId", "EHR-RISK-8", "title", "Wrong-patient order seen",
        "category", "TECHNICAL", "likelihood", 2, "impact", 2, "owner", "ivan", "healthItSafetyEvent", true));
    io.hitgov.support.Projects.register(context, "EHR-RISK-8");
    ProcessInstance instance = engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, variables));
    assertThat(instance).isWaitingAt(ACKNOWLEDGE_SAFETY);
    Assertions.assertThat(repository.activeHolds("EHR-RISK-8")).as("impact below 4 holds no gate").isEmpty();
  }

  @Test
  void rescoring_a_safety_risk_below_impact_4_releases_its_holds() {
    ProcessInstance instance = raise("carla", "EHR-RISK-9", "PATIENT_SAFETY", 2, 4, "conrad");
    engine.complete("pat", engine.task(instance.getId(), ACKNOWLEDGE_SAFETY), Map.of("acknowledgementNote", "seen"));
    engine.complete("pat", engine.task(instance.getId(), CONTAIN),
        Map.of("containment", "Workaround", "eventType", "UNSAFE_CONDITION", "harm", "NO_HARM"));
    plan(instance, "conrad", "MITIGATE");
    Assertions.assertThat(repository.activeHolds("EHR-RISK-9")).hasSize(2);
    engine.complete("conrad", engine.task(instance.getId(), REVIEW),
        Map.of("reviewOutcome", "RESCORE", "newLikelihood", 2L, "newImpact", 2L));
    Assertions.assertThat(repository.activeHolds("EHR-RISK-9")).isEmpty();
  }

  @Test
  void a_materialized_risk_becomes_an_issue_of_the_same_lineage() {
    ProcessInstance instance = raise("maria", "EHR-RISK-10", "SCHEDULE", 4, 2, "mike");
    plan(instance, "mike", "MITIGATE");
    engine.complete("mike", engine.task(instance.getId(), REVIEW), Map.of("reviewOutcome", "MATERIALIZED"));
    assertThat(instance).isEnded().hasPassed(CONVERT, END_CONVERTED).variables()
        .containsEntry("issueId", "ISSUE-EHR-RISK-10-1");
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("CONVERTED_TO_ISSUE");
  }

  @Test
  void an_overdue_review_escalates_one_level() {
    ProcessInstance instance = raise("maria", "EHR-RISK-11", "BUDGET", 2, 3, "mike");
    plan(instance, "mike", "MITIGATE");
    ClockUtil.setCurrentTime(at("2026-12-20T09:01:00"));
    engine.executeDueJobs(instance.getId());
    assertThat(engine.task(instance.getId(), REVIEW_OVERDUE_ESCALATION)).hasCandidateGroup("pmo");
    assertThat(instance).isWaitingAt(REVIEW, REVIEW_OVERDUE_ESCALATION);
  }

  @Test
  void bad_risk_input_is_refused_naming_the_variable() {
    Assertions.assertThatThrownBy(() -> raise("maria", "EHR-RISK-12", "SCHEDULE", 7, 2, null))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("likelihood 7 is outside 1..5");
    Assertions.assertThatThrownBy(() -> raise("maria", "EHR-RISK-12", "WEATHER", 2, 2, null))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("category 'WEATHER' is not one of");
    Assertions.assertThatThrownBy(() -> raise("maria", "EHR-RISK-12", "SCHEDULE", 2, 2, "ghost"))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("owner 'ghost' is not a known user");
    Assertions.assertThat(repository.findOfProject("EHR-RISK-12", null, null, null)).isEmpty();
    Assertions.assertThat(LocalDate.now()).isNotNull();
  }

  @Test
  void the_owner_cannot_approve_closing_their_own_risk() {
    ProcessInstance instance = raise("paula", "EHR-RISK-13", "SCHEDULE", 2, 2, "mike");
    plan(instance, "mike", "MITIGATE");
    engine.complete("mike", engine.task(instance.getId(), REVIEW), Map.of("reviewOutcome", "CLOSE"));
    Task closure = engine.task(instance.getId(), APPROVE_CLOSURE);
    Assertions.assertThatThrownBy(() -> engine.complete("mike", closure,
            Map.of("closureApproved", "true", "closureComment", "mine")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("cannot approve closing it");
  }

  @Test
  void closing_after_an_overdue_review_ends_every_branch() {
    ProcessInstance instance = raise("maria", "EHR-RISK-14", "BUDGET", 2, 3, "mike");
    plan(instance, "mike", "MITIGATE");
    ClockUtil.setCurrentTime(at("2026-12-20T09:01:00"));
    engine.executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(REVIEW, REVIEW_OVERDUE_ESCALATION);
    engine.complete("mike", engine.task(instance.getId(), REVIEW), Map.of("reviewOutcome", "CLOSE"));
    engine.complete("maria", engine.task(instance.getId(), APPROVE_CLOSURE),
        Map.of("closureApproved", "true", "closureComment", "Budget secured"));
    assertThat(instance).as("the open escalation task ends with the risk").isEnded();
  }

  @Test
  void a_rescore_that_raises_the_band_goes_through_ownership_again() {
    ProcessInstance instance = raise("maria", "EHR-RISK-15", "BUDGET", 2, 2, "mike");
    plan(instance, "mike", "ACCEPT");
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("ACCEPTED");
    engine.complete("mike", engine.task(instance.getId(), REVIEW),
        Map.of("reviewOutcome", "RESCORE", "newLikelihood", 5L, "newImpact", 5L));
    assertThat(instance).variables().containsEntry("riskBand", "EXTREME");
    assertThat(engine.task(instance.getId(), REVIEW_ESCALATED)).hasCandidateGroup("steeringCommittee");
    plan(instance, "mike", "ACCEPT");
    assertThat(engine.task(instance.getId(), APPROVE_ACCEPTANCE)).hasCandidateGroup("steeringCommittee");
    Assertions.assertThat(repository.get(riskId(instance)).status()).isEqualTo("ACCEPTANCE_PENDING");
  }

  @Test
  void a_rescore_into_the_safety_rule_starts_the_fast_track() {
    ProcessInstance instance = raise("carla", "EHR-RISK-16", "PATIENT_SAFETY", 2, 2, "conrad");
    plan(instance, "conrad", "MITIGATE");
    assertThat(instance).hasNotPassed(ACKNOWLEDGE_SAFETY);
    engine.complete("conrad", engine.task(instance.getId(), REVIEW),
        Map.of("reviewOutcome", "RESCORE", "newLikelihood", 2L, "newImpact", 5L));
    assertThat(engine.task(instance.getId(), ACKNOWLEDGE_SAFETY)).hasCandidateGroup("patientSafety");
    Assertions.assertThat(repository.activeHolds("EHR-RISK-16")).hasSize(2);
  }

  @Test
  void a_converted_safety_risk_keeps_its_holds_until_the_safety_office_releases_them() {
    ProcessInstance instance = raise("carla", "EHR-RISK-17", "PATIENT_SAFETY", 3, 5, "conrad");
    engine.complete("pat", engine.task(instance.getId(), ACKNOWLEDGE_SAFETY), Map.of("acknowledgementNote", "seen"));
    engine.complete("pat", engine.task(instance.getId(), CONTAIN),
        Map.of("containment", "Downtime procedure", "eventType", "INCIDENT", "harm", "MILD"));
    plan(instance, "conrad", "MITIGATE");
    engine.complete("conrad", engine.task(instance.getId(), REVIEW), Map.of("reviewOutcome", "MATERIALIZED"));
    assertThat(instance).isEnded();
    Assertions.assertThat(repository.activeHolds("EHR-RISK-17")).as("the hazard happened").hasSize(2);
  }
}
