package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.interop.InteropRecords.TrialLoad;
import java.util.List;
import java.util.Optional;

/**
 * The readiness of one interface or conversion domain: READY or NOT_READY, and why
 * (docs/processes/interface-readiness.md). {@link #of(Interface, List)} and
 * {@link #of(ConversionDomain, List)} are the rules, plain functions of the records, tested without
 * Spring.
 */
public record ReadinessStatus(String status, String reason) {

  static ReadinessStatus ready(String reason) {
    return new ReadinessStatus("READY", reason);
  }

  static ReadinessStatus notReady(String reason) {
    return new ReadinessStatus("NOT_READY", reason);
  }

  public boolean ready() {
    return "READY".equals(status);
  }

  /**
   * READY: a passed round of the interface's current generation, signed by integration (and the CMIO
   * for a clinical interface). {@code rounds} oldest first.
   */
  static ReadinessStatus of(Interface i, List<TestRound> rounds) {
    List<TestRound> current = rounds.stream().filter(r -> r.generation() == i.generation()).toList();
    String since = i.changedByChange() == null ? "registration" : "change " + i.changedByChange();
    if (current.isEmpty()) {
      return notReady("no test round since " + since);
    }
    Optional<TestRound> signed = current.stream().filter(TestRound::passed)
        .filter(r -> r.integrationSignedBy() != null && (!i.clinical() || r.cmioSignedBy() != null))
        .reduce((a, b) -> b);
    if (signed.isPresent()) {
      return ready("round " + signed.get().roundId() + " passed and signed");
    }
    TestRound latest = current.get(current.size() - 1);
    if (!latest.passed()) {
      return notReady("latest round " + latest.roundId() + ": " + (latest.messages() - latest.validMessages())
          + " of " + latest.messages() + " messages invalid, " + latest.errors() + " errors open");
    }
    return notReady("round " + latest.roundId() + " passed but is not signed by "
        + (latest.integrationSignedBy() == null ? "the integration lead" : "the CMIO"));
  }

  /**
   * READY: read-only legacy access needs no load; otherwise the latest trial load reconciled, and for
   * migrated data a passed CMIO sample review given after that load. {@code loads} oldest first.
   */
  static ReadinessStatus of(ConversionDomain d, List<TrialLoad> loads) {
    if ("READ_ONLY_LEGACY".equals(d.scope())) {
      return ready("read-only legacy access, nothing loaded");
    }
    if (loads.isEmpty()) {
      return notReady("no trial load recorded");
    }
    TrialLoad latest = loads.get(loads.size() - 1);
    if (!latest.reconciled()) {
      return notReady("latest trial load " + latest.loadName() + " unreconciled: " + latest.reconciliation());
    }
    if ("MIGRATE".equals(d.scope())) {
      boolean reviewed = d.sampleReviewedAt() != null && !d.sampleReviewedAt().isBefore(latest.recordedAt());
      if (!reviewed || !Boolean.TRUE.equals(d.sampleReviewPassed())) {
        return notReady("reconciled, but no passed CMIO golden-patient sample review of load "
            + latest.loadName());
      }
      return ready("load " + latest.loadName() + " reconciled, sample signed by " + d.sampleReviewedBy());
    }
    return ready("load " + latest.loadName() + " reconciled");
  }
}
