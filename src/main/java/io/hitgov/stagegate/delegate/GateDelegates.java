package io.hitgov.stagegate.delegate;

import static io.hitgov.stagegate.StageGateReviewProcess.Variables.*;

import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.stagegate.GateConditionProcess;
import io.hitgov.stagegate.GateRecords.GateCondition;
import io.hitgov.stagegate.GateService.Decision;
import io.hitgov.stagegate.GateService.Review;
import io.hitgov.stagegate.GateService;
import io.hitgov.stagegate.StageGateReviewProcess.Elements;
import io.hitgov.stagegate.StageGateReviewProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** The service tasks and task listeners of StageGateReviewProcess and GateConditionProcess. */
final class GateDelegates {

  private GateDelegates() {}

  static String required(VariableScope scope, String field) {
    String value = TaskFields.string(scope, field, 2000);
    if (value == null) {
      throw new InvalidVariablesException(field + " is required");
    }
    return value;
  }

  /** Opens a review round: id, checklist, signatories, earlier comments, due dates. */
  @Component("openGateReviewDelegate")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class OpenGateReview implements JavaDelegate {
    private final GateService gates;
    private final ProjectGates projects;
    private final CurrentUser currentUser;

    OpenGateReview(GateService gates, ProjectGates projects, CurrentUser currentUser) {
      this.gates = gates;
      this.projects = projects;
      this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Review review = gates.open(TaskFields.string(execution, "projectId"), TaskFields.string(execution, GATE_ID),
          currentUser.id().orElse(null));
      execution.setProcessBusinessKey(review.reviewId());
      execution.setVariable(REVIEW_ID, review.reviewId());
      execution.setVariable(ROUND, review.round());
      execution.setVariable(REVIEWERS, Variables.objectValue(new ArrayList<>(review.reviewers())).create());
      execution.setVariable(CHECKLIST_TEXT, TaskFields.clipped(review.checklistText()));
      execution.setVariable(PREVIOUS_COMMENTS, TaskFields.clipped(review.previousComments()));
      execution.setVariable(EVIDENCE_PACK_DUE, gates.evidencePackDue());
      execution.setVariable(DECISION_DUE, gates.decisionDue());
      execution.setVariable(BLOCKERS_TEXT, "not assessed yet");
      execution.setVariable("readinessSummary", projects.lastReadiness(TaskFields.string(execution, "projectId")));
      execution.setVariable(PROJECT_MANAGER, projects.projectManager(TaskFields.string(execution, "projectId")));
      execution.setVariable(SPONSOR, projects.sponsor(TaskFields.string(execution, "projectId")));
      execution.removeVariable(HOLD_DECISION);
    }
  }

  /** Decides the gate with GateOutcomeDecision and raises the conditions of a GO_WITH_CONDITIONS. */
  @Component("decideGateOutcomeDelegate")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class DecideGateOutcome implements JavaDelegate {
    private final GateService gates;

    DecideGateOutcome(GateService gates) {
      this.gates = gates;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String gateId = (String) execution.getVariable(GATE_ID);
      String projectId = (String) execution.getVariable("projectId");
      Decision decision = gates.decide((String) execution.getVariable(REVIEW_ID), projectId, gateId,
          ((Number) execution.getVariable(ROUND)).intValue());
      execution.setVariable(OUTCOME, decision.outcome());
      execution.setVariable(OUTCOME_REASON, decision.reason());
      execution.setVariable(COMMENT, TaskFields.clipped(decision.comment()));
      var runtime = execution.getProcessEngineServices().getRuntimeService();
      for (GateCondition condition : decision.conditions()) {
        runtime.startProcessInstanceByKey(GateConditionProcess.KEY, condition.conditionId(), Variables.createVariables()
            .putValue("projectId", projectId).putValue("gateId", gateId)
            .putValue("conditionId", condition.conditionId()).putValue("conditionText", condition.conditionText())
            .putValue("conditionOwner", condition.owner()).putValue("conditionDue", gates.conditionDueAt(condition)));
      }
    }
  }

  /** The gate review's user tasks. */
  @Component("gateTaskListener")
  @ModelCallable(processes = StageGateReviewProcess.KEY)
  static class GateTaskListener implements TaskListener {
    private final GateService gates;
    private final ProjectGates projects;
    private final CurrentUser currentUser;

    GateTaskListener(GateService gates, ProjectGates projects, CurrentUser currentUser) {
      this.gates = gates;
      this.projects = projects;
      this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
      String key = task.getTaskDefinitionKey();
      switch (task.getEventName()) {
        case EVENTNAME_CREATE -> created(task, key);
        case EVENTNAME_ASSIGNMENT -> {
          if (Elements.REVIEW.equals(key) && task.getAssignee() != null) {
            gates.checkSignatory((String) task.getVariable(REVIEW_ID), task.getAssignee());
          }
        }
        case EVENTNAME_COMPLETE -> completed(task, key, currentUser.required("Completing a gate task"));
        default -> { }
      }
    }

