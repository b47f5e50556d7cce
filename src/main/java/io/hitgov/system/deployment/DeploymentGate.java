package io.hitgov.system.deployment;

import io.hitgov.shared.GovernanceGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Runs inside the engine's deploy command, so it sees every deployment however it was made
 * (start-up, {@code /engine-rest} create or redeploy, the Java API). {@link #policy()} runs before the
 * BPMN, DMN and form deployers: a resource that breaks the {@link ModelPolicy} refuses the whole
 * deployment (400) before the engine parses anything. {@link #fourEyes()} runs after them, so a
 * deployment the engine itself cannot parse is refused (400) rather than queued: a valid deployment
 * by a PMO member is then stored for approval and the engine's transaction rolls back; every other
 * deployment is recorded in the same audit ({@code model_deployment}) with its application version.
 */
final class DeploymentGate {

  /** The actor recorded for deployments made without a user: the start-up deployment of the shipped models. */
  static final String SYSTEM = "system";

  private final ModelPolicy policy;
  private final java.util.function.Supplier<ModelGovernance> governance;
  private final boolean fourEyes;

  DeploymentGate(ModelPolicy policy, java.util.function.Supplier<ModelGovernance> governance, boolean fourEyes) {
    this.policy = policy;
    this.governance = governance;
    this.fourEyes = fourEyes;
  }

  Deployer policy() {
    return this::checkPolicy;
  }

  Deployer fourEyes() {
    return this::holdForApproval;
  }

  private void checkPolicy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // the cache re-reading a deployment that was accepted before
    }
    // Deployment name, source and tenant lengths: InputLimits, which runs before this gate.
    List<ModelPolicy.Violation> violations = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      byte[] bytes = resource.getBytes() == null ? new byte[0] : resource.getBytes();
      violations.addAll(policy.check(resource.getName(), bytes));
    }
    if (!violations.isEmpty()) {
      throw new ModelPolicyException(violations);
    }
  }

  private void holdForApproval(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    Authentication user = Context.getCommandContext().getAuthentication();
    Map<String, byte[]> resources = new LinkedHashMap<>();
    deployment.getResources().values().forEach(resource -> resources.put(resource.getName(),
        resource.getBytes() == null ? new byte[0] : resource.getBytes()));
    if (ModelGovernance.approvedDeploymentInProgress()) {
      return; // recorded by ModelGovernance.approve with its submitter and approver
    }
    if (fourEyes && user != null && user.getUserId() != null
        && (user.getGroupIds() == null || !user.getGroupIds().contains(GovernanceGroup.OPERATORS.id()))) {
      String id = governance.get().submit(deployment.getName(), deployment.getSource(), deployment.getTenantId(),
          user.getUserId(), resources);
      throw new DeploymentPendingException(id, user.getUserId());
    }
    // No approval needed (the start-up deployment, an operator's): recorded in the same transaction,
    // with the application version that made it (the rolling-upgrade rule of ModelDeployer reads it).
    governance.get().recordDirect(deployment.getId(), deployment.getName(), deployment.getSource(),
        deployment.getTenantId(), user == null || user.getUserId() == null ? SYSTEM : user.getUserId(), resources);
  }
}
