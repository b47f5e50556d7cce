package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Values.BLOCK;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.OpenedRemediation;
import io.hitgov.hipaa.HipaaRecords.Remediation;
import io.hitgov.hipaa.HipaaRecords.SignOff;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * The HIPAA audit gate's business logic: the catalogue snapshot, evidence and its disposition by
 * {@code HipaaSpecDispositionDecision}, the BAA register, the gate rule, four-eyes at sign-off,
 * remediation items and the gate's expiry. Delegates and listeners only map variables to these
 * calls.
 */
@Service
public class HipaaGateService implements HipaaPasses {

  /** Roles that sign or acknowledge a gate. */
  public enum SignOffRole {
    SECURITY_OFFICIAL("securitySignOffApproved", "securitySignOffComment", GovernanceGroup.SECURITY_OFFICER.id()),
    PRIVACY_OFFICIAL("privacySignOffApproved", "privacySignOffComment", GovernanceGroup.PRIVACY_OFFICER.id()),
    EXECUTIVE_SPONSOR("residualRiskAccepted", "residualRiskComment", GovernanceGroup.EXECUTIVE_SPONSOR.id());

    private final String approvedField;
    private final String commentField;
    private final String group;

    SignOffRole(String approvedField, String commentField, String group) {
      this.approvedField = approvedField;
      this.commentField = commentField;
      this.group = group;
    }

    /** The group whose members alone may sign in this role. */
    public String group() {
      return group;
    }

    /** The form field that carries the decision. */
    public String approvedField() {
      return approvedField;
    }

    public String commentField() {
      return commentField;
    }
  }

  /** The result of applying the gate rule to the current evidence and BAAs. */
  public record Evaluation(int passCount, int annualReviewCount, List<String> blockedSpecs,
      Map<String, String> specFindings, Map<Integer, String> baaFindings) {

    public boolean clear() {
      return blockedSpecs.isEmpty() && baaFindings.isEmpty();
    }

    public int blockedCount() {
      return blockedSpecs.size() + baaFindings.size();
    }

    public String summary() {
      if (clear()) {
        return "No blocking findings.";
      }
      List<String> lines = new ArrayList<>();
      specFindings.forEach((spec, finding) -> lines.add(spec + ": " + finding));
      baaFindings.forEach((position, finding) -> lines.add("BAA #" + position + ": " + finding));
      return String.join("\n", lines);
    }
  }

  /** The evidence a control owner submits for one specification. */
  public record EvidenceSubmission(String status, String rationale, String compensatingControl, String documentId,
      String documentVersion, String documentHash, String evidenceDate) {}

  /** A BAA as the privacy office records it. */
  public record BaaSubmission(Boolean executed, String effectiveDate, String expiryDate, Boolean subcontractorFlowDown,
      String documentId) {}

  private final ProjectDirectory projects;
  private final HipaaGateRepository repository;
  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final HipaaProperties properties;
  private final IdentityService identityService;
  private final IdCounter idCounter;

  public HipaaGateService(HipaaGateRepository repository, DecisionService decisionService,
      RepositoryService repositoryService, HipaaProperties properties, IdentityService identityService,
      IdCounter idCounter, ProjectDirectory projects) {
    this.idCounter = idCounter;
    this.projects = projects;
    this.repository = repository;
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
    this.properties = properties;
    this.identityService = identityService;
  }

  // ---------------------------------------------------------------- opening and scope

