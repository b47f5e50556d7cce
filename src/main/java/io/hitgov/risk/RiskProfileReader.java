package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.GateHold;
import io.hitgov.risk.RiskRecords.Risk;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** {@link RiskProfile} from the register: gate holds, the top open risks, and the red flags ({@link RiskPolicy#redFlag}). */
@Service
class RiskProfileReader implements RiskProfile {

  private final RiskRepository repository;

  RiskProfileReader(RiskRepository repository) {
    this.repository = repository;
  }

  @Override
  public List<String> risksHolding(String projectId, String gateId) {
    return repository.activeHolds(projectId).stream().filter(hold -> hold.gateId().equals(gateId))
        .map(GateHold::riskId).toList();
  }

  @Override
  public List<OpenRisk> topRisks(String projectId, int limit) {
    return repository.findOfProject(projectId).stream().filter(r -> r.closedAt() == null)
        .limit(Math.max(0, limit))
        .map(r -> new OpenRisk(r.riskId(), r.title(), r.category(), r.band(), r.score(), r.owner(), r.status(),
            r.raisedAt() == null ? null : r.raisedAt().toLocalDate()))
        .toList();
  }

  @Override
  public List<String> redFlags(String projectId) {
    return repository.findOfProject(projectId).stream().map(RiskPolicy::redFlag).flatMap(Optional::stream).toList();
  }
}
