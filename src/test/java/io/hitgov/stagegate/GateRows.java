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

  /**
   * Appends a gate decision to the project's gate record as the gate review records it (chained), in
   * its own transaction: for tests that need a gate record without running a review (backup and restore).
   */
  public static void appendDecision(ApplicationContext context, String projectId, String gateId, String userId,
      String groupId, String outcome, String comment) {
    GateRepository repository = context.getBean(GateRepository.class);
    new org.springframework.transaction.support.TransactionTemplate(
        context.getBean(org.springframework.transaction.PlatformTransactionManager.class)).executeWithoutResult(status ->
        repository.insertGateRecord(new GateRecords.GateRecord(null, "GR-" + projectId + "-" + gateId, projectId, gateId,
            1, "DECISION", userId, groupId, java.time.OffsetDateTime.now(), outcome, comment, null, null, null, null,
            null, null, null, null)));
  }

  public List<Condition> conditions(String projectId) {
    return repository.conditions(projectId).stream()
        .map(c -> new Condition(c.conditionId(), c.owner(), c.status(), c.fulfilledBy())).toList();
  }
}
