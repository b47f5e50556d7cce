package io.hitgov.lifecycle;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Tailors the lifecycle to a project type with the PMO's LifecycleTailoringDecision. */
@Service
public class LifecycleTailoring {

  private final DecisionService decisionService;

  LifecycleTailoring(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  /**
   * Evaluates LifecycleTailoringDecision for a project type (null: EHR_REPLACEMENT). Whatever the
   * PMO's table says, the HIPAA gate and G6 are not part of it and R01-R03 always apply; a table
   * that does not give exactly one row per type, or names an unknown criterion, stops the start.
   */
  public Tailoring tailor(String projectType, boolean vendorSelectionRequired) {
    String type = projectType == null ? ImplementationLifecycleProcess.Values.DEFAULT_PROJECT_TYPE : projectType;
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(ImplementationLifecycleProcess.TAILORING_DECISION)
        .variables(Variables.createVariables().putValue(ImplementationLifecycleProcess.Variables.PROJECT_TYPE, type)
            .putValue(ImplementationLifecycleProcess.Variables.VENDOR_SELECTION_REQUIRED, vendorSelectionRequired))
        .evaluate();
    if (result.size() != 1) {
      throw new IllegalStateException(ImplementationLifecycleProcess.TAILORING_DECISION + " gave " + result.size()
          + " rows for project type " + type + "; exactly one is needed");
    }
    var row = result.get(0);
    return Tailoring.resolve(type, Boolean.TRUE.equals(row.getEntry("runP2")), !Boolean.FALSE.equals(row.getEntry("runP8")),
        Boolean.TRUE.equals(row.getEntry("clinicalContentValidation")), row.getEntry("readinessNotApplicable"),
        row.getEntry("readinessAdded"));
  }
}
