package io.hitgov.hipaa;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The rows of HITGov's HIPAA gate tables (V1__hipaa_gate.sql). */
final class HipaaRecords {

  private HipaaRecords() {}

  public record Gate(String gateId, String projectId, String processInstanceId, String gateReason,
      LocalDate goLiveDate, LocalDate lastMaterialChangeDate, boolean nprm2025, String catalogueDecision,
      String status, int round, String openedBy, OffsetDateTime openedAt, String scopeSystems,
      String scopeHosting, String scopeInterfaces, String scopeDataFlows, String scopeRecordedBy,
      OffsetDateTime resultAt, LocalDate expiresOn, OffsetDateTime invalidatedAt, String invalidatedReason) {

    /** A PASS that has neither expired nor been invalidated by a material change. */
    public boolean validOn(LocalDate day) {
      return HipaaAuditGateProcess.Values.PASS.equals(status) && invalidatedAt == null
          && (expiresOn == null || !day.isAfter(expiresOn));
    }
  }

  public record Spec(String gateId, int position, String specId, String title, String safeguard,
      String requirement, String effectiveRequirement, String ownerGroup, Integer maxEvidenceAgeDays,
      boolean mustPostdateMaterialChange, String evidenceExpected) {}

  public record Evidence(Long id, String gateId, String specId, int round, String status, String rationale,
      String compensatingControl, String documentId, String documentVersion, String documentHash,
      LocalDate evidenceDate, Integer evidenceAgeDays, String submittedBy, OffsetDateTime submittedAt,
      String disposition, String dispositionReason, Boolean annualReview, String dispositionDecision,
      OffsetDateTime disposedAt) {}

  /** Evidence as it is submitted (the disposition columns are filled when the gate is evaluated). */
  record SubmittedEvidence(String gateId, String specId, int round, String status, String rationale,
      String compensatingControl, String documentId, String documentVersion, String documentHash,
      LocalDate evidenceDate, String submittedBy, OffsetDateTime submittedAt) {}

  public record Baa(Long id, String gateId, int position, String counterparty, Boolean executed,
      LocalDate effectiveDate, LocalDate expiryDate, Boolean subcontractorFlowDown, String documentId,
      String recordedBy, OffsetDateTime recordedAt, String finding) {}

  public record SignOff(Long id, String gateId, int round, String role, String userId, boolean approved,
      String comment, OffsetDateTime signedAt) {}

  public record Remediation(String gateId, int round, int position, String kind, String specId,
      Integer baaPosition, String finding, String ownerGroup, LocalDate dueOn, OffsetDateTime openedAt,
      String resolution, String resolvedBy, OffsetDateTime resolvedAt) {}

  /** A remediation item as it is opened (resolved later); a SPEC item names its spec, a BAA item its BAA. */
  record OpenedRemediation(String gateId, int round, int position, String kind, String specId,
      Integer baaPosition, String finding, String ownerGroup, LocalDate dueOn, OffsetDateTime openedAt) {}
}
