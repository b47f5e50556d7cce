package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.NewRiskEvent;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.shared.process.EngineClock;
import org.springframework.stereotype.Component;

/** Writes a risk's immutable history: what happened, who did it, and the risk's band and score then. */
@Component
class RiskHistory {

  static final int MAX_DETAILS = 2000;

  private final RiskRepository repository;

  RiskHistory(RiskRepository repository) {
    this.repository = repository;
  }

  /** An event that changes nothing scored (raised, owner, acknowledgement, containment, analysis). */
  void note(String riskId, String actor, String event, String details) {
    write(new NewRiskEvent(riskId, EngineClock.now(), actor, event, null, null, null, cut(details)));
  }

  /** An event with the risk's band and score as they are after it. */
  void state(Risk risk, String actor, String event, String details) {
    write(new NewRiskEvent(risk.riskId(), EngineClock.now(), actor, event, risk.band(), risk.score(), null,
        cut(details)));
  }

  /** An escalation to {@code level}. */
  void escalated(Risk risk, EscalationLevel level, String details) {
    write(new NewRiskEvent(risk.riskId(), EngineClock.now(), null, "ESCALATED", risk.band(), risk.score(),
        level.name(), cut(details)));
  }

  private void write(NewRiskEvent event) {
    repository.insertEvent(event);
  }

  private static String cut(String details) {
    return details == null || details.length() <= MAX_DETAILS ? details : details.substring(0, MAX_DETAILS);
  }
}
