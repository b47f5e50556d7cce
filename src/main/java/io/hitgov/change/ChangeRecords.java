package io.hitgov.change;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the change log (V5__change_requests.sql). */
final class ChangeRecords {

  private ChangeRecords() {}

  public record ChangeRequest(String changeRequestId, String projectId, String title, String changeType,
      long costImpact, int scheduleImpactDays, boolean movesGoLive, LocalDate newGoLiveDate,
      boolean clinicalContentImpact, boolean patientSafetyImpact, boolean phiImpact, boolean interfaceImpact,
      String justification, String standardTemplateId, String requester, OffsetDateTime raisedAt,
      boolean inFreezeWindow, String status, String outcome, String assessedBy, String assessment,
      String changeRisk, String scopeChange, String routing, String requiredApprovals, Integer routingDecisionVersion,
      String implementer, OffsetDateTime implementedAt, String implementationReference, String verifier,
      OffsetDateTime verifiedAt, OffsetDateTime closedAt, String processInstanceId) {}

  /** A change as it is raised: the columns known then (the rest are filled as it moves on). */
  record Raised(String changeRequestId, String projectId, String title, String changeType, long costImpact,
      int scheduleImpactDays, boolean movesGoLive, LocalDate newGoLiveDate, boolean clinicalContentImpact,
      boolean patientSafetyImpact, boolean phiImpact, boolean interfaceImpact, String justification,
      String standardTemplateId, String requester, OffsetDateTime raisedAt, boolean inFreezeWindow, String status,
      String outcome, String processInstanceId) {}

  /** One approver's decision (insert-only). */
  public record Approval(Long id, String changeRequestId, String groupId, String userId, OffsetDateTime decidedAt,
      boolean approved, String comment) {}

  public record ChangeEvent(Long id, String changeRequestId, OffsetDateTime at, String actor, String event,
      String details) {}

  /** A baseline moved by an approved change (insert-only). */
  public record BaselineChange(Long id, String projectId, String changeRequestId, String field, String oldValue,
      String newValue, OffsetDateTime at, String actor) {}
}
