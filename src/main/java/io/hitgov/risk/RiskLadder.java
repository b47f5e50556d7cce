package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.shared.event.EscalationRaised;
import io.hitgov.shared.process.BusinessCalendar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The escalation ladder at work (docs/domain/risk.md#escalation): where a risk's ownership starts,
 * when its plan is due, and each escalation, recorded and announced ({@link EscalationRaised}) so the
 * new level's group is notified.
 */
@Service
class RiskLadder {

  /** Where a risk's ownership stands: its level, whether it goes up at once, and when the plan is due. */
  record Ownership(EscalationLevel level, boolean escalateNow, String planDue) {}

  private final RiskRepository repository;
  private final RiskHistory history;
  private final RiskProperties properties;
  private final ApplicationEventPublisher events;

  RiskLadder(RiskRepository repository, RiskHistory history, RiskProperties properties,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.history = history;
    this.properties = properties;
    this.events = events;
  }

  /**
   * The ladder's current level (never lowered when the owner plans again); HIGH risks belong to the
   * PMO and EXTREME ones to the steering committee at once.
   */
  Ownership ownership(String riskId) {
    Risk risk = repository.get(riskId);
    EscalationLevel level = EscalationLevel.valueOf(risk.escalationLevel());
    return new Ownership(level, level.belowBand(risk.band()), planDue(risk.band()));
  }

  /**
   * Escalates one level (EXTREME: straight to the steering committee) for {@code reason}, records
   * it and returns the new level, whose group is notified with a task.
   */
  Ownership escalate(String riskId, EscalationReason reason) {
    Risk risk = repository.get(riskId);
    EscalationLevel current = EscalationLevel.valueOf(risk.escalationLevel());
    EscalationLevel next = current.escalated(risk.band());
    String why = reason.text(risk.band());
    repository.updateEscalationLevel(riskId, next.name());
    history.escalated(risk, next, why + ": " + current + " -> " + next + " (notified: " + next.group() + ")");
    events.publishEvent(new EscalationRaised(risk.projectId(), riskId, next.group(), why + ": " + current + " -> " + next));
    return new Ownership(next, false, planDue(risk.band()));
  }

  private String planDue(String band) {
    return BusinessCalendar.dueInBusinessDays(properties.planDue(band));
  }
}
