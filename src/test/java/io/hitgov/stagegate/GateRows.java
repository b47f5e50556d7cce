package io.hitgov.stagegate;

import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * What tests outside {@code stagegate} may read of the gate tables: the fields they assert on, as
 * public test records. The rows and the repository stay package-private (ArchitectureTest).
 */
public final class GateRows {

  /** One step of a gate review. */
  public record Step(String gateId, int round, String kind, String userId, String groupId, String outcome,
      String decisionKey, Integer decisionVersion, String details) {}

  /** One condition of a GO_WITH_CONDITIONS decision. */
  public record Condition(String conditionId, String owner, String status, String fulfilledBy) {}

  private final GateRepository repository;

  private GateRows(GateRepository repository) {
    this.repository = repository;
  }

  public static GateRows of(ApplicationContext context) {
    return new GateRows(context.getBean(GateRepository.class));
  }

  /** The project's gate record, oldest first. */
  public List<Step> steps(String projectId) {
    return repository.gateRecords(projectId).stream().map(r -> new Step(r.gateId(), r.round(), r.kind(), r.userId(),
        r.groupId(), r.outcome(), r.decisionKey(), r.decisionVersion(), r.details())).toList();
  }

  /** "G0:GO", ... for each DECISION step, oldest first. */
  public List<String> decisions(String projectId) {
    return steps(projectId).stream().filter(s -> "DECISION".equals(s.kind()))
        .map(s -> s.gateId() + ":" + s.outcome()).toList();
  }

  public List<Condition> conditions(String projectId) {
    return repository.conditions(projectId).stream()
        .map(c -> new Condition(c.conditionId(), c.owner(), c.status(), c.fulfilledBy())).toList();
  }
}
