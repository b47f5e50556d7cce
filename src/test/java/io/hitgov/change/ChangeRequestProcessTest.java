package io.hitgov.change;

import static io.hitgov.change.ChangeRequestProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.change.ChangeRecords.BaselineChange;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.ProjectRows;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** ChangeRequestProcess run for real against a running project lifecycle. */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class ChangeRequestProcessTest {

  /**
   * Who decides for each group (never the requester irene, never the implementer maria); the executive
   * sponsor's approval is assigned to the project's named sponsor, evelyn.
   */
  static final Map<String, String> DECIDERS = Map.ofEntries(Map.entry("projectManagers", "mike"),
      Map.entry("pmo", "peter"), Map.entry("finance", "frank"), Map.entry("steeringCommittee", "steve"),
      Map.entry("executiveSponsor", "evelyn"), Map.entry("cmio", "conrad"), Map.entry("patientSafety", "pat"),
      Map.entry("securityOfficer", "simon"), Map.entry("privacyOfficer", "oscar"),
      Map.entry("changeAdvisoryBoard", "cathy"), Map.entry("integration", "ivan"));

  @Autowired ProcessEngine processEngine;
  @Autowired ChangeRepository repository;
  ProjectRows projects;

  @Autowired
  void projectRows(org.springframework.context.ApplicationContext context) {
    projects = ProjectRows.of(context);
  }
  Engine engine;

  @BeforeEach
  void setUp() {
    init(processEngine);
    engine = new Engine(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ProcessInstance project(String projectId, String goLive) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", projectId);
    v.put("projectName", "Lab interface replacement");
    v.put("goLiveDate", goLive);
    v.put("budget", 2_000_000L);
    v.put("sponsor", "evelyn");
    v.put("projectManager", "maria");
    v.put("vendorSelectionRequired", false);
    // a go-live closer than the phases' minimum lengths allow is refused at the start: such a project
    // started a year ago (its plan is in the past, which these tests do not look at)
    boolean close = java.time.LocalDate.parse(goLive).isBefore(EngineClock.today().plusDays(100));
    if (close) {
      ClockUtil.setCurrentTime(Date.from(Instant.now().minus(365, ChronoUnit.DAYS)));
    }
    try {
      return engine.as("paula", () -> processEngine.getRuntimeService()
          .startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, v));
    } finally {
      if (close) {
        ClockUtil.reset();
      }
    }
  }

  static Map<String, Object> change(String projectId, String type, long cost, int days) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", projectId);
    v.put("title", "Add microbiology results interface");
    v.put("changeType", type);
    v.put("costImpact", cost);
    v.put("scheduleImpactDays", days);
    v.put("movesGoLive", false);
    v.put("clinicalContentImpact", false);
    v.put("patientSafetyImpact", false);
    v.put("phiImpact", false);
    v.put("interfaceImpact", false);
    v.put("justification", "Required by the lab before go-live");
    return v;
  }

  ProcessInstance raise(Map<String, Object> change) {
    return engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, change));
  }

  static Map<String, Object> assessment(String risk, String scope) {
    Map<String, Object> a = new HashMap<>();
    a.put("criticalPath", false);
    a.put("movesGate", false);
    a.put("scopeChange", scope);
    a.put("newFunding", false);
    a.put("crossesFiscalYear", false);
    a.put("changesCapitalOperatingSplit", false);
    a.put("changeRisk", risk);
    a.put("implementationPlan", "Deploy in the Tuesday window");
    a.put("backoutPlan", "Restore the previous interface route");
    return a;
  }

  void assess(ProcessInstance cr, String risk, String scope) {
    engine.complete("mike", engine.task(cr.getId(), ASSESS), assessment(risk, scope));
  }

  String group(Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
  }

  List<String> approvalGroups(ProcessInstance cr) {
    return engine.tasks(cr.getId(), APPROVE).stream().map(this::group).sorted().toList();
  }

  void approveAll(ProcessInstance cr) {
    for (Task task : engine.tasks(cr.getId(), APPROVE)) {
      engine.complete(DECIDERS.get(group(task)), task, Map.of("approved", true, "decisionComment", "Fine"));
    }
  }

  void implementAndVerify(ProcessInstance cr) {
    engine.complete("maria", engine.task(cr.getId(), IMPLEMENT),
        Map.of("implementationReference", "CHG0042117", "implementationNote", "Route deployed"));
    engine.complete("mike", engine.task(cr.getId(), VERIFY),
        Map.of("changeVerified", true, "verificationNote", "Test messages filed correctly"));
  }

  static String farGoLive() {
    return EngineClock.today().plusDays(400).toString();
  }

  @Test
  void the_next_change_shows_the_changes_approved_so_far_and_the_contingency_left() {
    project("PRJ-CR-CONT", farGoLive());
    ProcessInstance first = raise(change("PRJ-CR-CONT", "NORMAL", 30_000, 0));
    assess(first, "LOW", "NONE");
    approveAll(first);
    ProcessInstance free = raise(change("PRJ-CR-CONT", "NORMAL", 0, 2));
    assess(free, "LOW", "NONE");
    approveAll(free);
    ProcessInstance next = raise(change("PRJ-CR-CONT", "NORMAL", 5_000, 0));
    Map<String, Object> shown = processEngine.getTaskService()
        .getVariablesLocal(engine.task(next.getId(), ASSESS).getId());
    Assertions.assertThat(shown).as("an approved change without cost impact is not counted")
        .containsEntry("approvedChangesText", "1 change, 30,000 USD")
        .containsEntry("contingencyText", "170,000 USD of 200,000 USD (10 % of the baseline budget)");
  }

  @Test
  void a_standard_change_is_pre_authorized_and_moves_no_baseline() {
    project("PRJ-CR-STD", farGoLive());
    Map<String, Object> change = change("PRJ-CR-STD", "STANDARD", 0, 0);
    change.put("standardTemplateId", "STD-INTERFACE-RESTART");
    ProcessInstance cr = raise(change);
    Assertions.assertThat(cr.getBusinessKey()).isEqualTo("CR-PRJ-CR-STD-1");
    assertThat(cr).isWaitingAt(IMPLEMENT).hasNotPassed(ASSESS, ROUTE).variables()
        .containsEntry("changeOutcome", "APPROVED").containsEntry("requester", "irene");
    implementAndVerify(cr);
    assertThat(cr).isEnded().hasPassed(END_CLOSED);
    Assertions.assertThat(repository.events("CR-PRJ-CR-STD-1")).extracting("event")
        .containsSequence("RAISED", "PRE_AUTHORIZED");
    Assertions.assertThat(repository.baselineChanges("PRJ-CR-STD")).isEmpty();

    Map<String, Object> costly = change("PRJ-CR-STD", "STANDARD", 5000, 0);
    costly.put("standardTemplateId", "STD-INTERFACE-RESTART");
    Assertions.assertThatThrownBy(() -> raise(costly)).isInstanceOf(InvalidVariablesException.class)
        .hasMessageContaining("raise it as NORMAL");
    Map<String, Object> interfaceChange = change("PRJ-CR-STD", "STANDARD", 0, 0);
    interfaceChange.put("standardTemplateId", "STD-INTERFACE-RESTART");
    interfaceChange.put("interfaceImpact", true);
    Assertions.assertThatThrownBy(() -> raise(interfaceChange)).isInstanceOf(InvalidVariablesException.class)
        .hasMessageContaining("raise it as NORMAL");
    Map<String, Object> unknownTemplate = change("PRJ-CR-STD", "STANDARD", 0, 0);
    unknownTemplate.put("standardTemplateId", "MY-OWN-TEMPLATE");
    Assertions.assertThatThrownBy(() -> raise(unknownTemplate)).isInstanceOf(InvalidVariablesException.class)
        .hasMessageContaining("'MY-OWN-TEMPLATE' is not a pre-authorized template");
  }

  @Test
  void the_change_records_the_version_of_the_routing_decision_it_was_routed_by() throws Exception {
    project("PRJ-CR-ROUTEVER", farGoLive());
    ProcessInstance first = raise(change("PRJ-CR-ROUTEVER", "NORMAL", 40_000, 0));
    assess(first, "LOW", "NONE");
    int shipped = latestRoutingDecision().getVersion();
    Assertions.assertThat(repository.find(first.getBusinessKey()).orElseThrow().routingDecisionVersion())
        .isEqualTo(shipped);

    // the same table deployed again (a PMO's re-deployment): the next change is routed by the new version
    String deploymentId;
    try (var table = getClass().getClassLoader().getResourceAsStream(ChangeRequestProcess.ROUTING_RESOURCE)) {
      deploymentId = processEngine.getRepositoryService().createDeployment().name("routing-again")
          .addInputStream("ChangeRoutingDecision.dmn", table).deploy().getId();
    }
    try {
      Assertions.assertThat(latestRoutingDecision().getVersion()).isEqualTo(shipped + 1);
      ProcessInstance second = raise(change("PRJ-CR-ROUTEVER", "NORMAL", 40_000, 0));
      assess(second, "LOW", "NONE");
      Assertions.assertThat(repository.find(second.getBusinessKey()).orElseThrow().routingDecisionVersion())
          .isEqualTo(shipped + 1);
      Assertions.assertThat(repository.find(first.getBusinessKey()).orElseThrow().routingDecisionVersion())
          .as("recorded once, at the routing").isEqualTo(shipped);
      Assertions.assertThat(approvalGroups(second)).containsExactly("finance", "pmo");
    } finally {
      processEngine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  DecisionDefinition latestRoutingDecision() {
    return processEngine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(ChangeRequestProcess.ROUTING_DECISION).latestVersion().singleResult();
  }

  @Test
  void the_requester_does_not_assess_and_nobody_approves_twice() {
    project("PRJ-CR-DUTIES", farGoLive());
    ProcessInstance cr = engine.as("maria", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, change("PRJ-CR-DUTIES", "NORMAL", 40_000, 0)));
    Assertions.assertThatThrownBy(() -> engine.complete("maria", engine.task(cr.getId(), ASSESS), assessment("LOW", "NONE")))
        .as("the requester holds a per-task REVOKE on the assessment").isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("'maria' does not have");
    assess(cr, "LOW", "NONE");
    Assertions.assertThat(approvalGroups(cr)).containsExactly("finance", "pmo");
    processEngine.getIdentityService().createMembership("peter", "finance");
    try {
      Task pmo = engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals("pmo")).findFirst().orElseThrow();
      Task finance = engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals("finance")).findFirst()
          .orElseThrow();
      engine.complete("peter", pmo, Map.of("approved", true));
      Assertions.assertThatThrownBy(() -> engine.complete("peter", finance, Map.of("approved", true)))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("already decided");
    } finally {
      processEngine.getIdentityService().deleteMembership("peter", "finance");
    }
  }

  @Test
  void a_go_live_date_that_passed_before_verification_is_recorded_not_applied() {
    String goLive = farGoLive();
    project("PRJ-CR-LATE", goLive);
    Map<String, Object> change = change("PRJ-CR-LATE", "NORMAL", 0, 0);
    change.put("movesGoLive", true);
    change.put("newGoLiveDate", EngineClock.today().plusDays(20).toString());
    ProcessInstance cr = raise(change);
    assess(cr, "LOW", "NONE");
    approveAll(cr);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(30, ChronoUnit.DAYS)));
    implementAndVerify(cr);
    assertThat(cr).isEnded().hasPassed(END_CLOSED);
    Assertions.assertThat(projects.get("PRJ-CR-LATE").goLiveDate()).hasToString(goLive);
    Assertions.assertThat(repository.events("CR-PRJ-CR-LATE-1")).extracting("event").contains("GO_LIVE_NOT_MOVED");
  }

  @Test
  void an_approved_normal_change_waits_for_the_end_of_the_freeze() {
    project("PRJ-CR-WAIT", EngineClock.today().plusDays(20).toString());
    Map<String, Object> change = change("PRJ-CR-WAIT", "NORMAL", 10_000, 0);
    change.put("interfaceImpact", true);
    ProcessInstance cr = raise(change);
    assess(cr, "LOW", "NONE");
    approveAll(cr);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(7, ChronoUnit.DAYS)));
    Assertions.assertThatThrownBy(() -> engine.complete("maria", engine.task(cr.getId(), IMPLEMENT),
            Map.of("implementationReference", "CHG9", "implementationNote", "done")))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("during the change freeze");
    assertThat(cr).isWaitingAt(IMPLEMENT);

    // a pure re-baseline (budget only) is not a configuration change: it may go ahead in the freeze
    ClockUtil.reset();
    ProcessInstance budget = raise(change("PRJ-CR-WAIT", "NORMAL", 5_000, 0));
    assess(budget, "LOW", "NONE");
    approveAll(budget);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(7, ChronoUnit.DAYS)));
    implementAndVerify(budget);
    assertThat(budget).isEnded().hasPassed(END_CLOSED);
  }

  @Test
  void an_emergency_change_moves_no_baseline() {
    project("PRJ-CR-EMCOST", farGoLive());
    Assertions.assertThatThrownBy(() -> raise(change("PRJ-CR-EMCOST", "EMERGENCY", 5_000_000, 0)))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("raise its cost, schedule or go-live "
            + "effect as a NORMAL change");
  }

  @Test
  void a_small_normal_change_goes_to_the_project_manager_and_the_change_manager_and_moves_the_budget() {
    ProcessInstance lifecycle = project("PRJ-CR-SMALL", farGoLive());
    ProcessInstance cr = raise(change("PRJ-CR-SMALL", "NORMAL", 10_000, 0));
    assertThat(cr).isWaitingAt(ASSESS);
    assess(cr, "LOW", "NONE");
    assertThat(cr).variables().containsEntry("budgetSharePercent", 0.5);
    Assertions.assertThat(approvalGroups(cr)).containsExactly("pmo", "projectManagers");
    Assertions.assertThat(repository.get("CR-PRJ-CR-SMALL-1").routing()).isEqualTo("C2,C17");
    approveAll(cr);
    assertThat(cr).isWaitingAt(IMPLEMENT).variables().containsEntry("changeOutcome", "APPROVED");
    implementAndVerify(cr);
    assertThat(cr).isEnded().hasPassedInOrder(REGISTER, ASSESS, ROUTE, DECIDE, IMPLEMENT, VERIFY, UPDATE_BASELINES);

    Assertions.assertThat(projects.get("PRJ-CR-SMALL").budget()).isEqualTo(2_010_000L);
    Assertions.assertThat(projects.get("PRJ-CR-SMALL").baselineBudget()).isEqualTo(2_000_000L);
    assertThat(lifecycle).variables().containsEntry("budget", 2_010_000L);
    Assertions.assertThat(repository.baselineChanges("PRJ-CR-SMALL")).extracting(BaselineChange::field,
        BaselineChange::oldValue, BaselineChange::newValue, BaselineChange::actor)
        .containsExactly(Assertions.tuple("BUDGET", "2000000", "2010000", "mike"));
    Assertions.assertThat(repository.approvals("CR-PRJ-CR-SMALL-1")).extracting("groupId", "userId", "approved")
        .containsExactlyInAnyOrder(Assertions.tuple("projectManagers", "mike", true), Assertions.tuple("pmo", "peter", true));
  }

  @Test
  void an_approved_go_live_move_re_plans_the_lifecycle() {
    String goLive = farGoLive();
    String moved = EngineClock.today().plusDays(460).toString();
    ProcessInstance lifecycle = project("PRJ-CR-MOVE", goLive);
    Map<String, Object> change = change("PRJ-CR-MOVE", "NORMAL", 250_000, 40);
    change.put("movesGoLive", true);
    change.put("newGoLiveDate", moved);
    ProcessInstance cr = raise(change);
    assess(cr, "MODERATE", "MINOR_ADDITION");
    Assertions.assertThat(approvalGroups(cr))
        .containsExactly("changeAdvisoryBoard", "executiveSponsor", "pmo", "steeringCommittee");
    Assertions.assertThat(repository.get("CR-PRJ-CR-MOVE-1").routing()).isEqualTo("C4,C8,C9,C10,C16");
    approveAll(cr);
    implementAndVerify(cr);
    assertThat(cr).isEnded();
    var project = projects.get("PRJ-CR-MOVE");
    Assertions.assertThat(project.goLiveDate()).hasToString(moved);
    Assertions.assertThat(project.baselineGoLiveDate()).hasToString(goLive);
    Assertions.assertThat(project.budget()).isEqualTo(2_250_000L);
    assertThat(lifecycle).hasPassed(ImplementationLifecycleProcess.Elements.REPLAN).variables()
        .containsEntry("goLiveDate", moved);
    Assertions.assertThat(repository.baselineChanges("PRJ-CR-MOVE")).extracting(BaselineChange::field)
        .containsExactly("BUDGET", "GO_LIVE", "SCHEDULE", "SCOPE");
    Assertions.assertThat(projects.events("PRJ-CR-MOVE")).extracting("event").contains("GO_LIVE_MOVED");
  }

  @Test
  void one_rejection_ends_the_approvals_and_the_requester_reads_the_reasons() {
    project("PRJ-CR-REJ", farGoLive());
    Map<String, Object> change = change("PRJ-CR-REJ", "NORMAL", 0, 0);
    change.put("clinicalContentImpact", true);
    change.put("patientSafetyImpact", true);
    ProcessInstance cr = raise(change);
    assess(cr, "HIGH", "NONE");
    Assertions.assertThat(approvalGroups(cr)).containsExactly("changeAdvisoryBoard", "cmio", "patientSafety");
    Task cmio = engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals("cmio")).findFirst().orElseThrow();
    Assertions.assertThatThrownBy(() -> engine.complete("conrad", cmio, Map.of("approved", false)))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("decisionComment is required");
    engine.complete("conrad", cmio, Map.of("approved", false,
        "decisionComment", "The order set change bypasses the allergy check"));
    assertThat(cr).isWaitingAt(REVIEW_REJECTION).variables().containsEntry("changeOutcome", "REJECTED");
    Assertions.assertThat(engine.tasks(cr.getId(), APPROVE)).as("the other approvals ended").isEmpty();
    Task review = engine.task(cr.getId(), REVIEW_REJECTION);
    assertThat(review).isAssignedTo("irene");
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(cr.getId(), "rejectionReasons"))
        .contains("cmio (conrad): The order set change bypasses the allergy check");
    engine.complete("irene", review, Map.of());
    assertThat(cr).isEnded().hasPassed(END_REJECTED).hasNotPassed(IMPLEMENT);
    Assertions.assertThat(repository.baselineChanges("PRJ-CR-REJ")).isEmpty();
  }

  @Test
  void the_requester_and_the_implementer_never_approve_or_verify_their_own_change() {
    project("PRJ-CR-4EYES", farGoLive());
    ProcessInstance cr = raise(change("PRJ-CR-4EYES", "NORMAL", 10_000, 0));
    assess(cr, "LOW", "NONE");
    Task pmTask = engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals("projectManagers"))
        .findFirst().orElseThrow();
    // irene (integration) also sits in the project managers' group here
    processEngine.getIdentityService().createMembership("irene", "projectManagers");
    try {
      Assertions.assertThatThrownBy(() -> engine.as("irene",
              () -> processEngine.getTaskService().claim(pmTask.getId(), "irene")))
          .as("the requester holds a per-task REVOKE on her change's approvals")
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("'irene' does not have");
      Assertions.assertThatThrownBy(() -> engine.complete("irene", pmTask, Map.of("approved", true)))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("'irene' does not have");
    } finally {
      processEngine.getIdentityService().deleteMembership("irene", "projectManagers");
    }
    approveAll(cr);
    Assertions.assertThatThrownBy(() -> engine.complete("mike", engine.task(cr.getId(), IMPLEMENT),
            Map.of("implementationReference", "CHG1", "implementationNote", "done")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("approved CR-PRJ-CR-4EYES-1");
    engine.complete("maria", engine.task(cr.getId(), IMPLEMENT),
        Map.of("implementationReference", "CHG1", "implementationNote", "done"));
    Assertions.assertThatThrownBy(() -> engine.complete("maria", engine.task(cr.getId(), VERIFY),
            Map.of("changeVerified", true, "verificationNote", "ok")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("tester is never the builder");
    engine.complete("mike", engine.task(cr.getId(), VERIFY), Map.of("changeVerified", false,
        "verificationNote", "Messages still go to the old route"));
    assertThat(cr).isWaitingAt(IMPLEMENT);
  }

  @Test
  void an_overdue_approval_escalates_one_level_up() {
    project("PRJ-CR-SLA", farGoLive());
    ProcessInstance cr = raise(change("PRJ-CR-SLA", "NORMAL", 10_000, 0));
    assess(cr, "LOW", "NONE");
    Task pmTask = engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals("projectManagers"))
        .findFirst().orElseThrow();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    engine.executeDueJobs(cr.getId());
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(pmTask.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("projectManagers");
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(6, ChronoUnit.DAYS)));
    engine.executeDueJobs(cr.getId());
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(pmTask.getId()))
        .extracting(IdentityLink::getGroupId).containsExactlyInAnyOrder("projectManagers", "pmo");
    Assertions.assertThat(repository.events("CR-PRJ-CR-SLA-1")).extracting("details")
        .anySatisfy(d -> Assertions.assertThat((String) d).contains("approval by projectManagers overdue: pmo may now decide"));
    // the PMO now decides the overdue approval
    engine.complete("paula", pmTask, Map.of("approved", true));
    Assertions.assertThat(repository.approvals("CR-PRJ-CR-SLA-1")).extracting("groupId", "userId")
        .as("recorded under the group paula acts in").containsExactly(Assertions.tuple("pmo", "paula"));
    Assertions.assertThat(repository.events("CR-PRJ-CR-SLA-1")).extracting("details")
        .contains("pmo for overdue projectManagers");
  }

  @Test
  void each_overdue_approval_escalates_its_own_task_only() {
    project("PRJ-CR-SLA2", farGoLive());
    ProcessInstance cr = raise(change("PRJ-CR-SLA2", "NORMAL", 40_000, 0));
    assess(cr, "LOW", "NONE");
    Map<String, String> groupByTask = new java.util.HashMap<>();
    engine.tasks(cr.getId(), APPROVE).forEach(t -> groupByTask.put(t.getId(), group(t)));
    Assertions.assertThat(groupByTask.values()).containsExactlyInAnyOrder("finance", "pmo");
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(30, ChronoUnit.DAYS)));
    engine.executeDueJobs(cr.getId());
    groupByTask.forEach((taskId, group) -> Assertions.assertThat(processEngine.getTaskService()
            .getIdentityLinksForTask(taskId)).extracting(IdentityLink::getGroupId).as(group + "'s approval")
        .containsExactlyInAnyOrder(group, group.equals("finance") ? "executiveSponsor" : "steeringCommittee"));
  }

  @Test
  void in_the_freeze_window_only_the_emergency_path_is_open() {
    String goLive = EngineClock.today().plusDays(10).toString();
    project("PRJ-CR-FREEZE", goLive);
    Assertions.assertThatThrownBy(() -> raise(change("PRJ-CR-FREEZE", "NORMAL", 1000, 0)))
        .isInstanceOf(InvalidVariablesException.class).hasMessageContaining("is in its change freeze")
        .hasMessageContaining("only EMERGENCY changes");
    Map<String, Object> emergency = change("PRJ-CR-FREEZE", "EMERGENCY", 0, 0);
    emergency.put("phiImpact", true);
    ProcessInstance cr = raise(emergency);
    assertThat(cr).hasNotPassed(ASSESS).variables().containsEntry("inFreezeWindow", true);
    Assertions.assertThat(approvalGroups(cr))
        .containsExactly("changeAdvisoryBoard", "pmo", "privacyOfficer", "securityOfficer");
    Assertions.assertThat(repository.get("CR-PRJ-CR-FREEZE-1").routing()).isEqualTo("C14,C18,C19");
  }

  @Test
  void an_emergency_change_is_authorized_within_four_hours_and_reviewed_afterwards() {
    project("PRJ-CR-EMERG", farGoLive());
    ProcessInstance cr = raise(change("PRJ-CR-EMERG", "EMERGENCY", 0, 0));
    assertThat(cr).isWaitingAt(APPROVE).hasNotPassed(ASSESS);
    Task cab = engine.task(cr.getId(), APPROVE);
    Assertions.assertThat(group(cab)).isEqualTo("changeAdvisoryBoard");
    Assertions.assertThat(cab.getDueDate()).isBefore(Date.from(Instant.now().plus(4, ChronoUnit.HOURS).plusSeconds(60)));
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(5, ChronoUnit.HOURS)));
    engine.executeDueJobs(cr.getId());
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(cab.getId()))
        .extracting(IdentityLink::getGroupId).as("the emergency CAB missed 4 hours: the PMO may decide")
        .contains("pmo");
    engine.complete("cathy", cab, Map.of("approved", true, "decisionComment", "Security patch, go"));
    implementAndVerify(cr);
    Task retrospective = engine.task(cr.getId(), RETROSPECTIVE);
    assertThat(retrospective).hasCandidateGroup("changeAdvisoryBoard");
    engine.complete("colin", retrospective, Map.of("retrospectiveAccepted", true,
        "retrospectiveNote", "Justified; add the patch to the standard catalogue"));
    assertThat(cr).isEnded().hasPassedInOrder(APPROVE, IMPLEMENT, VERIFY, RETROSPECTIVE, UPDATE_BASELINES);
  }

  Task approval(ProcessInstance cr, String groupId) {
    return engine.tasks(cr.getId(), APPROVE).stream().filter(t -> group(t).equals(groupId)).findFirst().orElseThrow();
  }

  long visibleTo(String userId, ProcessInstance cr) {
    return engine.as(userId, () -> processEngine.getTaskService().createTaskQuery().processInstanceId(cr.getId())
        .taskDefinitionKey(APPROVE).count());
  }

  @Test
  void the_executive_sponsor_approval_goes_to_the_named_sponsor_unless_she_requested_the_change() {
    project("PRJ-CR-SPONSOR", farGoLive());
    Map<String, Object> funding = assessment("LOW", "NONE");
    funding.put("newFunding", true);
    ProcessInstance cr = raise(change("PRJ-CR-SPONSOR", "NORMAL", 10_000, 0));
    engine.complete("mike", engine.task(cr.getId(), ASSESS), funding);
    Assertions.assertThat(repository.get("CR-PRJ-CR-SPONSOR-1").routing()).contains("C5");
    Task sponsorApproval = approval(cr, "executiveSponsor");
    Assertions.assertThat(sponsorApproval.getAssignee()).as("C5 goes to the project's named sponsor").isEqualTo("evelyn");
    Assertions.assertThat(approval(cr, "finance").getAssignee()).isNull();
    Assertions.assertThat(visibleTo("edward", cr)).as("the group stays candidate").isPositive();

    ProcessInstance own = engine.as("evelyn", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, change("PRJ-CR-SPONSOR", "NORMAL", 10_000, 0)));
    engine.complete("mike", engine.task(own.getId(), ASSESS), funding);
    Task ownApproval = approval(own, "executiveSponsor");
    Assertions.assertThat(ownApproval.getAssignee()).as("four eyes: the requesting sponsor is not the approver").isNull();
    Assertions.assertThat(visibleTo("evelyn", own)).as("the requesting sponsor keeps her REVOKE").isZero();
    Assertions.assertThat(visibleTo("edward", own)).isPositive();
    Assertions.assertThatThrownBy(() -> engine.as("evelyn",
            () -> processEngine.getTaskService().claim(ownApproval.getId(), "evelyn")))
        .isInstanceOf(AuthorizationException.class);

    engine.complete("evelyn", sponsorApproval, Map.of("approved", true, "decisionComment", "Funded"));
    Assertions.assertThat(repository.approvals("CR-PRJ-CR-SPONSOR-1")).extracting("groupId", "userId")
        .contains(Assertions.tuple("executiveSponsor", "evelyn"));
  }
}
