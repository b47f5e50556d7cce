package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.OpenedRemediation;
import io.hitgov.hipaa.HipaaRecords.OpenedRemediation.Item;
import io.hitgov.hipaa.HipaaRecords.Remediation;
import io.hitgov.hipaa.HipaaRecords.SignOff;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A blocked gate's remediation: one item per finding and per refused signature, each owned by the
 * office that resolves it, and the re-review that starts the next round.
 */
@Service
class HipaaRemediation {

  static final int MAX_FINDING = 500;

  private final HipaaGateRepository repository;
  private final HipaaRemediationRepository remediations;
  private final HipaaGateService gates;
  private final HipaaBaaRegister baas;
  private final HipaaProperties properties;

  HipaaRemediation(HipaaGateRepository repository, HipaaRemediationRepository remediations, HipaaGateService gates,
      HipaaBaaRegister baas, HipaaProperties properties) {
    this.repository = repository;
    this.remediations = remediations;
    this.gates = gates;
    this.baas = baas;
    this.properties = properties;
  }

  /** Opens one remediation item per finding, due in the configured number of days; returns the count. */
  int open(String gateId) {
    Gate gate = repository.getGate(gateId);
    HipaaEvaluation evaluation = gates.evaluate(gateId);
    List<Item> items = new ArrayList<>();
    for (String specId : evaluation.blockedSpecs()) {
      items.add(Item.spec(specId, evaluation.specFindings().get(specId),
          repository.findSpec(gateId, specId).ownerGroup()));
    }
    for (Map.Entry<Integer, String> finding : evaluation.baaFindings().entrySet()) {
      items.add(Item.baa(finding.getKey(), finding.getValue(), GovernanceGroup.PRIVACY_OFFICER.id()));
    }
    // A refused signature or residual-risk acknowledgement is an objection to resolve.
    for (SignOff refusal : repository.findSignOffs(gateId)) {
      if (refusal.round() == gate.round() && !refusal.approved()) {
        SignOffRole role = SignOffRole.valueOf(refusal.role());
        String finding = role + " " + refusal.userId() + " refused: " + refusal.comment();
        items.add(Item.objection(finding.length() > MAX_FINDING ? finding.substring(0, MAX_FINDING - 1) + "…" : finding,
            role.objectionOwner()));
      }
    }
    LocalDate due = due();
    for (int position = 0; position < items.size(); position++) {
      remediations.insertRemediation(OpenedRemediation.of(gateId, gate.round(), position, items.get(position), due,
          EngineClock.now()));
    }
    // BLOCKED while remediation runs; result_at stays empty until the gate is closed.
    repository.updateStatus(gateId, HipaaAuditGateProcess.Values.BLOCKED, gate.round());
    return items.size();
  }

  /** When items opened today are due. */
  LocalDate due() {
    return EngineClock.today().plusDays(properties.remediationDueDays());
  }

  /** An item with what it is about: its specification (SPEC) or its BAA's counterparty (BAA). */
  record OpenItem(Remediation item, Spec spec, String baaCounterparty) {}

  OpenItem item(String gateId, int round, int position) {
    Remediation item = remediations.findRemediation(gateId, round, position);
    return switch (item.kind()) {
      case "SPEC" -> new OpenItem(item, repository.findSpec(gateId, item.specId()), null);
      case "BAA" -> new OpenItem(item, null, baas.baa(gateId, item.baaPosition()).counterparty());
      default -> new OpenItem(item, null, null);
    };
  }

  /** Records how an objection (a refused signature) was addressed. */
  void resolveObjection(String gateId, int round, int position, String resolution, String user) {
    if (resolution == null || resolution.isBlank()) {
      throw new InvalidVariablesException("objectionResolution is required");
    }
    if (resolution.length() > 4000) {
      throw new InvalidVariablesException("objectionResolution is longer than 4000 characters");
    }
    remediations.resolveRemediation(gateId, round, position, resolution.strip(), user, EngineClock.now());
  }

  /** A re-review starts the next round: new evidence and signatures are needed. */
  int startNextRound(String gateId) {
    Gate gate = repository.getGate(gateId);
    repository.updateStatus(gateId, "IN_PROGRESS", gate.round() + 1);
    return gate.round() + 1;
  }
}
