package io.hitgov.risk;

import java.time.LocalDate;
import java.util.List;

/**
 * What the rest of governance needs to know of a project's risks, without the risk register's
 * tables: which open patient-safety risks hold a gate, and what makes the risk profile red at G6.
 */
public interface RiskProfile {

  /** The open risks that hold {@code gateId} of the project (patient-safety holds). */
  List<String> risksHolding(String projectId, String gateId);

  /** An open risk as the status report shows it (governance text only). */
  record OpenRisk(String riskId, String title, String category, String band, Integer score, String owner,
      String status, LocalDate raisedOn) {}

  /** The project's open risks, highest score first, at most {@code limit}. */
  List<OpenRisk> topRisks(String projectId, int limit);

  /** Why the project's risk profile is red (R17): open EXTREME risks, unmitigated patient-safety HIGH risks. */
  List<String> redFlags(String projectId);
}
