package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Variables.*;

import io.hitgov.hipaa.HipaaAuditGateProcess.Elements;
import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.process.Readable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the HIPAA audit gate's forms (docs/conventions.md#readable-forms), set as
 * task-local variables when a gate task is created: the gate's reason in words, dates as dates,
 * a specification's requirement, safeguard and owner in words, a BAA's status in words, and for
 * the sign-off, residual-risk and re-review forms the findings with the specifications' names
 * instead of their codes, the evidence counted by status and every BAA's status. The gate's
 * specifications, evidence and BAAs are read once each per task, and only by the forms that show
 * them; called by the engine's Spring event bridge, so the model stays unchanged.
 */
@Component
class HipaaFormDisplay {

  static final Map<String, String> REASONS = Map.of("GO_LIVE", "before go-live", "UPGRADE", "for an upgrade",
      "NEW_BUSINESS_ASSOCIATE", "for a new business associate");
  static final Map<String, String> REQUIREMENTS = Map.of("R", "Required", "A", "Addressable", "STD", "Standard");
  static final Set<String> SUMMARIES = Set.of(Elements.SIGN_SECURITY, Elements.SIGN_PRIVACY,
      Elements.ACKNOWLEDGE_RESIDUAL_RISK, Elements.RE_REVIEW);
  static final Set<String> BAA_TASKS = Set.of(Elements.RECORD_BAA, Elements.REMEDIATE_BAA);

  private final HipaaGateRepository repository;
  private final Readable readable;

  HipaaFormDisplay(HipaaGateRepository repository, Readable readable) {
    this.repository = repository;
    this.readable = readable;
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    readable.whenCreated(task, HipaaAuditGateProcess.KEY::equals,
        created -> created.setVariablesLocal(values(created, created.getExecution().getProcessBusinessKey())));
  }

  Map<String, Object> values(DelegateTask task, String gateId) {
    Map<String, Object> values = new LinkedHashMap<>();
    Object reason = task.getVariable(GATE_REASON);
    values.put("gateReasonText", reason instanceof String r && REASONS.containsKey(r) ? REASONS.get(r)
        : Readable.words(reason));
    values.put("goLiveDateText", Readable.date(task.getVariable(GO_LIVE_DATE)));
    if (task.getVariable("specId") != null) {
      values.put("specRequirementText", REQUIREMENTS.getOrDefault(String.valueOf(task.getVariable("specRequirement")),
          "—"));
      values.put("specSafeguardText", Readable.words(task.getVariable("specSafeguard")));
      values.put("specOwnerGroupName", Readable.group(task.getVariable("specOwnerGroup")));
    }
    if (task.getVariable("remediationDueOn") != null) {
      values.put("remediationDueOnText", Readable.date(task.getVariable("remediationDueOn")));
      values.put("remediationOwnerGroupName", Readable.group(task.getVariable("remediationOwnerGroup")));
    }
    String key = task.getTaskDefinitionKey();
    if (BAA_TASKS.contains(key) && task.getVariable("baaPosition") instanceof Number position) {
      Baa baa = latestBaas(gateId).get(position.intValue());
      values.put("baaStatusText", baa == null ? "not recorded yet" : baaStatus(baa));
    }
    if (SUMMARIES.contains(key)) {
      values.putAll(summary(gateId, (String) task.getVariable(FINDINGS)));
    }
    return values;
  }

  private Map<Integer, Baa> latestBaas(String gateId) {
    Map<Integer, Baa> latest = new LinkedHashMap<>();
    repository.findBaas(gateId).forEach(baa -> latest.put(baa.position(), baa));
    return latest;
  }

  /** The findings, the evidence by status and the BAAs, for the officials' and the sponsor's forms. */
  Map<String, Object> summary(String gateId, String findings) {
    Map<String, Spec> specs = repository.findSpecs(gateId).stream()
        .collect(Collectors.toMap(Spec::specId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Map<Integer, Baa> baas = latestBaas(gateId);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("hipaaFindingsText", findings(findings, specs, baas));
    values.put("hipaaEvidenceText", evidence(specs.size(), repository.findEvidence(gateId)));
    values.put("hipaaBaaText", baas.isEmpty() ? "- no business associates in scope"
        : baas.values().stream().map(b -> "- " + b.counterparty() + ": " + baaStatus(b))
            .collect(Collectors.joining("\n")));
    return values;
  }

  /** EvaluateHipaaGateDelegate's findings ("spec: finding", "BAA #n: finding") with names instead of codes. */
  static String findings(String findings, Map<String, Spec> specs, Map<Integer, Baa> baas) {
    if (findings == null || findings.isBlank() || findings.startsWith("No blocking")) {
      return "- none";
    }
    List<String> lines = new ArrayList<>();
    for (String line : findings.split("\n")) {
      int colon = line.indexOf(": ");
      String code = colon < 0 ? "" : line.substring(0, colon);
      String text = colon < 0 ? line : line.substring(colon + 2);
      Spec spec = specs.get(code);
      Baa baa = code.startsWith("BAA #") ? baas.get(Integer.valueOf(code.substring(5))) : null;
      String name = spec != null ? spec.title() + " (" + code + ")" : baa != null ? "BAA with " + baa.counterparty()
          : code;
      lines.add("- " + (name.isEmpty() ? text : "**" + name + ":** " + text));
    }
    return String.join("\n", lines);
  }

  /** The latest evidence of each specification, counted by status in words. */
  static String evidence(int specCount, List<Evidence> evidence) {
    Map<String, Evidence> latest = new LinkedHashMap<>();
    evidence.forEach(e -> latest.put(e.specId(), e));
    Map<String, Long> byStatus = latest.values().stream().collect(Collectors.groupingBy(
        e -> Readable.words(e.status()).toLowerCase(java.util.Locale.ROOT), LinkedHashMap::new, Collectors.counting()));
    String counts = byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
    int missing = Math.max(0, specCount - latest.size());
    return latest.size() + " of " + specCount + " specifications have evidence" + (counts.isEmpty() ? "" : ": " + counts)
        + (missing == 0 ? "" : "; " + missing + " without evidence");
  }

  /** A BAA's status in words: executed or not, in force from when to when, flow-down, and its finding. */
  static String baaStatus(Baa baa) {
    if (baa.executed() == null) {
      return "not recorded yet";
    }
    if (!baa.executed()) {
      return "not executed" + finding(baa);
    }
    return "executed, in force from " + Readable.date(baa.effectiveDate())
        + (baa.expiryDate() == null ? " with no expiry date" : " to " + Readable.date(baa.expiryDate()))
        + ", " + (Boolean.TRUE.equals(baa.subcontractorFlowDown()) ? "flows" : "does not flow")
        + " the requirements down to subcontractors" + finding(baa);
  }

  private static String finding(Baa baa) {
    return baa.finding() == null || baa.finding().isBlank() ? "" : " (finding: " + baa.finding() + ")";
  }
}