  /** Opens a gate record and snapshots the specification catalogue into it. */
  public Gate open(String projectId, String processInstanceId, String gateReason, String goLiveDate, String openedBy) {
    String reason = gateReason == null ? "GO_LIVE" : gateReason;
    List<String> problems = new ArrayList<>();
    if (!projects.isRegistered(projectId)) {
      problems.add("projectId '" + projectId + "' is not a known project");
    }
    if ("GO_LIVE".equals(reason) && (goLiveDate == null || goLiveDate.isBlank())) {
      // a registered project already knows its go-live date
      goLiveDate = projects.goLiveDate(projectId).map(LocalDate::toString).orElse(null);
      if (goLiveDate == null && problems.isEmpty()) {
        problems.add("goLiveDate is required when gateReason is GO_LIVE");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    String gateId = "HIPAA-" + projectId + "-" + idCounter.next("HIPAA/" + projectId);
    VariableMap inputs = Variables.createVariables().putValue("nprm2025", properties.nprm2025());
    DmnDecisionResult catalogue = decisionService.evaluateDecisionByKey(HipaaAuditGateProcess.CATALOGUE_DECISION)
        .variables(inputs).evaluate();
    Gate gate = new Gate(gateId, projectId, processInstanceId, reason, parseDate("goLiveDate", goLiveDate), null,
        properties.nprm2025(), latestVersion(HipaaAuditGateProcess.CATALOGUE_DECISION), "IN_PROGRESS", 1, openedBy,
        EngineClock.now(), null, null, null, null, null, null, null, null, null);
    repository.insertGate(gate);
    int position = 0;
    for (DmnDecisionResultEntries row : catalogue) {
      String requirement = text(row, "requirement");
      boolean nprmRequired = Boolean.TRUE.equals(row.getEntry("nprmRequired"));
      repository.insertSpec(new Spec(gateId, position++, text(row, "specId"), text(row, "title"), text(row, "safeguard"),
          requirement, properties.nprm2025() && nprmRequired ? "R" : requirement, text(row, "ownerGroup"),
          row.getEntry("maxEvidenceAgeDays") instanceof Number n ? n.intValue() : null,
          Boolean.TRUE.equals(row.getEntry("mustPostdateMaterialChange")), text(row, "evidenceExpected")));
    }
    if (position == 0) {
      throw new IllegalStateException(HipaaAuditGateProcess.CATALOGUE_DECISION + " returned no specifications");
    }
    return gate;
  }

  /** Records the scope and the business associates in it; returns how many BAAs must be recorded. */
  public int recordScope(String gateId, String systems, String hosting, String interfaces, String dataFlows,
      String businessAssociates, String lastMaterialChangeDate, String recordedBy) {
    List<String> missing = new ArrayList<>();
    if (blank(systems)) {
      missing.add("scopeSystems is required");
    }
    if (blank(hosting)) {
      missing.add("scopeHosting is required");
    }
    if (blank(dataFlows)) {
      missing.add("scopeDataFlows is required");
    }
    if (!missing.isEmpty()) {
      throw new InvalidVariablesException(missing);
    }
    LocalDate materialChange = parseDate("lastMaterialChangeDate", lastMaterialChangeDate);
    if (materialChange != null && materialChange.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("lastMaterialChangeDate " + materialChange + " is in the future");
    }
    repository.recordScope(gateId, systems, hosting, interfaces, dataFlows, materialChange, recordedBy);
    Set<String> counterparties = new LinkedHashSet<>();
    if (businessAssociates != null) {
      businessAssociates.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(counterparties::add);
    }
    int position = 0;
    for (String counterparty : counterparties) {
      if (counterparty.length() > 200) {
        throw new InvalidVariablesException("businessAssociates: '" + counterparty.substring(0, 40)
            + "…' is longer than 200 characters");
      }
      repository.insertBaa(new Baa(null, gateId, position++, counterparty, null, null, null, null, null, null, null,
          "BAA not yet recorded"));
    }
    return counterparties.size();
  }

  public int specCount(String gateId) {
    return repository.findSpecs(gateId).size();
  }

  public Spec spec(String gateId, int position) {
    return repository.findSpec(gateId, position);
  }

  public Spec specById(String gateId, String specId) {
    return repository.findSpec(gateId, specId);
  }

  public Baa baa(String gateId, int position) {
    return currentBaas(gateId).get(position);
  }

  public Remediation remediation(String gateId, int round, int position) {
    return repository.findRemediation(gateId, round, position);
  }

  // ---------------------------------------------------------------- evidence and disposition

  /** Records one submission of evidence for a specification, attributed to the submitting user. */
  public void submitEvidence(String gateId, String specId, EvidenceSubmission submission, String submittedBy) {
    Gate gate = gate(gateId);
    List<String> problems = new ArrayList<>();
    String status = submission.status();
    if (status == null || status.isBlank()) {
      problems.add("evidenceStatus is required");
    } else if (!HipaaAuditGateProcess.Values.EVIDENCE_STATUSES.contains(status)) {
      problems.add("evidenceStatus '" + status + "' is not one of " + HipaaAuditGateProcess.Values.EVIDENCE_STATUSES);
    }
    LocalDate evidenceDate = null;
    try {
      evidenceDate = parseDate("evidenceDate", submission.evidenceDate());
    } catch (InvalidVariablesException e) {
      problems.addAll(e.problems());
    }
    boolean needsDocument = "EVIDENCED".equals(status) || "ALTERNATIVE_MEASURE".equals(status);
    if (needsDocument && blank(submission.documentId())) {
      problems.add("evidenceDocumentId is required when evidenceStatus is " + status);
    }
    if (needsDocument && evidenceDate == null && !problems.stream().anyMatch(p -> p.startsWith("evidenceDate"))) {
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
    repository.insertEvidence(new HipaaRecords.SubmittedEvidence(gateId, specId, gate.round(), status,
        trim(submission.rationale()), trim(submission.compensatingControl()), trim(submission.documentId()),
        trim(submission.documentVersion()), trim(submission.documentHash()), evidenceDate, submittedBy,
        EngineClock.now()));
  }

  /**
   * Decides the latest submission for a specification with {@code HipaaSpecDispositionDecision} and
   * writes the disposition onto it; returns PASS or BLOCK.
   */
  public String dispose(String gateId, String specId) {
    Gate gate = gate(gateId);
    Spec spec = repository.findSpec(gateId, specId);
    Evidence evidence = repository.findLatestEvidence(gateId, specId)
        .orElseThrow(() -> new IllegalStateException("No evidence for " + specId + " in " + gateId));
    Integer ageDays = evidence.evidenceDate() == null ? null
        : (int) ChronoUnit.DAYS.between(evidence.evidenceDate(), EngineClock.today());
    boolean predatesMaterialChange = spec.mustPostdateMaterialChange() && gate.lastMaterialChangeDate() != null
        && evidence.evidenceDate() != null && !evidence.evidenceDate().isAfter(gate.lastMaterialChangeDate());
    VariableMap inputs = Variables.createVariables()
        .putValue("requirement", spec.effectiveRequirement())
        .putValue("status", evidence.status())
        .putValue("rationaleDocumented", !blank(evidence.rationale()))
        .putValue("compensatingControlDocumented", !blank(evidence.compensatingControl()))
        .putValue("evidenceAgeDays", ageDays)
        .putValue("maxEvidenceAgeDays", spec.maxEvidenceAgeDays())
        .putValue("evidencePredatesMaterialChange", predatesMaterialChange);
    DmnDecisionResultEntries result = decisionService
        .evaluateDecisionByKey(HipaaAuditGateProcess.DISPOSITION_DECISION).variables(inputs).evaluate()
        .getSingleResult();
    if (result == null) {
      throw new IllegalStateException(HipaaAuditGateProcess.DISPOSITION_DECISION + " has no rule for " + inputs);
    }
    String disposition = text(result, "disposition");
    repository.dispose(evidence.id(), ageDays, disposition, text(result, "dispositionReason"),
        Boolean.TRUE.equals(result.getEntry("annualReview")),
        latestVersion(HipaaAuditGateProcess.DISPOSITION_DECISION), EngineClock.now());
    return disposition;
  }

  // ---------------------------------------------------------------- BAAs

  public void recordBaa(String gateId, int position, BaaSubmission submission, String recordedBy) {
    Baa current = baa(gateId, position);
    List<String> problems = new ArrayList<>();
    if (submission.executed() == null) {
      problems.add("baaExecuted is required");
    }
    LocalDate effective = null;
    LocalDate expiry = null;
    try {
      effective = parseDate("baaEffectiveDate", submission.effectiveDate());
    } catch (InvalidVariablesException e) {
      problems.addAll(e.problems());
    }
    try {
      expiry = parseDate("baaExpiryDate", submission.expiryDate());
    } catch (InvalidVariablesException e) {
      problems.addAll(e.problems());
    }
    if (Boolean.TRUE.equals(submission.executed()) && effective == null && problems.stream().noneMatch(p -> p.startsWith("baaEffective"))) {
      problems.add("baaEffectiveDate is required for an executed BAA");
    }
    if (Boolean.TRUE.equals(submission.executed()) && blank(submission.documentId())) {
      problems.add("baaDocumentId is required for an executed BAA");
    }
    if (effective != null && expiry != null && expiry.isBefore(effective)) {
      problems.add("baaExpiryDate " + expiry + " is before baaEffectiveDate " + effective);
    }
    checkLength(problems, "baaDocumentId", submission.documentId(), 200);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Baa recorded = new Baa(null, gateId, position, current.counterparty(), submission.executed(), effective, expiry,
        submission.subcontractorFlowDown(), trim(submission.documentId()), recordedBy, EngineClock.now(), null);
    String finding = baaFinding(gate(gateId), recorded);
    repository.insertBaa(new Baa(null, gateId, position, recorded.counterparty(), recorded.executed(), effective,
        expiry, recorded.subcontractorFlowDown(), recorded.documentId(), recordedBy, recorded.recordedAt(), finding));
  }

  /** What keeps a BAA from passing (R03 of the readiness scorecard), or null. */
  static String baaFinding(Gate gate, Baa baa) {
    if (baa.recordedAt() == null) {
      return "BAA not yet recorded";
    }
    if (!Boolean.TRUE.equals(baa.executed())) {
      return "BAA with " + baa.counterparty() + " is not executed";
    }
    LocalDate mustHoldOn = gate.goLiveDate() != null ? gate.goLiveDate() : EngineClock.today();
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

  private List<Baa> currentBaas(String gateId) {
    Map<Integer, Baa> latest = new LinkedHashMap<>();
    repository.findBaas(gateId).forEach(baa -> latest.put(baa.position(), baa));
    return List.copyOf(latest.values());
  }

  // ---------------------------------------------------------------- the gate rule

  /** PASS only with no BLOCK disposition, every specification decided, and every BAA in force. */
  public Evaluation evaluate(String gateId) {
    Gate gate = gate(gateId);
    Map<String, String> specFindings = new LinkedHashMap<>();
    int pass = 0;
    int annualReview = 0;
    for (Spec spec : repository.findSpecs(gateId)) {
      Evidence evidence = repository.findLatestEvidence(gateId, spec.specId()).orElse(null);
      if (evidence == null || evidence.disposition() == null) {
        specFindings.put(spec.specId(), "no decided evidence");
      } else if (BLOCK.equals(evidence.disposition())) {
        specFindings.put(spec.specId(), evidence.dispositionReason());
      } else if (staleNow(gate, spec, evidence)) {
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
    for (Baa baa : currentBaas(gateId)) {
      String finding = baaFinding(gate, baa);
      if (finding != null) {
        baaFindings.put(baa.position(), finding);
      }
    }
    return new Evaluation(pass, annualReview, List.copyOf(specFindings.keySet()), specFindings, baaFindings);
  }

  /** Evidence that passed when decided may have aged, or a material change may have been reported since. */
  static boolean staleNow(Gate gate, Spec spec, Evidence evidence) {
    if (evidence.evidenceDate() == null) {
      return false;
    }
    long age = ChronoUnit.DAYS.between(evidence.evidenceDate(), EngineClock.today());
    boolean tooOld = spec.maxEvidenceAgeDays() != null && age > spec.maxEvidenceAgeDays();
    boolean beforeChange = spec.mustPostdateMaterialChange() && gate.lastMaterialChangeDate() != null
        && !evidence.evidenceDate().isAfter(gate.lastMaterialChangeDate());
    return tooOld || beforeChange;
  }

  /** Opens one remediation item per finding, due in the configured number of days; returns the count. */
  public int openRemediation(String gateId) {
    Gate gate = gate(gateId);
    Evaluation evaluation = evaluate(gateId);
    LocalDate due = EngineClock.today().plusDays(properties.remediationDueDays());
    int position = 0;
    for (String specId : evaluation.blockedSpecs()) {
      Spec spec = repository.findSpec(gateId, specId);
      repository.insertRemediation(new OpenedRemediation(gateId, gate.round(), position++, "SPEC", specId, null,
          evaluation.specFindings().get(specId), spec.ownerGroup(), due, EngineClock.now()));
    }
    for (Map.Entry<Integer, String> finding : evaluation.baaFindings().entrySet()) {
      repository.insertRemediation(new OpenedRemediation(gateId, gate.round(), position++, "BAA", null,
          finding.getKey(), finding.getValue(), GovernanceGroup.PRIVACY_OFFICER.id(), due, EngineClock.now()));
    }
    // A refused signature or residual-risk acknowledgement is an objection to resolve; the security
    // office coordinates the sponsor's, each official's own goes back to their office.
    for (SignOff refusal : repository.findSignOffs(gateId)) {
      if (refusal.round() == gate.round() && !refusal.approved()) {
        SignOffRole role = SignOffRole.valueOf(refusal.role());
        String owner = role == SignOffRole.EXECUTIVE_SPONSOR ? SignOffRole.SECURITY_OFFICIAL.group() : role.group();
        String finding = role + " " + refusal.userId() + " refused: " + refusal.comment();
        repository.insertRemediation(new OpenedRemediation(gateId, gate.round(), position++, "OBJECTION", null, null,
            finding.length() > 500 ? finding.substring(0, 499) + "…" : finding, owner, due, EngineClock.now()));
      }
    }
    // BLOCKED while remediation runs; result_at stays empty until the gate is closed.
    repository.updateStatus(gateId, HipaaAuditGateProcess.Values.BLOCKED, gate.round(), null, null);
    return position;
  }

  /** Records how an objection (a refused signature) was addressed. */
  public void resolveObjection(String gateId, int round, int position, String resolution, String user) {
    if (resolution == null || resolution.isBlank()) {
      throw new InvalidVariablesException("objectionResolution is required");
    }
    if (resolution.length() > 4000) {
      throw new InvalidVariablesException("objectionResolution is longer than 4000 characters");
    }
    repository.resolveRemediation(gateId, round, position, resolution.strip(), user, EngineClock.now());
  }

  public LocalDate remediationDue() {
    return EngineClock.today().plusDays(properties.remediationDueDays());
  }

  /** A re-review starts the next round: new evidence and signatures are needed. */
  public int startNextRound(String gateId) {
    Gate gate = gate(gateId);
    repository.updateStatus(gateId, "IN_PROGRESS", gate.round() + 1, null, null);
    return gate.round() + 1;
  }

  // ---------------------------------------------------------------- sign-off (four-eyes)

  /**
   * Refuses a signer who submitted evidence or recorded a BAA in this gate, or who already signed
   * this round in the other official's role. The reason is in the exception's message.
   */
  public void checkSigner(String gateId, SignOffRole role, String userId) {
    if (userId == null) {
      throw new AuthorizationException("A HIPAA gate sign-off needs an authenticated user");
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(role.group()).count() == 0) {
      throw new AuthorizationException("User '" + userId + "' is not in group " + role.group()
          + " and cannot sign HIPAA gate " + gateId + " as " + role);
    }
    if (role == SignOffRole.EXECUTIVE_SPONSOR) {
      return;
    }
    Set<String> submitters = repository.findEvidence(gateId).stream().map(Evidence::submittedBy)
        .collect(Collectors.toSet());
    repository.findBaas(gateId).stream().map(Baa::recordedBy).filter(Objects::nonNull).forEach(submitters::add);
    if (submitters.contains(userId)) {
      throw new AuthorizationException("User '" + userId + "' submitted evidence in HIPAA gate " + gateId
          + " and cannot sign it (segregation of duties: evidence submitter ≠ signer)");
    }
    if (!properties.allowSameSigner()) {
      int round = gate(gateId).round();
      SignOffRole other = role == SignOffRole.SECURITY_OFFICIAL ? SignOffRole.PRIVACY_OFFICIAL : SignOffRole.SECURITY_OFFICIAL;
      boolean signedOther = repository.findSignOffs(gateId).stream()
          .anyMatch(s -> s.round() == round && s.role().equals(other.name()) && s.userId().equals(userId));
      if (signedOther) {
        throw new AuthorizationException("User '" + userId + "' already signed HIPAA gate " + gateId + " as "
            + other + "; the security and privacy officials must be two different people");
      }
    }
  }

  public void recordSignOff(String gateId, SignOffRole role, String userId, Boolean approved, String comment) {
    List<String> problems = new ArrayList<>();
    if (approved == null) {
      problems.add(role.approvedField() + " is required");
    } else if (!approved && blank(comment)) {
      problems.add(role.commentField() + " is required when not approving");
    }
    checkLength(problems, role.commentField(), comment, 4000);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    if (approved) {
      checkSigner(gateId, role, userId);
    } else if (userId == null) {
      throw new AuthorizationException("A HIPAA gate sign-off needs an authenticated user");
    }
    repository.insertSignOff(new SignOff(null, gateId, gate(gateId).round(), role.name(), userId, approved,
        trim(comment), EngineClock.now()));
  }

  // ---------------------------------------------------------------- results

  /** Records a PASS; returns the date it expires (go-live + the configured days). */
  public LocalDate pass(String gateId, String processInstanceId) {
    Gate gate = gate(gateId);
    // Defence in depth: whatever path led here, a PASS needs this instance's gate, a clear rule,
    // both officials (two different people) and the sponsor in this round.
    if (!gate.processInstanceId().equals(processInstanceId)) {
      throw new AuthorizationException("HIPAA gate " + gateId + " does not belong to process instance " + processInstanceId);
    }
    if (!evaluate(gateId).clear()) {
      throw new AuthorizationException("HIPAA gate " + gateId + " is not clear and cannot pass");
    }
    Map<String, String> signers = new HashMap<>();
    repository.findSignOffs(gateId).stream().filter(s -> s.round() == gate.round() && s.approved())
        .forEach(s -> signers.put(s.role(), s.userId()));
    String security = signers.get(SignOffRole.SECURITY_OFFICIAL.name());
    String privacy = signers.get(SignOffRole.PRIVACY_OFFICIAL.name());
    if (security == null || privacy == null || !signers.containsKey(SignOffRole.EXECUTIVE_SPONSOR.name())
        || security.equals(privacy) && !properties.allowSameSigner()) {
      throw new AuthorizationException("HIPAA gate " + gateId + " lacks the signatures of two different officials"
          + " and the sponsor's acknowledgement in round " + gate.round());
    }
    LocalDate base = gate.goLiveDate() != null ? gate.goLiveDate() : EngineClock.today();
    LocalDate expires = base.plusDays(properties.passValidityDaysAfterGoLive());
    repository.updateStatus(gateId, HipaaAuditGateProcess.Values.PASS, gate.round(), EngineClock.now(), expires);
    return expires;
  }

  public void closeBlocked(String gateId) {
    Gate gate = gate(gateId);
    repository.updateStatus(gateId, HipaaAuditGateProcess.Values.BLOCKED, gate.round(), EngineClock.now(), null);
  }

  /**
   * The project's go-live moved. Its go-live gates that are still valid today check against the
   * new date: the pass now expires the configured days after it, unless a BAA it relied on does not
   * hold on the new date (not yet effective, or expired): then that gate's pass ends, as the gate
   * would have blocked. Expired, invalidated and non-go-live gates are left as they are.
   */
  @Override
  public boolean validPassOn(String projectId, LocalDate day) {
    return repository.findGatesOfProject(projectId).stream().anyMatch(g -> g.validOn(day));
  }

  @Override
  public void goLiveMoved(String projectId, LocalDate goLive) {
    LocalDate today = EngineClock.today();
    for (Gate gate : repository.findGatesOfProject(projectId)) {
      if (!"GO_LIVE".equals(gate.gateReason()) || gate.goLiveDate() == null) {
        continue;
      }
      boolean valid = gate.validOn(today);
      Gate moved = new Gate(gate.gateId(), gate.projectId(), gate.processInstanceId(), gate.gateReason(), goLive,
          gate.lastMaterialChangeDate(), gate.nprm2025(), gate.catalogueDecision(), gate.status(), gate.round(),
          gate.openedBy(), gate.openedAt(), gate.scopeSystems(), gate.scopeHosting(), gate.scopeInterfaces(),
          gate.scopeDataFlows(), gate.scopeRecordedBy(), gate.resultAt(), gate.expiresOn(), gate.invalidatedAt(),
          gate.invalidatedReason());
      String lapsing = valid ? currentBaas(gate.gateId()).stream().map(baa -> baaFinding(moved, baa))
          .filter(java.util.Objects::nonNull).findFirst().orElse(null) : null;
      boolean open = gate.resultAt() == null;
      if (open || valid) {
        repository.moveGoLive(gate.gateId(), goLive,
            valid && lapsing == null ? goLive.plusDays(properties.passValidityDaysAfterGoLive()) : null);
      }
      if (lapsing != null) {
        repository.invalidateGate(gate.gateId(), EngineClock.now(), "go-live moved to " + goLive + ": " + lapsing);
      }
    }
  }

  /** A material change ends the validity of every passed gate of the project. */
  public int recordMaterialChange(String projectId, String reason) {
    repository.recordMaterialChangeOnOpenGates(projectId, EngineClock.today());
    return repository.invalidatePassedGates(projectId, EngineClock.now(), reason);
  }

  public Gate gate(String gateId) {
    return repository.findGate(gateId).orElseThrow(() -> new IllegalStateException("No HIPAA gate " + gateId));
  }

  // ---------------------------------------------------------------- helpers

  private String latestVersion(String decisionKey) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().singleResult();
    return definition == null ? decisionKey : decisionKey + ":" + definition.getVersion();
  }

  static LocalDate parseDate(String field, String value) {
    return IsoDates.parseOptional(field, value);
  }

  private static String text(DmnDecisionResultEntries row, String name) {
    Object value = row.getEntry(name);
    return value == null ? null : value.toString();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String trim(String value) {
    return blank(value) ? null : value.strip();
  }

  private static void checkLength(List<String> problems, String name, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(name + " is longer than " + max + " characters");
    }
  }
}
