package io.hitgov.support;

import java.util.HashMap;
import java.util.Map;

/** Start and assessment variables of a typical change request, for tests outside the change feature. */
public final class Changes {

  private Changes() {}

  /** A NORMAL change of 40,000 USD with interface impact (routed to pmo/finance, integration, the CAB). */
  public static Map<String, Object> interfaceChange(String projectId) {
    Map<String, Object> change = new HashMap<>();
    change.put("projectId", projectId);
    change.put("title", "Add microbiology results interface");
    change.put("changeType", "NORMAL");
    change.put("costImpact", 40_000L);
    change.put("scheduleImpactDays", 0);
    change.put("movesGoLive", false);
    change.put("clinicalContentImpact", false);
    change.put("patientSafetyImpact", false);
    change.put("phiImpact", false);
    change.put("interfaceImpact", true);
    return change;
  }

  /** An impact assessment without scope change, funding or fiscal effects, at the given change risk. */
  public static Map<String, Object> assessment(String changeRisk) {
    Map<String, Object> assessment = new HashMap<>();
    assessment.put("criticalPath", false);
    assessment.put("movesGate", false);
    assessment.put("scopeChange", "NONE");
    assessment.put("newFunding", false);
    assessment.put("crossesFiscalYear", false);
    assessment.put("changesCapitalOperatingSplit", false);
    assessment.put("changeRisk", changeRisk);
    assessment.put("implementationPlan", "Deploy in the Tuesday window");
    assessment.put("backoutPlan", "Restore the previous interface route");
    return assessment;
  }
}
