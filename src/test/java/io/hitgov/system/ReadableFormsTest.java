package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaGateDriver;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.stagegate.GateConditionProcess;
import io.hitgov.stagegate.StageGateReviewProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * assessment, the risk's title, band, score and history; for the lifecycle, stage gate and HIPAA
 * gate forms the phase and gate by name, dates as dates, groups and people by name, the project's
 * standing for a gate's signatories and the HIPAA gate's findings, evidence and BAAs in words. Each
 * form is also rendered as Tasklist does (its deployed form's text placeholders filled from the
 * task's variables) and must show no ISO date, raw boolean or enumeration code.
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

    // the PMO's task was explained in the same transaction from the same evaluation: its own rows come first
    Task pmo = approvals.stream().filter(t -> group(t).equals("pmo")).findFirst().orElseThrow();
    String pmoReasons = (String) local(pmo).get("routingReasonsText");
    assertThat(pmoReasons.substring(0, pmoReasons.indexOf("The other approvers")))
        .contains("C3: cost impact over 25,000 USD up to 100,000 USD needs the PMO (PMO / program office)")
        .doesNotContain("(Finance)");
    assertThat(pmoReasons.substring(pmoReasons.indexOf("The other approvers")))
        .contains("C3: cost impact over 25,000 USD up to 100,000 USD needs finance (Finance)");
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

  /** A technical risk of likelihood 2 and impact 3 (Moderate 6) owned by mike, raised by carla. */
  ProcessInstance raiseRisk(String projectId, String title) {
    Map<String, Object> risk = new HashMap<>();
    risk.put("projectId", projectId);
    risk.put("title", title);
    risk.put("category", "TECHNICAL");
    risk.put("likelihood", 2);
    risk.put("impact", 3);
    risk.put("owner", "mike");
    return engine.as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
  }

  @Test
  void risk_tasks_show_the_title_band_score_owner_and_history() {
    io.hitgov.support.Projects.register(context, "EHR-READ-R");
    ProcessInstance instance = raiseRisk("EHR-READ-R", "Interface engine capacity at go-live volume");
    Task plan = engine.task(instance.getId(), RiskEscalationProcess.Elements.PLAN);
    Map<String, Object> shown = local(plan);
    assertThat(shown).containsEntry("riskTitle", "Interface engine capacity at go-live volume")
        .containsEntry("riskBandText", "Moderate").containsEntry("riskCategoryText", "Technical")
        .containsEntry("riskScoreText", "6 of 25 (likelihood 2 × impact 3)");
    assertThat((String) shown.get("riskOwnerName")).endsWith("(mike)").doesNotStartWith("mike");
    assertThat((String) shown.get("riskHistoryText")).startsWith("- ").contains("Moderate 6");
    assertThat((String) shown.get("escalationDueText")).matches("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}.*");
  }

  static final String DATE = "[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
  static final Pattern RAW = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\btrue\\b|\\bfalse\\b|\\b[A-Z]+_[A-Z_]+\\b");

  /**
   * The task's deployed form rendered as Tasklist's form-js does for its text components (those
   * shown unconditionally): every placeholder names a variable of the task, and the text shows no
   * ISO date, raw boolean or enumeration code.
   */
  String rendered(Task task) {
    Map<String, Object> variables = processEngine.getTaskService().getVariables(task.getId());
    List<String> texts = new ArrayList<>();
    try (InputStream form = processEngine.getFormService().getDeployedTaskForm(task.getId())) {
      for (JsonNode component : new ObjectMapper().readTree(form).get("components")) {
        if ("text".equals(component.path("type").asText()) && !component.has("conditional")) {
          texts.add(component.get("text").asText());
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    StringBuilder out = new StringBuilder();
    for (String text : texts) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        assertThat(variables).as(task.getTaskDefinitionKey() + " shows {{" + m.group(1) + "}}").containsKey(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(variables.get(m.group(1)))));
      }
      m.appendTail(out);
      out.append('\n');
    }
    Matcher raw = RAW.matcher(out);
    assertThat(raw.find()).as(task.getTaskDefinitionKey() + " shows a raw value: " + out).isFalse();
    return out.toString();
  }

  @Test
  void lifecycle_deliverables_show_the_phase_by_name_and_the_go_live_as_a_date() {
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    ProcessInstance project = driver.start("EHR-READ-L", LocalDate.now().plusDays(400).toString(), false);
    ProcessInstance p0 = driver.phase(project, "P0");
    Task charter = engine.task(p0.getId(), "UserTask_DraftCharter");
    // shared by the phase's deliverables: set once on the phase process instance
    Map<String, Object> shown = processEngine.getRuntimeService().getVariablesLocal(p0.getId());
    assertThat(shown).containsEntry("currentPhaseName", "P0 Initiation & readiness")
        .containsEntry("gateCommentText", "none");
    assertThat((String) shown.get("goLiveDateText")).matches(DATE);
    assertThat(rendered(charter)).contains("phase P0 Initiation & readiness · go-live " + shown.get("goLiveDateText"));
  }

  @Test
  void gate_forms_show_the_gate_phase_go_live_and_the_projects_standing_for_the_signatories() {
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    ProcessInstance project = driver.start("EHR-READ-G", LocalDate.now().plusDays(800).toString(), false);
    raiseRisk("EHR-READ-G", "Charter sign-off depends on the board calendar");
    driver.completePhase(project, "P0");
    ProcessInstance review = driver.gateReview(project);
    Task pack = engine.task(review.getId(), StageGateReviewProcess.Elements.ASSEMBLE_EVIDENCE);
    assertThat(local(pack)).containsEntry("gateName", "G0 Charter");
    assertThat(rendered(pack)).contains("gate **G0 Charter** round 1 · phase P0 Initiation & readiness · go-live ");

    driver.submitEvidence(review, null);
    List<Task> votes = engine.tasks(review.getId(), StageGateReviewProcess.Elements.REVIEW);
    Task cmio = votes.stream().filter(t -> group(t).equals("cmio")).findFirst().orElseThrow();
    Map<String, Object> shown = local(cmio);
    assertThat(shown).containsEntry("reviewerGroupName", "CMIO / CNIO, clinical informatics")
        .containsEntry("currentPhaseName", "P0 Initiation & readiness");
    assertThat((String) shown.get("goLiveDateText")).matches(DATE);
    assertThat((String) shown.get("gateDecisionDueText")).matches(DATE + ", \\d{2}:\\d{2} .+");
    assertThat((String) shown.get("gateStatusText")).contains("**Readiness scorecard:** not scored yet")
        .contains("**HIPAA audit gate:** no valid pass").contains("**Open gate conditions:**\n- none")
        .contains("**Open risks:** 1 moderate\n- Moderate 6: Charter sign-off depends on the board calendar (");
    assertThat(rendered(cmio)).contains("Reviewing as **CMIO / CNIO, clinical informatics**, decision due **");

    String due = LocalDate.now().plusDays(20).toString();
    driver.sign(review, group -> {
      if (!"cmio".equals(group)) {
        return LifecycleDriver.vote("GO", null);
      }
      return LifecycleDriver.conditionVote("Goals need a baseline", "Baseline the goals with the quality office", "mike",
          due);
    });
    Task condition = processEngine.getTaskService().createTaskQuery().processDefinitionKey(GateConditionProcess.KEY)
        .processVariableValueEquals("projectId", "EHR-READ-G").taskAssignee("mike").singleResult();
    assertThat(local(condition)).containsEntry("gateName", "G0 Charter")
        .containsEntry("conditionDueText", io.hitgov.shared.process.Readable.date(due));
    assertThat((String) local(condition).get("conditionOwnerName")).endsWith("(mike)").doesNotStartWith("mike");
    assertThat(rendered(condition)).contains("gate G0 Charter · condition");
  }

  @Test
  void hipaa_forms_show_names_instead_of_codes_evidence_counts_and_baa_status_in_words() {
    HipaaGateDriver hipaa = new HipaaGateDriver(processEngine, context);
    String goLive = LocalDate.now().plusDays(120).toString();
    ProcessInstance gate = hipaa.start("EHR-READ-H", goLive);
    Task scope = engine.task(gate.getId(), HipaaAuditGateProcess.Elements.DEFINE_SCOPE);
    assertThat(local(scope)).containsEntry("gateReasonText", "before go-live")
        .containsEntry("goLiveDateText", io.hitgov.shared.process.Readable.date(goLive));
    assertThat(rendered(scope)).contains("**HIPAA gate** ").contains(" before go-live · go-live ");
    hipaa.defineScope(gate, "Acme EHR Hosting", null);

    Task evidence = engine.tasks(gate.getId(), HipaaAuditGateProcess.Elements.SUBMIT_EVIDENCE).get(0);
    assertThat((String) local(evidence).get("specRequirementText")).isIn("Required", "Addressable", "Standard");
    assertThat((String) local(evidence).get("specOwnerGroupName")).doesNotMatch("[a-z]+[A-Z][a-z]+");
    rendered(evidence);
    Task baa = engine.task(gate.getId(), HipaaAuditGateProcess.Elements.RECORD_BAA);
    assertThat(local(baa)).containsEntry("baaStatusText", "not recorded yet");
    rendered(baa);

    ProcessInstance signing = hipaa.cleanGateUpToSignatures("EHR-READ-H2", goLive);
    Task security = engine.task(signing.getId(), HipaaAuditGateProcess.Elements.SIGN_SECURITY);
    Map<String, Object> shown = local(security);
    assertThat(shown).containsEntry("hipaaFindingsText", "- none");
    assertThat((String) shown.get("hipaaEvidenceText")).matches("(\\d+) of \\1 specifications have evidence: .*\\d+ evidenced.*");
    assertThat((String) shown.get("hipaaBaaText"))
        .contains("- Acme EHR Hosting: executed, in force from Mon 1 Jan 2024 with no expiry date, flows the requirements"
            + " down to subcontractors").contains("- LabCo: executed");
    assertThat(rendered(security)).contains("**Evidence:** ").contains("**Business associate agreements:**");
  }
}
