package io.hitgov.stagegate;

import io.hitgov.shared.project.ProjectConditions;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the gate tables (V4__lifecycle.sql): the append-only gate record and the conditions of a decision. */
public final class GateRecords {

  private GateRecords() {}

  /** One step of a gate review (append-only). */
  public record GateRecord(Long id, String reviewId, String projectId, String gateId, int round, String kind,
      String userId, String groupId, OffsetDateTime at, String outcome, String comment, String evidenceRefs,
      String unmetCriteria, String conditionText, String conditionOwner, LocalDate conditionDue, String decisionKey,
      Integer decisionVersion, String details) {}

  public record GateCondition(String conditionId, String reviewId, String projectId, String gateId,
      String conditionText, String owner, LocalDate dueDate, String raisedBy, OffsetDateTime raisedAt, String status,
      String evidence, String note, String fulfilledBy, OffsetDateTime fulfilledAt) implements ProjectConditions.Condition {}

  /** One criterion of a gate's checklist (StageGateChecklistDecision). */
  public record Criterion(String criterionId, String criterion, boolean hard) {}
}
