package io.hitgov.stagegate;

import static io.hitgov.stagegate.StageGateReviewProcess.Variables.*;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectGates.GateBrief;
import io.hitgov.risk.RiskProfile;
import io.hitgov.risk.RiskProfile.OpenRisk;
import io.hitgov.shared.process.Readable;
import io.hitgov.stagegate.GateRecords.GateCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the stage gate forms (docs/conventions.md#readable-forms), set as task-local
 * variables when a task of StageGateReviewProcess or GateConditionProcess is created: the gate and
 * the project's phase by name, dates as dates, groups and people by name, and for the review
 * round's forms what a signatory needs to decide ({@code gateStatusText}): the latest readiness
 * scoring as red/amber/green, the project's open gate conditions, its open risks by band and the
 * HIPAA gate pass. Each row is read once per task; called by the engine's Spring event bridge, so
 * the models stay unchanged.
 */
@Component
class GateFormDisplay {

  static final List<String> BANDS = List.of("EXTREME", "HIGH", "MODERATE", "LOW");
  static final int LISTED = 5;

  private final ProjectGates projects;
  private final GateVotes votes;
  private final GateConditions conditions;
  private final RiskProfile risks;
  private final Readable readable;

  GateFormDisplay(ProjectGates projects, GateVotes votes, GateConditions conditions, RiskProfile risks,
      Readable readable) {
    this.projects = projects;
    this.votes = votes;
    this.conditions = conditions;
    this.risks = risks;
    this.readable = readable;
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    readable.whenCreated(task, StageGateReviewProcess.KEY::equals, created -> created.setVariablesLocal(review(created)));
    readable.whenCreated(task, GateConditionProcess.KEY::equals, created -> created.setVariablesLocal(condition(created)));
  }

  /** A task of a review round: the header, the project's standing, and the task's own group or due date. */
  Map<String, Object> review(DelegateTask task) {
    String projectId = (String) task.getVariable("projectId");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("gateName", ImplementationLifecycleProcess.gateName(task.getVariable(GATE_ID)));
    values.put("gateDecisionDueText", Readable.dateTime(task.getVariable(DECISION_DUE)));
    values.put("evidencePackDueText", Readable.dateTime(task.getVariable(EVIDENCE_PACK_DUE)));
    GateBrief brief = projects.brief(projectId).orElse(null);
    values.put("currentPhaseName", ImplementationLifecycleProcess.phaseName(brief == null ? null : brief.currentPhase()));
    values.put("goLiveDateText", Readable.date(brief == null ? task.getVariable("goLiveDate") : brief.goLiveDate()));
    values.put("gateStatusText", standing(projectId, brief));
    String key = task.getTaskDefinitionKey();
    if (StageGateReviewProcess.Elements.REVIEW.equals(key)) {
      values.put("reviewerGroupName", Readable.group(task.getVariable(REVIEWER_GROUP)));
    }
    if (StageGateReviewProcess.Elements.CHASE_OVERDUE_DECISION.equals(key)) {
      values.put("gatePendingGroupsText", pendingGroups(task));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private String pendingGroups(DelegateTask task) {
    return votes.pendingGroups((String) task.getVariable(REVIEW_ID), (List<String>) task.getVariable(REVIEWERS))
        .stream().map(Readable::group).collect(Collectors.joining(", "));
  }

  /** What a signatory needs besides the checklist, as labelled Markdown lines. */
  String standing(String projectId, GateBrief brief) {
    String readiness = brief == null ? "—" : brief.readinessText();
    String hipaa = brief == null ? "—" : brief.hipaaPassValid() ? "passed, valid today"
        : "no valid pass (go-live readiness, G6, needs one)";
    return "**Readiness scorecard:** " + readiness + "  \n**HIPAA audit gate:** " + hipaa
        + "\n\n**Open gate conditions:**\n" + openConditions(projectId)
        + "\n\n**Open risks:** " + openRisks(risks.topRisks(projectId, Integer.MAX_VALUE));
  }

  private String openConditions(String projectId) {
    List<GateCondition> open = conditions.conditions(projectId).stream().filter(c -> "OPEN".equals(c.status())).toList();
    if (open.isEmpty()) {
      return "- none";
    }
    return open.stream().limit(LISTED).map(c -> "- " + c.conditionId() + " (" + c.gateId() + "): " + c.conditionText()
        + ", owner " + readable.user(c.owner()) + ", due " + Readable.date(c.dueDate()))
        .collect(Collectors.joining("\n")) + (open.size() > LISTED ? "\n- and " + (open.size() - LISTED) + " more" : "");
  }

  /** Counts by band, highest first, then the highest risks themselves. */
  static String openRisks(List<OpenRisk> open) {
    if (open.isEmpty()) {
      return "none";
    }
    Map<String, Long> byBand = open.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.band()),
        Collectors.counting()));
    String counts = BANDS.stream().filter(byBand::containsKey)
        .map(band -> byBand.get(band) + " " + band.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    long unscored = byBand.getOrDefault("null", 0L);
    counts = counts + (unscored == 0 ? "" : (counts.isEmpty() ? "" : ", ") + unscored + " not scored yet");
    return counts + "\n" + open.stream().limit(LISTED)
        .map(r -> "- " + Readable.words(r.band()) + (r.score() == null ? "" : " " + r.score()) + ": " + r.title()
            + " (" + r.riskId() + ")")
        .collect(Collectors.joining("\n"));
  }

  /** A gate condition's task: the gate by name, the owner by name, the due date as a date. */
  Map<String, Object> condition(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("gateName", ImplementationLifecycleProcess.gateName(task.getVariable(GATE_ID)));
    values.put("conditionDueText", Readable.date(task.getVariable("conditionDue")));
    values.put("conditionOwnerName", readable.user(task.getVariable("conditionOwner")));
    return values;
  }
}
