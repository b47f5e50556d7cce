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

    /** The row as scoring leaves it. */
    Risk withScore(int newLikelihood, int newImpact, int newScore, String newBand) {
      return new Risk(riskId, projectId, title, category, newLikelihood, newImpact, newScore, newBand, owner, raisedBy,
          raisedAt, status, responseStrategy, escalationLevel, patientSafety, healthItSafetyEvent, harm,
          proximityDate, nextReviewOn, processInstanceId, issueId, closedAt);
    }
  }

  /** A risk as it is raised: unscored, unplanned, open at the bottom of the ladder. */
  record RaisedRisk(String riskId, String projectId, String title, String category, int likelihood, int impact,
      String owner, String raisedBy, OffsetDateTime raisedAt, String status, String escalationLevel,
      boolean patientSafety, boolean healthItSafetyEvent, LocalDate proximityDate, String processInstanceId) {

    /** The row as the insert leaves it: no score, band, response, harm, review date, issue or closure yet. */
    Risk asRow() {
      return new Risk(riskId, projectId, title, category, likelihood, impact, null, null, owner, raisedBy, raisedAt,
          status, null, escalationLevel, patientSafety, healthItSafetyEvent, null, proximityDate, null,
          processInstanceId, null, null);
    }
  }

  public record RiskEvent(Long id, String riskId, OffsetDateTime at, String actor, String event, String band,
      Integer score, String level, String details) {}

  /** A history entry as it is written (its id comes from the insert). */
  record NewRiskEvent(String riskId, OffsetDateTime at, String actor, String event, String band, Integer score,
      String level, String details) {}

  public record GateHold(Long id, String projectId, String gateId, String riskId, OffsetDateTime heldAt,
      OffsetDateTime releasedAt) {}
}
