package io.hitgov.risk;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the risk register (V2__risk_register.sql). */
final class RiskRecords {

  private RiskRecords() {}

  public record Risk(String riskId, String projectId, String title, String category, int likelihood, int impact,
      Integer score, String band, String owner, String raisedBy, OffsetDateTime raisedAt, String status,
      String responseStrategy, String escalationLevel, boolean patientSafety, boolean healthItSafetyEvent,
      String harm, LocalDate proximityDate, LocalDate nextReviewOn, String processInstanceId, String issueId,
      OffsetDateTime closedAt) {

    /** Open and a patient-safety risk at impact 4 or more: holds gates G5 and G6 (docs/domain/risk.md#patient-safety-fast-track). */
    public boolean holdsGates() {
      return closedAt == null && (patientSafety || healthItSafetyEvent) && impact >= 4;
    }
  }

  public record RiskEvent(Long id, String riskId, OffsetDateTime at, String actor, String event, String band,
      Integer score, String level, String details) {}

  public record GateHold(Long id, String projectId, String gateId, String riskId, OffsetDateTime heldAt,
      OffsetDateTime releasedAt) {}
}