    private void created(DelegateTask task, String key) {
      switch (key) {
        case Elements.ASSEMBLE_EVIDENCE -> TaskFields.declare(task, "evidenceReferences", "unmetCriteria", "evidenceNote");
        case Elements.SCORE_READINESS -> TaskFields.declare(task, ProjectGates.scorecardFields());
        case Elements.REVIEW -> TaskFields.declare(task, OUTCOME, COMMENT, "conditionText", "conditionOwner", "conditionDue");
        case Elements.CHASE_OVERDUE_DECISION -> {
          TaskFields.declare(task, "escalationNote");
          task.getExecution().getProcessInstance().setVariable(PENDING_GROUPS, String.join(", ", pending(task)));
        }
        case Elements.DECIDE_HELD_GATE -> TaskFields.declare(task, HOLD_DECISION, "holdComment");
        default -> { }
      }
    }

    @SuppressWarnings("unchecked")
    private List<String> pending(DelegateTask task) {
      return gates.pendingGroups((String) task.getVariable(REVIEW_ID), (List<String>) task.getVariable(REVIEWERS));
    }

    private void completed(DelegateTask task, String key, String user) {
      String reviewId = (String) task.getVariable(REVIEW_ID);
      String projectId = (String) task.getVariable("projectId");
      String gateId = (String) task.getVariable(GATE_ID);
      int round = ((Number) task.getVariable(ROUND)).intValue();
      var instance = task.getExecution().getProcessInstance();
      switch (key) {
        case Elements.ASSEMBLE_EVIDENCE -> {
          String references = TaskFields.string(task, "evidenceReferences", 4000);
          String unmet = gates.recordEvidence(reviewId, projectId, gateId, round, references,
              TaskFields.string(task, "unmetCriteria", 500), TaskFields.string(task, "evidenceNote", 2000), user);
          instance.setVariable(EVIDENCE_REFERENCES, references);
          instance.setVariable(UNMET_CRITERIA, unmet);
          if (!"G6".equals(gateId)) {
            instance.setVariable(BLOCKERS_TEXT, TaskFields.clipped(gates.blockers(reviewId, projectId, gateId).text()));
          }
        }
        case Elements.SCORE_READINESS -> {
          ProjectService.Readiness readiness = projects.scoreG6Readiness(projectId,
              ProjectGates.scorecard(task), TaskFields.string(task, "readinessNote", 2000), user);
          gates.recordReadiness(reviewId, projectId, gateId, round, readiness, user);
          instance.setVariable("readinessSummary", TaskFields.clipped(readiness.summary()));
          instance.setVariable(BLOCKERS_TEXT, TaskFields.clipped(gates.blockers(reviewId, projectId, gateId).text()));
        }
        case Elements.REVIEW -> gates.vote(reviewId, projectId, gateId, round, (String) task.getVariable(REVIEWER_GROUP),
            user, TaskFields.string(task, OUTCOME), TaskFields.string(task, COMMENT, 2000),
            TaskFields.string(task, "conditionText", 1000), TaskFields.string(task, "conditionOwner", 64),
            TaskFields.string(task, "conditionDue", 40));
        case Elements.CHASE_OVERDUE_DECISION -> gates.recordEscalation(reviewId, projectId, gateId, round, user,
            required(task, "escalationNote"), pending(task));
        case Elements.DECIDE_HELD_GATE -> {
          String decision = TaskFields.string(task, HOLD_DECISION);
          String comment = TaskFields.string(task, "holdComment", 2000);
          gates.recordHoldDecision(reviewId, projectId, gateId, round, user, decision, comment);
          task.getExecution().setVariable(HOLD_DECISION, decision);
          instance.setVariable(HOLD_DECISION, decision);
          if ("TERMINATE".equals(decision)) {
            instance.setVariable(OUTCOME, "TERMINATE");
            instance.setVariable(COMMENT, comment);
          }
        }
        default -> { }
      }
    }
  }

  /** GateConditionProcess: fulfilment by the owner, the PMO's chase when overdue. */
  @Component("gateConditionTaskListener")
  @ModelCallable(processes = GateConditionProcess.KEY)
  static class GateConditionTaskListener implements TaskListener {
    private final GateService gates;
    private final CurrentUser currentUser;

    GateConditionTaskListener(GateService gates, CurrentUser currentUser) {
      this.gates = gates;
      this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
      boolean fulfil = GateConditionProcess.FULFIL.equals(task.getTaskDefinitionKey());
      if (EVENTNAME_CREATE.equals(task.getEventName())) {
        if (fulfil) {
          TaskFields.declare(task, "conditionEvidence", "conditionNote");
        } else {
          TaskFields.declare(task, "chaseNote");
        }
      } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
        String user = currentUser.required("Completing a gate condition task");
        String conditionId = (String) task.getVariable("conditionId");
        if (fulfil) {
          gates.fulfilCondition(conditionId, TaskFields.string(task, "conditionEvidence", 200),
              TaskFields.string(task, "conditionNote", 2000), user);
        } else {
          gates.conditionOverdue(conditionId, user, required(task, "chaseNote"));
        }
      }
    }
  }
}
