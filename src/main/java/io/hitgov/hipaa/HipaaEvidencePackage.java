package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.Remediation;
import io.hitgov.hipaa.HipaaRecords.SignOff;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.process.EngineClock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The auditor's evidence package of one HIPAA gate: every specification with its status,
 * rationale, evidence reference (document id, version, hash), submitter, disposition, reviewer and
 * signers, plus the BAA register, the sign-offs and the remediation items. Built from HITGov's own
 * tables only, so it can be read without the engine. It carries the head of the project's audit
 * chain at export time ({@code auditChain}; in CSV the last two columns), so that an auditor can later
 * check with {@code GET /api/audit/verify?chain=&seq=&hash=} that the records are unchanged.
 */
@Component
public class HipaaEvidencePackage {

  /** The CSV columns, one row per specification. */
  static final List<String> CSV_COLUMNS = List.of("gateId", "projectId", "gateStatus", "gateResultAt", "specId",
      "title", "safeguard", "requirement", "effectiveRequirement", "ownerGroup", "status", "rationale",
      "compensatingControl", "documentId", "documentVersion", "documentHash", "evidenceDate", "evidenceAgeDays",
      "submittedBy", "submittedAt", "disposition", "dispositionReason", "annualReview", "dispositionDecision",
      "reviewedBy", "reviewedAt", "securitySignedBy", "securitySignedAt", "privacySignedBy", "privacySignedAt",
      "auditChainSeq", "auditChainHead");

  public record EvidenceRef(String documentId, String version, String hash, LocalDate date, Integer ageDays) {}

  public record Submission(int round, String status, String rationale, String compensatingControl,
      EvidenceRef evidence, String submittedBy, OffsetDateTime submittedAt, String disposition,
      String dispositionReason, Boolean annualReview, String dispositionDecision, OffsetDateTime disposedAt) {}

  public record SpecificationEntry(String specId, String title, String safeguard, String requirement,
      String effectiveRequirement, String ownerGroup, Integer maxEvidenceAgeDays, String evidenceExpected,
      Submission current, List<Submission> history) {}

  public record Signature(String role, String userId, boolean approved, String comment, OffsetDateTime signedAt,
      int round) {}

  public record GateSummary(String gateId, String projectId, String processInstanceId, String gateReason,
      String status, int round, LocalDate goLiveDate, LocalDate lastMaterialChangeDate, boolean nprm2025,
      String catalogueDecision, String openedBy, OffsetDateTime openedAt, OffsetDateTime resultAt,
      LocalDate expiresOn, boolean validToday, OffsetDateTime invalidatedAt, String invalidatedReason,
      Map<String, String> scope, String scopeRecordedBy) {}

  public record Package(GateSummary gate, Signature reviewedBy, List<Signature> signedBy,
      List<SpecificationEntry> specifications, List<Baa> businessAssociates, List<Signature> signOffs,
      List<Remediation> remediations, OffsetDateTime exportedAt, String exportedBy, AuditChain.Head auditChain) {}

  private final HipaaGateRepository repository;
  private final HipaaRemediationRepository remediations;
  private final AuditChain auditChain;

  public HipaaEvidencePackage(HipaaGateRepository repository, HipaaRemediationRepository remediations,
      AuditChain auditChain) {
    this.repository = repository;
    this.remediations = remediations;
    this.auditChain = auditChain;
  }

  /** The latest gate of a project, or the named one; empty when there is none. */
  public Optional<Package> build(String projectId, String gateId, String exportedBy) {
    Optional<Gate> gate = gateId == null
        ? repository.findGatesOfProject(projectId).stream().reduce((first, second) -> second)
        : repository.findGate(gateId).filter(g -> g.projectId().equals(projectId));
    return gate.map(g -> build(g, exportedBy));
  }

