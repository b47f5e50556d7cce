package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Spec;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The HIPAA gate's two decisions: {@code HipaaSpecCatalogueDecision} (the specifications a gate
 * snapshots) and {@code HipaaSpecDispositionDecision} (PASS or BLOCK for one submission), each
 * result stamped with the decision's version.
 */
@Component
class HipaaDecisions {

  /** A submission's disposition and the decision version that made it. */
  record Disposition(String disposition, String reason, boolean annualReview, String decision) {}

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;

  HipaaDecisions(DecisionService decisionService, RepositoryService repositoryService) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
  }

  /** The catalogue's specifications for gate {@code gateId}, numbered in order. */
  List<Spec> catalogue(String gateId, boolean nprm2025) {
    VariableMap inputs = Variables.createVariables().putValue("nprm2025", nprm2025);
    List<Spec> specs = new ArrayList<>();
    for (DmnDecisionResultEntries row : decisionService
        .evaluateDecisionByKey(HipaaAuditGateProcess.CATALOGUE_DECISION).variables(inputs).evaluate()) {
      String requirement = text(row, "requirement");
      boolean nprmRequired = Boolean.TRUE.equals(row.getEntry("nprmRequired"));
      specs.add(new Spec(gateId, specs.size(), text(row, "specId"), text(row, "title"), text(row, "safeguard"),
          requirement, nprm2025 && nprmRequired ? "R" : requirement, text(row, "ownerGroup"),
          row.getEntry("maxEvidenceAgeDays") instanceof Number n ? n.intValue() : null,
          Boolean.TRUE.equals(row.getEntry("mustPostdateMaterialChange")), text(row, "evidenceExpected")));
    }
    if (specs.isEmpty()) {
      throw new IllegalStateException(HipaaAuditGateProcess.CATALOGUE_DECISION + " returned no specifications");
    }
    return specs;
  }

  String catalogueVersion() {
    return latestVersion(HipaaAuditGateProcess.CATALOGUE_DECISION);
  }

  Disposition dispose(VariableMap inputs) {
    DmnDecisionResultEntries result = decisionService
        .evaluateDecisionByKey(HipaaAuditGateProcess.DISPOSITION_DECISION).variables(inputs).evaluate()
        .getSingleResult();
    if (result == null) {
      throw new IllegalStateException(HipaaAuditGateProcess.DISPOSITION_DECISION + " has no rule for " + inputs);
    }
    return new Disposition(text(result, "disposition"), text(result, "dispositionReason"),
        Boolean.TRUE.equals(result.getEntry("annualReview")), latestVersion(HipaaAuditGateProcess.DISPOSITION_DECISION));
  }

  private String latestVersion(String decisionKey) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().singleResult();
    return definition == null ? decisionKey : decisionKey + ":" + definition.getVersion();
  }

  private static String text(DmnDecisionResultEntries row, String name) {
    Object value = row.getEntry(name);
    return value == null ? null : value.toString();
  }
}
