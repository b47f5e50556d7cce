package io.hitgov.system.deployment;

import io.hitgov.system.identity.GovernanceGroup;
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
 * Runs inside the engine's deploy command, before the BPMN, DMN and form deployers, so it sees
 * every deployment however it was made (start-up, {@code /engine-rest} create or redeploy, the
 * Java API). A resource that breaks the {@link ModelPolicy} refuses the whole deployment (400); a
 * valid deployment by a PMO member is stored for approval instead of being deployed.
 */
final class DeploymentGate implements Deployer {

  private static final int MAX_NAME = 255;
  private static final int MAX_TENANT = 64;

  private final ModelPolicy policy;
  private final java.util.function.Supplier<ModelGovernance> governance;
  private final boolean fourEyes;

  DeploymentGate(ModelPolicy policy, java.util.function.Supplier<ModelGovernance> governance, boolean fourEyes) {
    this.policy = policy;
    this.governance = governance;
    this.fourEyes = fourEyes;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // the cache re-reading a deployment that was accepted before
    }
    List<ModelPolicy.Violation> violations = new ArrayList<>();
    checkLength(violations, "deployment name", deployment.getName(), MAX_NAME);
    checkLength(violations, "deployment source", deployment.getSource(), MAX_NAME);
    checkLength(violations, "tenant id", deployment.getTenantId(), MAX_TENANT);
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      byte[] bytes = resource.getBytes() == null ? new byte[0] : resource.getBytes();
      resources.put(resource.getName(), bytes);
      violations.addAll(policy.check(resource.getName(), bytes));
    }
    if (!violations.isEmpty()) {
      throw new ModelPolicyException(violations);
    }
    Authentication user = Context.getCommandContext().getAuthentication();
    if (fourEyes && user != null && user.getUserId() != null && !ModelGovernance.approvedDeploymentInProgress()
        && (user.getGroupIds() == null || !user.getGroupIds().contains(GovernanceGroup.OPERATORS.id()))) {
      String id = governance.get().submit(deployment.getName(), deployment.getSource(), deployment.getTenantId(),
          user.getUserId(), resources);
      throw new DeploymentPendingException(id, user.getUserId());
    }
  }

  private static void checkLength(List<ModelPolicy.Violation> violations, String what, String value, int max) {
    if (value != null && value.length() > max) {
      violations.add(new ModelPolicy.Violation("deployment", null, what + " is " + value.length()
          + " characters long; at most " + max));
    }
  }
}
