package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaInput.blank;

import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.OpenedGate;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.project.ProjectDirectory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;

/**
 * A HIPAA audit gate from opening to its result: the record and its catalogue snapshot, the scope,
 * the gate rule ({@link HipaaGateRule}) over the current evidence and BAAs, and PASS or BLOCKED.
 * Evidence ({@link HipaaEvidenceCollection}), BAAs ({@link HipaaBaaRegister}), signatures
 * ({@link HipaaSignOffs}), remediation ({@link HipaaRemediation}) and a pass's validity
 * ({@link HipaaPassValidity}) have their own services; delegates and listeners only map variables.
 */
@Service
public class HipaaGateService {

  private final ProjectDirectory projects;
  private final HipaaGateRepository repository;
  private final HipaaDecisions decisions;
  private final HipaaBaaRegister baas;
  private final HipaaProperties properties;
  private final IdCounter idCounter;

  HipaaGateService(HipaaGateRepository repository, HipaaDecisions decisions, HipaaBaaRegister baas,
      HipaaProperties properties, IdCounter idCounter, ProjectDirectory projects) {
    this.idCounter = idCounter;
    this.projects = projects;
    this.repository = repository;
    this.decisions = decisions;
    this.baas = baas;
    this.properties = properties;
  }

  /**
   * Opens a gate record and snapshots the specification catalogue into it. A go-live gate of a
   * registered project takes the project's go-live date when none is given.
   */
  OpenedGate open(String projectId, String processInstanceId, String gateReason, String goLiveDate, String openedBy) {
    String reason = gateReason == null ? "GO_LIVE" : gateReason;
    List<String> problems = new ArrayList<>();
    if (!projects.isRegistered(projectId)) {
      problems.add("projectId '" + projectId + "' is not a known project");
    }
    if ("GO_LIVE".equals(reason) && blank(goLiveDate)) {
      goLiveDate = projects.goLiveDate(projectId).map(LocalDate::toString).orElse(null);
      if (goLiveDate == null && problems.isEmpty()) {
        problems.add("goLiveDate is required when gateReason is GO_LIVE");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    String gateId = "HIPAA-" + projectId + "-" + idCounter.next("HIPAA/" + projectId);
    List<Spec> catalogue = decisions.catalogue(gateId, properties.nprm2025());
    OpenedGate gate = new OpenedGate(gateId, projectId, processInstanceId, reason,
        IsoDates.parseOptional("goLiveDate", goLiveDate), properties.nprm2025(), decisions.catalogueVersion(),
        "IN_PROGRESS", 1, openedBy, EngineClock.now());
    repository.insertGate(gate);
    catalogue.forEach(repository::insertSpec);
    return gate;
  }

  /** Records the scope and the business associates in it; returns how many BAAs must be recorded. */
  int recordScope(String gateId, String systems, String hosting, String interfaces, String dataFlows,
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
    LocalDate materialChange = IsoDates.parseOptional("lastMaterialChangeDate", lastMaterialChangeDate);
    if (materialChange != null && materialChange.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("lastMaterialChangeDate " + materialChange + " is in the future");
    }
    repository.recordScope(gateId, systems, hosting, interfaces, dataFlows, materialChange, recordedBy);
    return baas.list(gateId, businessAssociates);
  }

  int specCount(String gateId) {
    return repository.findSpecs(gateId).size();
  }

  Spec spec(String gateId, int position) {
    return repository.findSpec(gateId, position);
  }

  Spec specById(String gateId, String specId) {
    return repository.findSpec(gateId, specId);
  }

  /** PASS only with no BLOCK disposition, every specification decided and fresh, and every BAA in force. */
  public HipaaEvaluation evaluate(String gateId) {
    Gate gate = repository.getGate(gateId);
    List<Spec> specs = repository.findSpecs(gateId);
    Map<String, Evidence> latest = new HashMap<>();
    for (Spec spec : specs) {
      repository.findLatestEvidence(gateId, spec.specId()).ifPresent(evidence -> latest.put(spec.specId(), evidence));
    }
    return HipaaGateRule.evaluate(gate, specs, latest, baas.current(gateId), EngineClock.today());
  }

  /** Records a PASS; returns the date it expires (go-live + the configured days). */
  LocalDate pass(String gateId, String processInstanceId) {
    Gate gate = repository.getGate(gateId);
    // Defence in depth: whatever path led here, a PASS needs this instance's gate, a clear rule,
    // both officials (two different people) and the sponsor in this round.
    if (!gate.processInstanceId().equals(processInstanceId)) {
      throw new AuthorizationException("HIPAA gate " + gateId + " does not belong to process instance " + processInstanceId);
    }
    if (!evaluate(gateId).clear()) {
      throw new AuthorizationException("HIPAA gate " + gateId + " is not clear and cannot pass");
    }
    if (!SignOffDuties.complete(repository.findSignOffs(gateId).stream().filter(s -> s.round() == gate.round())
        .toList(), properties.allowSameSigner())) {
      throw new AuthorizationException("HIPAA gate " + gateId + " lacks the signatures of two different officials"
          + " and the sponsor's acknowledgement in round " + gate.round());
    }
    LocalDate base = gate.goLiveDate() != null ? gate.goLiveDate() : EngineClock.today();
    LocalDate expires = base.plusDays(properties.passValidityDaysAfterGoLive());
    repository.close(gateId, HipaaAuditGateProcess.Values.PASS, gate.round(), EngineClock.now(), expires);
    return expires;
  }

  void closeBlocked(String gateId) {
    Gate gate = repository.getGate(gateId);
    repository.close(gateId, HipaaAuditGateProcess.Values.BLOCKED, gate.round(), EngineClock.now(), null);
  }
}
