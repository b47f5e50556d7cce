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

    /** The same gate checked against another go-live date. */
    Gate withGoLiveDate(LocalDate day) {
      return new Gate(gateId, projectId, processInstanceId, gateReason, day, lastMaterialChangeDate, nprm2025,
          catalogueDecision, status, round, openedBy, openedAt, scopeSystems, scopeHosting, scopeInterfaces,
          scopeDataFlows, scopeRecordedBy, resultAt, expiresOn, invalidatedAt, invalidatedReason);
    }
  }

  /** A gate as it is opened (scope, result and invalidation are written later). */
  record OpenedGate(String gateId, String projectId, String processInstanceId, String gateReason,
      LocalDate goLiveDate, boolean nprm2025, String catalogueDecision, String status, int round, String openedBy,
      OffsetDateTime openedAt) {}

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

  /** A business associate named in the scope, its BAA not recorded yet. */
  record ListedBaa(String gateId, int position, String counterparty, String finding) {}

  /** A BAA as the privacy office records it, with what keeps it from passing (or null). */
  record RecordedBaa(String gateId, int position, String counterparty, Boolean executed, LocalDate effectiveDate,
      LocalDate expiryDate, Boolean subcontractorFlowDown, String documentId, String recordedBy,
      OffsetDateTime recordedAt, String finding) {

    /** The row as the gate rule reads it. */
    Baa asRow() {
      return new Baa(null, gateId, position, counterparty, executed, effectiveDate, expiryDate, subcontractorFlowDown,
          documentId, recordedBy, recordedAt, finding);
    }

    RecordedBaa withFinding(String text) {
      return new RecordedBaa(gateId, position, counterparty, executed, effectiveDate, expiryDate,
          subcontractorFlowDown, documentId, recordedBy, recordedAt, text);
    }
  }

  public record SignOff(Long id, String gateId, int round, String role, String userId, boolean approved,
      String comment, OffsetDateTime signedAt) {}

  /** A signature or refusal as it is given. */
  record GivenSignOff(String gateId, int round, String role, String userId, boolean approved, String comment,
      OffsetDateTime signedAt) {}

  public record Remediation(String gateId, int round, int position, String kind, String specId,
      Integer baaPosition, String finding, String ownerGroup, LocalDate dueOn, OffsetDateTime openedAt,
      String resolution, String resolvedBy, OffsetDateTime resolvedAt) {}

  /**
   * A remediation item as it is opened (resolved later): a SPEC item names its spec, a BAA item its
   * BAA, an OBJECTION (a refused signature) neither.
   */
  record OpenedRemediation(String gateId, int round, int position, String kind, String specId,
      Integer baaPosition, String finding, String ownerGroup, LocalDate dueOn, OffsetDateTime openedAt) {

    /** What an item is about, before it is numbered in its gate's round. */
    record Item(String kind, String specId, Integer baaPosition, String finding, String ownerGroup) {

      static Item spec(String specId, String finding, String ownerGroup) {
        return new Item("SPEC", specId, null, finding, ownerGroup);
      }

      static Item baa(int baaPosition, String finding, String ownerGroup) {
        return new Item("BAA", null, baaPosition, finding, ownerGroup);
      }

      static Item objection(String finding, String ownerGroup) {
        return new Item("OBJECTION", null, null, finding, ownerGroup);
      }
    }

    static OpenedRemediation of(String gateId, int round, int position, Item item, LocalDate dueOn,
        OffsetDateTime openedAt) {
      return new OpenedRemediation(gateId, round, position, item.kind(), item.specId(), item.baaPosition(),
          item.finding(), item.ownerGroup(), dueOn, openedAt);
    }
  }
}
