package io.hitgov.stagegate;

import static io.hitgov.stagegate.StageGateReviewProcess.Variables.*;

import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectReadiness;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The forms of StageGateReviewProcess and GateConditionProcess, one listener each: fields
 * declared on creation, the answer validated and recorded for the acting user.
 */
final class GateForms {

  private GateForms() {}

  /** The review round a gate form belongs to, as its process instance holds it. */
  record Round(String reviewId, String projectId, String gateId, int round) {

    static Round of(DelegateTask task) {
      return new Round((String) task.getVariable(REVIEW_ID), (String) task.getVariable("projectId"),
          (String) task.getVariable(GATE_ID), ((Number) task.getVariable(ROUND)).intValue());
    }
  }

  /** What every gate review form does; a form names its fields and what it records for its round. */
  abstract static class GateForm extends FormTaskListener {

    GateForm(CurrentUser currentUser) {
      super(currentUser, "Completing a gate task");
    }

    @Override
    protected final void completed(DelegateTask task, String user) {
      record(task, Round.of(task), user);
    }

    abstract void record(DelegateTask task, Round round, String user);

    /** The blockers HITGov finds against passing the gate, for the signatories' forms. */
    static void showBlockers(GateOutcomes outcomes, DelegateTask task, Round r) {
      task.getExecution().getProcessInstance().setVariable(BLOCKERS_TEXT,
          TaskFields.clipped(outcomes.blockers(r.reviewId(), r.projectId(), r.gateId()).text()));
    }
  }

  @Component("assembleEvidenceListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class AssembleEvidence extends GateForm {
    private final GateReviews gates;
    private final GateOutcomes outcomes;

    AssembleEvidence(GateReviews gates, GateOutcomes outcomes, CurrentUser currentUser) {
      super(currentUser);
      this.gates = gates;
      this.outcomes = outcomes;
    }

    @Override
    protected String[] fields() {
      return new String[] {"evidenceReferences", "unmetCriteria", "evidenceNote"};
    }

    @Override
    void record(DelegateTask task, Round r, String user) {
      String references = TaskFields.string(task, "evidenceReferences", 4000);
      String unmet = gates.recordEvidence(r.reviewId(), r.projectId(), r.gateId(), r.round(), references,
          TaskFields.string(task, "unmetCriteria", 500), TaskFields.string(task, "evidenceNote", 2000), user);
      var instance = task.getExecution().getProcessInstance();
      instance.setVariable(EVIDENCE_REFERENCES, references);
      instance.setVariable(UNMET_CRITERIA, unmet);
      if (!"G6".equals(r.gateId())) {
        showBlockers(outcomes, task, r);
      }
    }
  }

  @Component("scoreGateReadinessListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class ScoreReadiness extends GateForm {
    private final GateReviews gates;
    private final GateOutcomes outcomes;
    private final ProjectGates projects;

    ScoreReadiness(GateReviews gates, GateOutcomes outcomes, ProjectGates projects, CurrentUser currentUser) {
      super(currentUser);
      this.gates = gates;
      this.outcomes = outcomes;
      this.projects = projects;
    }

    @Override
    protected String[] fields() {
      return ProjectGates.scorecardFields();
    }

    /** The form shows R06 and R07 as the interface and conversion records compute them. */
    @Override
    protected void created(DelegateTask task) {
      task.setVariableLocal(ProjectGates.READINESS_EVIDENCE,
          projects.readinessEvidence((String) task.getVariable("projectId")));
    }

    @Override
    void record(DelegateTask task, Round r, String user) {
      ProjectReadiness.Readiness readiness = projects.scoreG6Readiness(r.projectId(), ProjectGates.scorecard(task),
          TaskFields.string(task, "readinessNote", 2000), user);
      gates.recordReadiness(r.reviewId(), r.projectId(), r.gateId(), r.round(), readiness, user);
      task.getExecution().getProcessInstance().setVariable("readinessSummary", TaskFields.clipped(readiness.summary()));
      showBlockers(outcomes, task, r);
    }
  }

