package io.hitgov.system.deployment;

import io.hitgov.shared.web.StatusException;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A PMO's deployment was stored for a second approver instead of being deployed (four-eyes on
 * policy). Nothing is deployed; the engine's transaction rolls back, the pending deployment stays.
 */
public class DeploymentPendingException extends ProcessEngineException implements StatusException {

  private final String pendingId;

  DeploymentPendingException(String pendingId, String submitter) {
    super("Not deployed yet: submitted for approval as model deployment " + pendingId + ". A second PMO member "
        + "(not " + submitter + ") or an operator must approve it (POST /api/models/pending/" + pendingId
        + "/approve); until then the active models are unchanged.");
    this.pendingId = pendingId;
  }

  public String pendingId() {
    return pendingId;
  }

  /** 409, not a 2xx: Camunda Modeler shows the message of a non-2xx answer only (docs/model-policy.md). */
  @Override
  public int httpStatus() {
    return 409;
  }

  @Override
  public String errorType() {
    return "DeploymentPendingApproval";
  }
}
