package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Spec;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The local variables that describe one specification to its evidence task and form. */
final class SpecVariables {

  private SpecVariables() {}

  static void put(DelegateExecution execution, Spec spec) {
    execution.setVariableLocal("specId", spec.specId());
    execution.setVariableLocal("specTitle", spec.title());
    execution.setVariableLocal("specSafeguard", spec.safeguard());
    execution.setVariableLocal("specRequirement", spec.effectiveRequirement());
    execution.setVariableLocal("specOwnerGroup", spec.ownerGroup());
    execution.setVariableLocal("specEvidenceExpected", spec.evidenceExpected());
    execution.setVariableLocal("specMaxEvidenceAgeDays", spec.maxEvidenceAgeDays());
  }
}
