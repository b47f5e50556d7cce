package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaInput.blank;
import static io.hitgov.hipaa.HipaaInput.checkLength;
import static io.hitgov.hipaa.HipaaInput.date;
import static io.hitgov.hipaa.HipaaInput.names;
import static io.hitgov.hipaa.HipaaInput.trim;

import io.hitgov.hipaa.HipaaDecisions.Disposition;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.hipaa.HipaaRecords.SubmittedEvidence;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Evidence for the gate's specifications: a control owner's submission, attributed and
 * insert-only, and its disposition by {@code HipaaSpecDispositionDecision}, written once onto it.
 */
@Service
class HipaaEvidenceCollection {

  /** The evidence a control owner submits for one specification. */
  record EvidenceSubmission(String status, String rationale, String compensatingControl, String documentId,
      String documentVersion, String documentHash, String evidenceDate) {}

  private final HipaaGateRepository repository;
  private final HipaaDecisions decisions;

  HipaaEvidenceCollection(HipaaGateRepository repository, HipaaDecisions decisions) {
    this.repository = repository;
    this.decisions = decisions;
  }

  /** Records one submission of evidence for a specification, attributed to the submitting user. */
  void submit(String gateId, String specId, EvidenceSubmission submission, String submittedBy) {
    Gate gate = repository.getGate(gateId);
    List<String> problems = new ArrayList<>();
    String status = submission.status();
    if (status == null || status.isBlank()) {
      problems.add("evidenceStatus is required");
    } else if (!HipaaAuditGateProcess.Values.EVIDENCE_STATUSES.contains(status)) {
      problems.add("evidenceStatus '" + status + "' is not one of " + HipaaAuditGateProcess.Values.EVIDENCE_STATUSES);
    }
    LocalDate evidenceDate = date(problems, "evidenceDate", submission.evidenceDate());
    boolean needsDocument = "EVIDENCED".equals(status) || "ALTERNATIVE_MEASURE".equals(status);
    if (needsDocument && blank(submission.documentId())) {
      problems.add("evidenceDocumentId is required when evidenceStatus is " + status);
    }
    if (needsDocument && evidenceDate == null && !names(problems, "evidenceDate")) {
      problems.add("evidenceDate is required when evidenceStatus is " + status);
    }
    if (evidenceDate != null && evidenceDate.isAfter(EngineClock.today())) {
      problems.add("evidenceDate " + evidenceDate + " is in the future");
    }
    if (!blank(submission.documentHash()) && !submission.documentHash().matches("(sha256:)?[0-9a-fA-F]{64}")) {
      problems.add("evidenceDocumentHash must be a SHA-256 hex digest (64 hex characters)");
    }
    checkLength(problems, "evidenceRationale", submission.rationale(), 4000);
    checkLength(problems, "compensatingControl", submission.compensatingControl(), 4000);
    checkLength(problems, "evidenceDocumentId", submission.documentId(), 200);
    checkLength(problems, "evidenceDocumentVersion", submission.documentVersion(), 64);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    repository.insertEvidence(new SubmittedEvidence(gateId, specId, gate.round(), status,
        trim(submission.rationale()), trim(submission.compensatingControl()), trim(submission.documentId()),
        trim(submission.documentVersion()), trim(submission.documentHash()), evidenceDate, submittedBy,
        EngineClock.now()));
  }

  /**
   * Decides the latest submission for a specification with {@code HipaaSpecDispositionDecision} and
   * writes the disposition onto it; returns PASS or BLOCK.
   */
  String dispose(String gateId, String specId) {
    Gate gate = repository.getGate(gateId);
    Spec spec = repository.findSpec(gateId, specId);
    Evidence evidence = repository.findLatestEvidence(gateId, specId)
        .orElseThrow(() -> new IllegalStateException("No evidence for " + specId + " in " + gateId));
    Integer ageDays = evidence.evidenceDate() == null ? null
        : (int) ChronoUnit.DAYS.between(evidence.evidenceDate(), EngineClock.today());
    VariableMap inputs = Variables.createVariables()
        .putValue("requirement", spec.effectiveRequirement())
        .putValue("status", evidence.status())
        .putValue("rationaleDocumented", !blank(evidence.rationale()))
        .putValue("compensatingControlDocumented", !blank(evidence.compensatingControl()))
        .putValue("evidenceAgeDays", ageDays)
        .putValue("maxEvidenceAgeDays", spec.maxEvidenceAgeDays())
        .putValue("evidencePredatesMaterialChange",
            HipaaGateRule.predatesMaterialChange(gate, spec, evidence.evidenceDate()));
    Disposition disposition = decisions.dispose(inputs);
    repository.dispose(evidence.id(), ageDays, disposition.disposition(), disposition.reason(),
        disposition.annualReview(), disposition.decision(), EngineClock.now());
    return disposition.disposition();
  }
}
