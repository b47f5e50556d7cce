package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.Risk;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The risk register's rules (docs/domain/risk.md), no engine and no database: the patient-safety
 * fast track, who accepts a plan, when a closure must wait, and what makes a risk profile red.
 */
final class RiskPolicy {

  /** The gates an open patient-safety risk at impact 4 or more holds. */
  static final List<String> HELD_GATES = List.of("G5", "G6");

  /** Responses that count as mitigation for a patient-safety HIGH risk at G6. */
  static final Set<String> MITIGATED = Set.of("MITIGATING", "ACCEPTED", "CLOSURE_PENDING");

  private RiskPolicy() {}

  /** The fast track: a patient-safety risk with impact 3 or more, or any health-IT safety event. */
  static boolean fastTrack(Risk risk) {
    return risk.patientSafety() && risk.impact() >= 3 || risk.healthItSafetyEvent();
  }

  /** Accepting a HIGH or EXTREME risk needs the steering committee. */
  static boolean needsSteeringAcceptance(String strategy, String band) {
    return "ACCEPT".equals(strategy) && ("HIGH".equals(band) || "EXTREME".equals(band));
  }

  /** The status a plan leaves: ACCEPTED, ACCEPTANCE_PENDING (steering committee) or MITIGATING. */
  static String statusAfterPlan(String strategy, String band) {
    if (!"ACCEPT".equals(strategy)) {
      return "MITIGATING";
    }
    return needsSteeringAcceptance(strategy, band) ? "ACCEPTANCE_PENDING" : "ACCEPTED";
  }

  /**
   * A risk cannot close while its patient-safety work is open: a fast-tracked risk not contained,
   * or severe harm (SEVERE, DEATH) without a root-cause analysis. {@code events} are its history's events.
   */
  static boolean safetyWorkOpen(List<String> events, String harm) {
    boolean severe = "SEVERE".equals(harm) || "DEATH".equals(harm);
    return events.contains("FAST_TRACK") && !events.contains("CONTAINED")
        || severe && !events.contains("ROOT_CAUSE_ANALYSIS");
  }

  /** Why this risk makes the profile red (R17), if it does: open at EXTREME, or patient-safety HIGH unmitigated. */
  static Optional<String> redFlag(Risk risk) {
    if (risk.closedAt() != null || risk.band() == null) {
      return Optional.empty();
    }
    if ("EXTREME".equals(risk.band())) {
      return Optional.of(risk.riskId() + " is open at EXTREME");
    }
    if ((risk.patientSafety() || risk.healthItSafetyEvent()) && "HIGH".equals(risk.band())
        && !MITIGATED.contains(risk.status())) {
      return Optional.of(risk.riskId() + " is a patient-safety risk at HIGH without accepted mitigation ("
          + risk.status() + ")");
    }
    return Optional.empty();
  }
}
