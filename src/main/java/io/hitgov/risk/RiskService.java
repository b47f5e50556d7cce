package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.RaisedRisk;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.project.ProjectDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * The risk register's entries: raising a risk and naming its owner, each written to the immutable
 * history. Scoring ({@link RiskScoring}), the ladder ({@link RiskLadder}), patient safety
 * ({@link RiskPatientSafety}), the response ({@link RiskResponse}), gate holds ({@link RiskGateHolds})
 * and reads for neighbours ({@link RiskProfileReader}, {@link RiskPortfolio}) have their own classes.
 */
@Service
public class RiskService {

  private final ProjectDirectory projects;
  private final RiskRepository repository;
  private final RiskHistory history;
  private final IdentityService identityService;
  private final IdCounter idCounter;

  RiskService(RiskRepository repository, RiskHistory history, IdentityService identityService, IdCounter idCounter,
      ProjectDirectory projects) {
    this.repository = repository;
    this.history = history;
    this.projects = projects;
    this.identityService = identityService;
    this.idCounter = idCounter;
  }

  RaisedRisk register(String projectId, String title, String category, int likelihood, int impact, String owner,
      boolean healthItSafetyEvent, String proximityDate, String raisedBy, String processInstanceId) {
    if (!projects.isRegistered(projectId)) {
      throw new InvalidVariablesException("projectId '" + projectId + "' is not a known project");
    }
    if (owner != null) {
      requireUser(owner, "owner");
    }
    String riskId = "RISK-" + projectId + "-" + idCounter.nextAtOnce("RISK/" + projectId);
    RaisedRisk risk = new RaisedRisk(riskId, projectId, title.strip(), category, likelihood, impact, owner, raisedBy,
        EngineClock.now(), "OPEN", EscalationLevel.PROJECT_MANAGER.name(), "PATIENT_SAFETY".equals(category),
        healthItSafetyEvent, IsoDates.parseOptional("proximityDate", proximityDate), processInstanceId);
    repository.insert(risk);
    history.note(riskId, raisedBy, "RAISED", "category " + category + ", likelihood " + likelihood
        + ", impact " + impact + (owner == null ? "" : ", owner " + owner));
    return risk;
  }

  void assignOwner(String riskId, String owner, String actor) {
    if (owner == null || owner.isBlank()) {
      throw new InvalidVariablesException("owner is required");
    }
    requireUser(owner, "owner");
    repository.updateOwner(riskId, owner);
    history.note(riskId, actor, "OWNER_ASSIGNED", "owner " + owner);
  }

  private void requireUser(String userId, String field) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      throw new InvalidVariablesException(field + " '" + userId + "' is not a known user");
    }
  }
}
