package io.hitgov.stagegate;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What others may read of a project's gate record (docs/adr/0004-feature-packages.md): its gate
 * decisions in plain values, for the status report's milestones. The gate tables stay inside stage gates.
 */
@Service
public class GateDecisions {

  /** One decided gate review round. */
  public record GateDecision(String gateId, int round, String outcome, OffsetDateTime decidedAt) {}

  private final GateRepository repository;

  GateDecisions(GateRepository repository) {
    this.repository = repository;
  }

  /** The project's gate decisions, oldest first. */
  public List<GateDecision> decisions(String projectId) {
    return repository.gateRecords(projectId).stream().filter(r -> "DECISION".equals(r.kind()))
        .map(r -> new GateDecision(r.gateId(), r.round(), r.outcome(), r.at())).toList();
  }
}
