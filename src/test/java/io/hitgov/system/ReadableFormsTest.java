package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The forms' readable values (docs/conventions.md#readable-forms), as the task-create hooks of the
 * change and risk features put them on the tasks: money, yes/no, words, names and the routing
 * reasons with the meaning of each ChangeRoutingDecision row, budget and contingency on the
 * assessment, the risk's title, band, score and history.
 */
@HitgovSpringTest
class ReadableFormsTest {

  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  Engine engine;

  @BeforeEach
  void setUp() {
    engine = new Engine(processEngine);
  }

  Map<String, Object> local(Task task) {
    return processEngine.getTaskService().getVariablesLocal(task.getId());
  }

  void project(String projectId) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", projectId);
    v.put("projectName", "Lab interfaces");
    v.put("goLiveDate", LocalDate.now().plusDays(400).toString());
    v.put("budget", 1_000_000L);
    v.put("sponsor", "evelyn");
    v.put("projectManager", "maria");
    v.put("vendorSelectionRequired", false);
    engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, v));
  }

  @Test
  void the_change_approval_shows_money_yes_no_names_and_the_meaning_of_each_routing_rule() {
    project("EHR-READ-C");
    Map<String, Object> change = io.hitgov.support.Changes.interfaceChange("EHR-READ-C");
    change.put("justification", "The lab requires it before go-live");
    ProcessInstance cr = engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, change));

    Task assess = engine.task(cr.getId(), ChangeRequestProcess.Elements.ASSESS);
    assertThat(local(assess)).containsEntry("costImpactText", "40,000 USD")
        .containsEntry("interfaceImpactText", "yes").containsEntry("phiImpactText", "no")
        .containsEntry("changeTypeText", "Normal")
        .containsEntry("budgetText", "1,000,000 USD (baseline 1,000,000 USD)")
        .containsEntry("contingencyText", "100,000 USD of 100,000 USD (10 % of the baseline budget)")
        .containsEntry("approvedChangesText", "none yet");
    assertThat((String) local(assess).get("requesterName")).endsWith("(irene)").doesNotStartWith("irene");

    Map<String, Object> assessment = io.hitgov.support.Changes.assessment("MODERATE");
    assessment.put("scopeChange", "MINOR_ADDITION");
    assessment.put("implementationPlan", "Deploy the new route in the Tuesday window");
    assessment.put("backoutPlan", "Disable the route");
    engine.complete("mike", assess, assessment);

    List<Task> approvals = engine.tasks(cr.getId(), ChangeRequestProcess.Elements.APPROVE);
    Task finance = approvals.stream().filter(t -> group(t).equals("finance")).findFirst().orElseThrow();
    Map<String, Object> shown = local(finance);
    assertThat(shown).containsEntry("approverGroupName", "Finance").containsEntry("costImpactText", "40,000 USD")
        .containsEntry("interfaceImpactText", "yes").containsEntry("movesGoLiveText", "no");
    assertThat((String) shown.get("assessmentText")).contains("**Scope:** Minor addition within approved modules")
        .contains("**On the critical path:** no").contains("**Change risk:** Moderate").contains("**Share of the budget:** 4 %")
        .doesNotContain("MINOR_ADDITION").doesNotContain("false");
    assertThat(shown).as("a plan left empty reads 'none given', never a blank line")
        .containsEntry("testPlanText", "none given")
        .containsEntry("implementationPlanText", "Deploy the new route in the Tuesday window")
        .containsEntry("backoutPlanText", "Disable the route");
    String reasons = (String) shown.get("routingReasonsText");
    assertThat(reasons.substring(0, reasons.indexOf("The other approvers")))
        .contains("C3: cost impact over 25,000 USD up to 100,000 USD needs finance (Finance)")
        .contains("C3: cost impact of 1 % to 5 % of the budget needs finance (Finance)")
        .doesNotContain("(PMO / program office)");
    assertThat(reasons).contains("C3: cost impact over 25,000 USD up to 100,000 USD needs the PMO (PMO / program office)")
        .contains("C15: an interface change (HL7 v2, FHIR, vendor API) needs the integration lead")
        .contains("C16: a normal IT change of moderate or high risk needs the change advisory board")
        .contains("C10: a minor scope addition within the approved modules needs the PMO")
        .doesNotContain("[C3");
    assertThat((String) shown.get("approvalDueText")).matches("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}, 09:00 .+");
  }

  @Test
  void the_change_approval_form_shows_the_plans_through_their_readable_values() throws Exception {
    String form = java.nio.file.Files.readString(java.nio.file.Path.of("forms/change-request/ChangeApprovalForm.form"));
    assertThat(form).contains("{{implementationPlanText}}", "{{backoutPlanText}}", "{{testPlanText}}")
        .doesNotContain("{{testPlan}}").doesNotContain("{{implementationPlan}}").doesNotContain("{{backoutPlan}}");
  }

  String group(Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
  }

  @Test
  void risk_tasks_show_the_title_band_score_owner_and_history() {
    io.hitgov.support.Projects.register(context, "EHR-READ-R");
    Map<String, Object> risk = new HashMap<>();
    risk.put("projectId", "EHR-READ-R");
    risk.put("title", "Interface engine capacity at go-live volume");
    risk.put("category", "TECHNICAL");
    risk.put("likelihood", 2);
    risk.put("impact", 3);
    risk.put("owner", "mike");
    ProcessInstance instance = engine.as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    Task plan = engine.task(instance.getId(), RiskEscalationProcess.Elements.PLAN);
    Map<String, Object> shown = local(plan);
    assertThat(shown).containsEntry("riskTitle", "Interface engine capacity at go-live volume")
        .containsEntry("riskBandText", "Moderate").containsEntry("riskCategoryText", "Technical")
        .containsEntry("riskScoreText", "6 of 25 (likelihood 2 × impact 3)");
    assertThat((String) shown.get("riskOwnerName")).endsWith("(mike)").doesNotStartWith("mike");
    assertThat((String) shown.get("riskHistoryText")).startsWith("- ").contains("Moderate 6");
    assertThat((String) shown.get("escalationDueText")).matches("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}.*");
  }
}
