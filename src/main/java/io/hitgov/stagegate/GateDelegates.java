package io.hitgov.stagegate;

import static io.hitgov.stagegate.StageGateReviewProcess.Variables.*;

import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.stagegate.GateRecords.RaisedCondition;
import io.hitgov.stagegate.GateOutcomes.Decision;
import io.hitgov.stagegate.GateReviews.Review;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
    private final GateReviews gates;
    private final ProjectGates projects;
    private final CurrentUser currentUser;

    OpenGateReview(GateReviews gates, ProjectGates projects, CurrentUser currentUser) {
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
      execution.setVariable(EVIDENCE_PACK_DUE, review.evidencePackDue());
      execution.setVariable(DECISION_DUE, review.decisionDue());
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
    private final GateOutcomes gates;

    DecideGateOutcome(GateOutcomes gates) {
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
      for (RaisedCondition condition : decision.conditions()) {
        runtime.startProcessInstanceByKey(GateConditionProcess.KEY, condition.conditionId(), Variables.createVariables()
            .putValue("projectId", projectId).putValue("gateId", gateId)
            .putValue("conditionId", condition.conditionId()).putValue("conditionText", condition.conditionText())
            .putValue("conditionOwner", condition.owner()).putValue("conditionDue", condition.dueAt()));
      }
    }
  }
}
