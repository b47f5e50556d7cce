package io.hitgov.risk;

import static io.hitgov.risk.RiskPolicy.HELD_GATES;

import io.hitgov.risk.RiskRecords.GateHold;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Gate holds (docs/domain/risk.md#patient-safety-fast-track): an open patient-safety risk at impact
 * 4 or more holds G5 and G6 of its project until it is re-scored below, closed, or (converted to an
 * issue) released by the patient-safety office.
 */
@Service
class RiskGateHolds {

  private final RiskRepository repository;
  private final RiskHistory history;

  RiskGateHolds(RiskRepository repository, RiskHistory history) {
    this.repository = repository;
    this.history = history;
  }

  /** Places or releases the risk's holds as its state requires; a risk scored for the first time holds nothing yet. */
  void sync(Risk risk, boolean rescore, String actor) {
    List<GateHold> active = rescore ? repository.activeHoldsOfRisk(risk.riskId()) : List.of();
    if (risk.holdsGates() && active.isEmpty()) {
      repository.insertHolds(risk.projectId(), risk.riskId(), HELD_GATES, EngineClock.now());
      history.state(risk, actor, "GATE_HOLD", "Holds " + HELD_GATES + " of " + risk.projectId()
          + " while open at impact >= 4");
    } else if (!risk.holdsGates() && !active.isEmpty()) {
      repository.releaseHolds(risk.riskId(), EngineClock.now());
      history.state(risk, actor, "GATE_RELEASE", "Releases " + HELD_GATES);
    }
  }

  /** Whether the risk still holds gates. */
  boolean holding(String riskId) {
    return !repository.activeHoldsOfRisk(riskId).isEmpty();
  }

  /** The gates of a project that may not be passed now, with the risks that hold them. */
  List<GateHold> active(String projectId) {
    return repository.activeHolds(projectId);
  }

  /** The patient-safety office releases the holds of a converted risk, with a reason; returns how many. */
  int release(String riskId, String reason, String actor) {
    Risk risk = repository.get(riskId);
    if (reason == null || reason.isBlank()) {
      throw new InvalidVariablesException("reason is required");
    }
    if (risk.closedAt() == null) {
      throw new InvalidVariablesException("risk " + riskId + " is open: its holds are released when it closes");
    }
    int held = repository.activeHoldsOfRisk(riskId).size();
    repository.releaseHolds(riskId, EngineClock.now());
    history.state(risk, actor, "GATE_RELEASE", "Released by " + actor + ": " + reason);
    return held;
  }
}
