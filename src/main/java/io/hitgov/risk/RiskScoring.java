package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.Risk;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Scores a risk with {@code RiskScoreDecision}, records it and places or releases its gate holds. */
@Service
class RiskScoring {

  /**
   * The result of scoring: {@code raised} when a re-score moved the band up, {@code fastTrack} when
   * the risk takes the patient-safety fast track, acknowledged within {@code safetyAcknowledgement}.
   */
  record Score(int score, String band, boolean raised, boolean fastTrack, String safetyAcknowledgement) {}

  private final RiskRepository repository;
  private final RiskHistory history;
  private final RiskGateHolds holds;
  private final DecisionService decisionService;
  private final RiskProperties properties;

  RiskScoring(RiskRepository repository, RiskHistory history, RiskGateHolds holds, DecisionService decisionService,
      RiskProperties properties) {
    this.repository = repository;
    this.history = history;
    this.holds = holds;
    this.decisionService = decisionService;
    this.properties = properties;
  }

  Score score(String riskId, int likelihood, int impact, String actor) {
    Risk risk = repository.get(riskId);
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(RiskEscalationProcess.SCORE_DECISION)
        .variables(Variables.createVariables().putValue("likelihood", likelihood).putValue("impact", impact)
            .putValue("category", risk.category()))
        .evaluate().getSingleResult();
    boolean rescore = risk.score() != null;
    String band = result.getEntry("riskBand");
    int score = ((Number) result.getEntry("riskScore")).intValue();
    boolean raised = rescore && RiskEscalationProcess.Values.BANDS.indexOf(band)
        > RiskEscalationProcess.Values.BANDS.indexOf(risk.band());
    repository.updateScore(riskId, likelihood, impact, score, band);
    Risk scored = repository.get(riskId);
    history.state(scored, actor, rescore ? "RESCORED" : "SCORED", "likelihood " + likelihood + " x impact " + impact
        + (rescore ? " (was " + risk.score() + " " + risk.band() + ")" : ""));
    holds.sync(scored, rescore, actor);
    return new Score(score, band, raised, RiskPolicy.fastTrack(scored), properties.safetyAcknowledgement());
  }
}
