package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Values.BLOCK;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.Spec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HIPAA gate rule (docs/domain/hipaa-gate.md#gate-rules), no engine and no database: PASS only with every
 * specification decided without BLOCK and still fresh, and every BAA in force on the go-live date.
 */
final class HipaaGateRule {

  private HipaaGateRule() {}

  /**
   * Applies the rule on {@code today}; {@code latestEvidence} holds each specification's latest
   * submission (absent: none), {@code baas} the current BAA of each position.
   */
  static HipaaEvaluation evaluate(Gate gate, List<Spec> specs, Map<String, Evidence> latestEvidence, List<Baa> baas,
      LocalDate today) {
    Map<String, String> specFindings = new LinkedHashMap<>();
    int pass = 0;
    int annualReview = 0;
    for (Spec spec : specs) {
      Evidence evidence = latestEvidence.get(spec.specId());
      if (evidence == null || evidence.disposition() == null) {
        specFindings.put(spec.specId(), "no decided evidence");
      } else if (BLOCK.equals(evidence.disposition())) {
        specFindings.put(spec.specId(), evidence.dispositionReason());
      } else if (staleOn(today, gate, spec, evidence)) {
        specFindings.put(spec.specId(), "Stale evidence at evaluation: older than its validity window, or not newer"
            + " than the last material change");
      } else {
        pass++;
        if (Boolean.TRUE.equals(evidence.annualReview())) {
          annualReview++;
        }
      }
    }
    Map<Integer, String> baaFindings = new LinkedHashMap<>();
    for (Baa baa : baas) {
      String finding = baaFinding(gate, baa, today);
      if (finding != null) {
        baaFindings.put(baa.position(), finding);
      }
    }
    return new HipaaEvaluation(pass, annualReview, List.copyOf(specFindings.keySet()), specFindings, baaFindings);
  }

  /** Evidence that passed when decided may have aged, or a material change may have been reported since. */
  static boolean staleOn(LocalDate today, Gate gate, Spec spec, Evidence evidence) {
    if (evidence.evidenceDate() == null) {
      return false;
    }
    long age = ChronoUnit.DAYS.between(evidence.evidenceDate(), today);
    boolean tooOld = spec.maxEvidenceAgeDays() != null && age > spec.maxEvidenceAgeDays();
    return tooOld || predatesMaterialChange(gate, spec, evidence.evidenceDate());
  }

  /** The specification needs evidence newer than the gate's last material change, and this is not. */
  static boolean predatesMaterialChange(Gate gate, Spec spec, LocalDate evidenceDate) {
    return spec.mustPostdateMaterialChange() && gate.lastMaterialChangeDate() != null && evidenceDate != null
        && !evidenceDate.isAfter(gate.lastMaterialChangeDate());
  }

  /**
   * What keeps a BAA from passing (R03 of the readiness scorecard), or null: it must be recorded,
   * executed, in force on the gate's go-live date ({@code today} without one) and flow down.
   */
  static String baaFinding(Gate gate, Baa baa, LocalDate today) {
    if (baa.recordedAt() == null) {
      return "BAA not yet recorded";
    }
    if (!Boolean.TRUE.equals(baa.executed())) {
      return "BAA with " + baa.counterparty() + " is not executed";
    }
    LocalDate mustHoldOn = gate.goLiveDate() != null ? gate.goLiveDate() : today;
    if (baa.effectiveDate() != null && baa.effectiveDate().isAfter(mustHoldOn)) {
      return "BAA with " + baa.counterparty() + " takes effect only on " + baa.effectiveDate();
    }
    if (baa.expiryDate() != null && baa.expiryDate().isBefore(mustHoldOn)) {
      return "BAA with " + baa.counterparty() + " expires on " + baa.expiryDate() + ", before " + mustHoldOn;
    }
    if (Boolean.FALSE.equals(baa.subcontractorFlowDown())) {
      return "BAA with " + baa.counterparty() + " does not flow requirements down to subcontractors (164.314(a)(2)(iii))";
    }
    return null;
  }
}
