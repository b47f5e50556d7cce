package io.hitgov.change;

import static io.hitgov.change.ChangeRequestProcess.Variables.*;

import io.hitgov.change.ChangeRequestProcess.Elements;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.shared.process.Readable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the change request's forms (docs/conventions.md#readable-forms), set as
 * task-local variables when a change task is created: money, yes/no, words, names and dates; the
 * project's budget, contingency remaining and approved changes for the impact assessment; and for
 * an approval the assessment as labelled lines and every routing reason with the meaning of its
 * ChangeRoutingDecision row. Called by the engine's Spring event bridge for every task, so the
 * models stay unchanged; the raw variables stay what the process and the decision read.
 */
@Component
class ChangeFormDisplay {

  static final Map<String, String> SCOPE_WORDS = Map.of("NONE", "No scope change",
      "MINOR_ADDITION", "Minor addition within approved modules", "NEW_MODULE", "New module, site or specialty",
      "CLINICIAN_VISIBLE_REMOVAL", "Removal visible to clinicians");

  /** What the approval form shows for a plan the assessment left empty. */
  static final String NONE_GIVEN = "none given";

  private final ChangeRepository repository;
  private final ProjectBaselines projects;
  private final ChangeProperties properties;
  private final Readable readable;
  private final RoutingReasons reasons;

  ChangeFormDisplay(ChangeRepository repository, ProjectBaselines projects, ChangeProperties properties,
      Readable readable, RoutingReasons reasons) {
    this.repository = repository;
    this.projects = projects;
    this.properties = properties;
    this.readable = readable;
    this.reasons = reasons;
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      readable.asSystem(() -> {
        if (Readable.ofProcess(task, ChangeRequestProcess.KEY)) {
          task.setVariablesLocal(values(task));
        }
      });
    }
  }

  Map<String, Object> values(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("changeTypeText", Readable.words(task.getVariable(CHANGE_TYPE)));
    values.put("costImpactText", Readable.money(task.getVariable(COST_IMPACT)));
    values.put("scheduleImpactText", task.getVariable(SCHEDULE_IMPACT_DAYS) + " business days");
    values.put("movesGoLiveText", Boolean.TRUE.equals(task.getVariable(MOVES_GO_LIVE))
        ? "yes, to " + Readable.date(task.getVariable(NEW_GO_LIVE_DATE)) : "no");
    values.put("clinicalContentImpactText", Readable.yesNo(task.getVariable(CLINICAL)));
    values.put("patientSafetyImpactText", Readable.yesNo(task.getVariable(SAFETY)));
    values.put("phiImpactText", Readable.yesNo(task.getVariable(PHI)));
    values.put("interfaceImpactText", Readable.yesNo(task.getVariable(INTERFACE)));
    values.put("requesterName", readable.user(task.getVariable(REQUESTER)));
    String key = task.getTaskDefinitionKey();
    if (Elements.ASSESS.equals(key)) {
      values.putAll(budget((String) task.getVariable(PROJECT_ID)));
    }
    if (Elements.APPROVE.equals(key)) {
      String group = (String) task.getVariable(APPROVER_GROUP);
      values.put("approverGroupName", Readable.group(group));
      values.put("approvalDueText", Readable.dateTime(task.getVariable(APPROVAL_DUE)));
      values.put("assessmentText", assessment(task));
      values.putAll(plans(task));
      values.put("routingReasonsText", reasons.explain(routingInputs(task), group));
    }
    return values;
  }

  /** Budget, contingency remaining and the changes approved so far (docs/domain/change-control.md#contingency). */
  Map<String, Object> budget(String projectId) {
    Map<String, Object> values = new HashMap<>();
    var project = projects.find(projectId).orElse(null);
    if (project == null) {
      return values;
    }
    ChangeRepository.ApprovedCost approved = repository.approvedCost(projectId);
    long approvedCost = approved.total();
    long contingency = project.baselineBudget() * properties.contingencyPercent() / 100;
    values.put("budgetText", Readable.money(project.budget()) + " (baseline " + Readable.money(project.baselineBudget())
        + ")");
    values.put("contingencyText", Readable.money(contingency - Math.max(0, approvedCost)) + " of "
        + Readable.money(contingency) + " (" + properties.contingencyPercent() + " % of the baseline budget)");
    values.put("approvedChangesText", approved.count() == 0 ? "none yet"
        : approved.count() + (approved.count() == 1 ? " change, " : " changes, ") + Readable.money(approvedCost));
    return values;
  }

  /** The impact assessment as labelled lines (Markdown), the free texts are shown by the form itself. */
  static String assessment(DelegateTask task) {
    List<String> lines = new ArrayList<>();
    lines.add("**Change risk:** " + Readable.words(task.getVariable("changeRisk")));
    Object scope = task.getVariable("scopeChange");
    lines.add("**Scope:** " + (scope instanceof String s && SCOPE_WORDS.containsKey(s) ? SCOPE_WORDS.get(s)
        : Readable.words(scope)));
    lines.add("**On the critical path:** " + Readable.yesNo(task.getVariable("criticalPath")));
    lines.add("**Moves a gate date:** " + Readable.yesNo(task.getVariable("movesGate")));
    lines.add("**New funding:** " + Readable.yesNo(task.getVariable("newFunding")));
    lines.add("**Crosses the fiscal year:** " + Readable.yesNo(task.getVariable("crossesFiscalYear"))
        + (task.getVariable("fiscalYear") instanceof String fy && !fy.isBlank() ? " (" + fy + ")" : ""));
    lines.add("**Changes the capital/operating split:** "
        + Readable.yesNo(task.getVariable("changesCapitalOperatingSplit")));
    lines.add("**Share of the remaining contingency drawn:** "
        + Readable.percent(task.getVariable("contingencyDrawPercent")));
    lines.add("**Share of the budget:** " + Readable.percent(task.getVariable(BUDGET_SHARE)));
    return String.join("  \n", lines);
  }

  /**
   * The assessment's plans as the approval form shows them: "none given" for a plan left empty (the test
   * plan is optional, an emergency change has no assessment), never a blank line.
   */
  static Map<String, Object> plans(DelegateTask task) {
    Map<String, Object> values = new HashMap<>();
    for (String plan : List.of("implementationPlan", "backoutPlan", "testPlan")) {
      values.put(plan + "Text", task.getVariable(plan) instanceof String text && !text.isBlank() ? text.strip()
          : NONE_GIVEN);
    }
    return values;
  }

  /** The inputs ChangeRoutingDecision read when it routed this change (as in ChangeDelegates.RouteChange). */
  static Map<String, Object> routingInputs(DelegateTask task) {
    Map<String, Object> inputs = new HashMap<>();
    for (String name : List.of(CHANGE_TYPE, COST_IMPACT, SCHEDULE_IMPACT_DAYS, MOVES_GO_LIVE, CLINICAL, SAFETY, PHI,
        INTERFACE, BUDGET, BUDGET_SHARE, IN_FREEZE)) {
      inputs.put(name, task.getVariable(name));
    }
    for (String name : ChangeRequestProcess.Variables.ASSESSMENT) {
      inputs.put(name, task.getVariable(name));
    }
    return inputs;
  }
}