  /** A signatory's vote; a signatory who may not sign this review (four-eyes) cannot even claim it. */
  @Component("reviewGateListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class ReviewGate extends GateForm {
    private final GateVotes gates;

    ReviewGate(GateVotes gates, CurrentUser currentUser) {
      super(currentUser);
      this.gates = gates;
    }

    @Override
    protected String[] fields() {
      return new String[] {OUTCOME, COMMENT, "conditionText", "conditionOwner", "conditionDue"};
    }

    @Override
    protected void assigned(DelegateTask task, String assignee) {
      gates.checkSignatory((String) task.getVariable(REVIEW_ID), assignee);
    }

    @Override
    void record(DelegateTask task, Round r, String user) {
      gates.vote(r.reviewId(), r.projectId(), r.gateId(), r.round(), (String) task.getVariable(REVIEWER_GROUP),
          user, TaskFields.string(task, OUTCOME), TaskFields.string(task, COMMENT, 2000),
          TaskFields.string(task, "conditionText", 1000), TaskFields.string(task, "conditionOwner", 64),
          TaskFields.string(task, "conditionDue", 40));
    }
  }

  /** The PMO's chase of an overdue decision: the groups still to sign are shown, the chase recorded. */
  @Component("chaseGateDecisionListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class ChaseOverdueDecision extends GateForm {
    private final GateVotes gates;

    ChaseOverdueDecision(GateVotes gates, CurrentUser currentUser) {
      super(currentUser);
      this.gates = gates;
    }

    @Override
    protected String[] fields() {
      return new String[] {"escalationNote"};
    }

    @Override
    protected void created(DelegateTask task) {
      task.getExecution().getProcessInstance().setVariable(PENDING_GROUPS, String.join(", ", pending(task)));
    }

    @Override
    void record(DelegateTask task, Round r, String user) {
      gates.recordEscalation(r.reviewId(), r.projectId(), r.gateId(), r.round(), user,
          GateDelegates.required(task, "escalationNote"), pending(task));
    }

    @SuppressWarnings("unchecked")
    private List<String> pending(DelegateTask task) {
      return gates.pendingGroups((String) task.getVariable(REVIEW_ID), (List<String>) task.getVariable(REVIEWERS));
    }
  }

  /** The steering committee's decision on a gate held by a patient-safety risk. */
  @Component("decideHeldGateListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class DecideHeldGate extends GateForm {
    private final GateVotes gates;

    DecideHeldGate(GateVotes gates, CurrentUser currentUser) {
      super(currentUser);
      this.gates = gates;
    }

    @Override
    protected String[] fields() {
      return new String[] {HOLD_DECISION, "holdComment"};
    }

    @Override
    void record(DelegateTask task, Round r, String user) {
      String decision = TaskFields.string(task, HOLD_DECISION);
      String comment = TaskFields.string(task, "holdComment", 2000);
      gates.recordHoldDecision(r.reviewId(), r.projectId(), r.gateId(), r.round(), user, decision, comment);
      task.getExecution().setVariable(HOLD_DECISION, decision);
      var instance = task.getExecution().getProcessInstance();
      instance.setVariable(HOLD_DECISION, decision);
      if ("TERMINATE".equals(decision)) {
        instance.setVariable(OUTCOME, "TERMINATE");
        instance.setVariable(COMMENT, comment);
      }
    }
  }

  /** GateConditionProcess: the owner fulfils the condition. */
  @Component("fulfilGateConditionListener")
  @ModelCallable(processes = GateConditionProcess.KEY)
  static class FulfilCondition extends FormTaskListener {
    private final GateConditions gates;

    FulfilCondition(GateConditions gates, CurrentUser currentUser) {
      super(currentUser, "Completing a gate condition task");
      this.gates = gates;
    }

    @Override
    protected String[] fields() {
      return new String[] {"conditionEvidence", "conditionNote"};
    }

    @Override
    protected void completed(DelegateTask task, String user) {
      gates.fulfilCondition((String) task.getVariable("conditionId"), TaskFields.string(task, "conditionEvidence", 200),
          TaskFields.string(task, "conditionNote", 2000), user);
    }
  }

  /** GateConditionProcess: the PMO chases an overdue condition. */
  @Component("chaseGateConditionListener")
  @ModelCallable(processes = GateConditionProcess.KEY)
  static class ChaseCondition extends FormTaskListener {
    private final GateConditions gates;

    ChaseCondition(GateConditions gates, CurrentUser currentUser) {
      super(currentUser, "Completing a gate condition task");
      this.gates = gates;
    }

    @Override
    protected String[] fields() {
      return new String[] {"chaseNote"};
    }

    @Override
    protected void completed(DelegateTask task, String user) {
      gates.conditionOverdue((String) task.getVariable("conditionId"), user, GateDelegates.required(task, "chaseNote"));
    }
  }
}