  private Package build(Gate gate, String exportedBy) {
    Map<String, List<Evidence>> bySpec = repository.findEvidence(gate.gateId()).stream()
        .collect(Collectors.groupingBy(Evidence::specId));
    List<SpecificationEntry> specs = new ArrayList<>();
    for (Spec spec : repository.findSpecs(gate.gateId())) {
      List<Submission> history = bySpec.getOrDefault(spec.specId(), List.of()).stream()
          .sorted(Comparator.comparing(Evidence::id)).map(HipaaEvidencePackage::submission).toList();
      specs.add(new SpecificationEntry(spec.specId(), spec.title(), spec.safeguard(), spec.requirement(),
          spec.effectiveRequirement(), spec.ownerGroup(), spec.maxEvidenceAgeDays(), spec.evidenceExpected(),
          history.isEmpty() ? null : history.get(history.size() - 1), history));
    }
    List<Signature> signOffs = repository.findSignOffs(gate.gateId()).stream()
        .map(s -> new Signature(s.role(), s.userId(), s.approved(), s.comment(), s.signedAt(), s.round())).toList();
    List<Signature> finalRound = signOffs.stream().filter(s -> s.round() == gate.round() && s.approved()).toList();
    Signature reviewer = finalRound.stream().filter(s -> s.role().equals("SECURITY_OFFICIAL")).findFirst().orElse(null);
    List<Signature> signers = finalRound.stream().filter(s -> !s.role().equals("EXECUTIVE_SPONSOR")).toList();
    Map<String, String> scope = new java.util.LinkedHashMap<>();
    scope.put("systems", gate.scopeSystems());
    scope.put("hosting", gate.scopeHosting());
    scope.put("interfaces", gate.scopeInterfaces());
    scope.put("dataFlows", gate.scopeDataFlows());
    GateSummary summary = new GateSummary(gate.gateId(), gate.projectId(), gate.processInstanceId(), gate.gateReason(),
        gate.status(), gate.round(), gate.goLiveDate(), gate.lastMaterialChangeDate(), gate.nprm2025(),
        gate.catalogueDecision(), gate.openedBy(), gate.openedAt(), gate.resultAt(), gate.expiresOn(),
        gate.validOn(EngineClock.today()), gate.invalidatedAt(), gate.invalidatedReason(), scope,
        gate.scopeRecordedBy());
    return new Package(summary, reviewer, signers, specs, repository.findBaas(gate.gateId()), signOffs,
        remediations.findRemediations(gate.gateId()), EngineClock.now(), exportedBy,
        auditChain.head(AuditChain.projectChain(gate.projectId())).orElse(null));
  }

  private static Submission submission(Evidence e) {
    return new Submission(e.round(), e.status(), e.rationale(), e.compensatingControl(),
        new EvidenceRef(e.documentId(), e.documentVersion(), e.documentHash(), e.evidenceDate(), e.evidenceAgeDays()),
        e.submittedBy(), e.submittedAt(), e.disposition(), e.dispositionReason(), e.annualReview(),
        e.dispositionDecision(), e.disposedAt());
  }

  /** RFC 4180 CSV, one row per specification (its current submission); cells cannot start a formula. */
  public String csv(Package pkg) {
    StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
    Signature security = pkg.signedBy().stream().filter(s -> s.role().equals("SECURITY_OFFICIAL")).findFirst().orElse(null);
    Signature privacy = pkg.signedBy().stream().filter(s -> s.role().equals("PRIVACY_OFFICIAL")).findFirst().orElse(null);
    for (SpecificationEntry spec : pkg.specifications()) {
      Submission c = spec.current();
      List<Object> row = List.of(
          pkg.gate().gateId(), pkg.gate().projectId(), pkg.gate().status(), str(pkg.gate().resultAt()),
          spec.specId(), spec.title(), spec.safeguard(), spec.requirement(), spec.effectiveRequirement(),
          spec.ownerGroup(),
          c == null ? "" : str(c.status()), c == null ? "" : str(c.rationale()),
          c == null ? "" : str(c.compensatingControl()), c == null ? "" : str(c.evidence().documentId()),
          c == null ? "" : str(c.evidence().version()), c == null ? "" : str(c.evidence().hash()),
          c == null ? "" : str(c.evidence().date()), c == null ? "" : str(c.evidence().ageDays()),
          c == null ? "" : str(c.submittedBy()), c == null ? "" : str(c.submittedAt()),
          c == null ? "" : str(c.disposition()), c == null ? "" : str(c.dispositionReason()),
          c == null ? "" : str(c.annualReview()), c == null ? "" : str(c.dispositionDecision()),
          pkg.reviewedBy() == null ? "" : pkg.reviewedBy().userId(),
          pkg.reviewedBy() == null ? "" : str(pkg.reviewedBy().signedAt()),
          security == null ? "" : security.userId(), security == null ? "" : str(security.signedAt()),
          privacy == null ? "" : privacy.userId(), privacy == null ? "" : str(privacy.signedAt()),
          pkg.auditChain() == null ? "" : str(pkg.auditChain().seq()),
          pkg.auditChain() == null ? "" : pkg.auditChain().hash());
      out.append(row.stream().map(value -> cell(String.valueOf(value))).collect(Collectors.joining(","))).append("\r\n");
    }
    return out.toString();
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }

  static String cell(String value) {
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
