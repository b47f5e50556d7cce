package io.hitgov.risk;

import static io.hitgov.risk.RiskEscalationProcess.Variables.*;

import io.hitgov.risk.RiskScoring.Score;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Scores (and re-scores) the risk with RiskScoreDecision; gate holds follow the new score. */
@Component
@ModelCallable(processes = RiskEscalationProcess.KEY)
class ScoreRiskDelegate implements JavaDelegate {

  private final RiskScoring service;
  private final CurrentUser currentUser;

  ScoreRiskDelegate(RiskScoring service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String riskId = execution.getProcessBusinessKey();
    Score score = service.score(riskId, TaskFields.integer(execution, LIKELIHOOD),
        TaskFields.integer(execution, IMPACT), currentUser.id().orElse(null));
    execution.setVariable(SCORE, score.score());
    execution.setVariable(BAND, score.band());
    boolean fastTrack = score.fastTrack();
    execution.setVariable(FAST_TRACK, fastTrack);
    execution.setVariable(SAFETY_ACK_DURATION, score.safetyAcknowledgement());
    // After a re-score: a higher band, or a newly due fast track, goes through triage and ownership again.
    boolean fastTrackStarted = Boolean.TRUE.equals(execution.getVariable("fastTrackStarted"));
    execution.setVariable("rescoreNeedsRouting", score.raised() || fastTrack && !fastTrackStarted);
  }
}
