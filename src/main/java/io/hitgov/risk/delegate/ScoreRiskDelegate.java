package io.hitgov.risk.delegate;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskService;
import io.hitgov.risk.RiskService.Score;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Scores (and re-scores) the risk with RiskScoreDecision; gate holds follow the new score. */
@Component
class ScoreRiskDelegate implements JavaDelegate {

  private final RiskService service;
  private final CurrentUser currentUser;

  ScoreRiskDelegate(RiskService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String riskId = TaskFields.string(execution, RISK_ID);
    Score score = service.score(riskId, TaskFields.integer(execution, LIKELIHOOD),
        TaskFields.integer(execution, IMPACT), currentUser.id().orElse(null));
    execution.setVariable(SCORE, score.score());
    execution.setVariable(BAND, score.band());
    execution.setVariable(FAST_TRACK, service.fastTrack(riskId));
    execution.setVariable(SAFETY_ACK_DURATION, service.safetyAcknowledgement());
  }
}
