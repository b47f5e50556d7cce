package io.hitgov.system.deployment;

import io.hitgov.shared.process.HistoryProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.scripting.ExecutableScript;
import org.camunda.bpm.engine.impl.scripting.ScriptFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes deployed models harmless (docs/model-policy.md), as an engine plugin so that every way
 * into the engine is covered:
 * <ul>
 *   <li>{@link DeploymentGate} checks each new deployment against the {@link ModelPolicy} and holds
 *       a PMO's deployment for a second approver;
 *   <li>{@link GuardedExpressionManager} evaluates expressions without reflection or engine access;
 *   <li>no script is ever compiled or run, in any language;
 *   <li>{@code Object} variables deserialize only to allow-listed types;
 *   <li>a BPMN error nobody catches fails the command instead of silently ending the task.
 * </ul>
 */
@Component
public class ModelGuard extends AbstractProcessEnginePlugin {

  /** Calls no approved model may drop from the lifecycle: the HIPAA audit gate and gate G6. */
  static final Map<String, List<String>> REQUIRED_CALLS = Map.of(
      "ImplementationLifecycleProcess", List.of("HipaaAuditGateProcess", "StageGateReviewProcess:G6"));

  /** No path of the lifecycle reaches the go-live phase (P7) without passing G6 (which needs a HIPAA PASS). */
  static final Map<String, Map<String, List<String>>> REQUIRED_BEFORE = Map.of(
      "ImplementationLifecycleProcess", Map.of("LifecycleP7CutoverGoLiveProcess", List.of("StageGateReviewProcess:G6")));

  /**
   * What tailoring by project type may decide: the phases P2 and P8 with their gates, clinical-content
   * validation and readiness criteria; never the HIPAA gate, G6 or the criteria R01-R03.
   */
  static final ModelPolicy.Tailoring TAILORING = new ModelPolicy.Tailoring("LifecycleTailoringDecision",
      Set.of("runP2", "runP8", "clinicalContentValidation", "readinessNotApplicable", "readinessAdded"),
      "readinessNotApplicable", Set.of("R01", "R02", "R03"));

  private final CallableBeans beans;
  private final ModelProperties properties;
  private final ObjectProvider<ModelGovernance> governance;
  private final HistoryProperties history;

  public ModelGuard(CallableBeans beans, ModelProperties properties, ObjectProvider<ModelGovernance> governance,
      HistoryProperties history) {
    this.beans = beans;
    this.history = history;
    this.properties = properties;
    this.governance = governance;
  }

  ModelPolicy policy() {
    return new ModelPolicy(new ModelPolicy.Rules(properties.maxResourceBytes(), properties.minHistoryTimeToLive(),
        Set.copyOf(properties.eventStartedProcesses()), Set.copyOf(properties.externalTopics()), REQUIRED_CALLS, REQUIRED_BEFORE, TAILORING,
        Set.copyOf(history.processesOutOfHistory())), beans);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setBeans(beans.asMap());
    configuration.setExpressionManager(new GuardedExpressionManager(beans));
    configuration.setScriptFactory(new NoScripts());
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setEnableExceptionsAfterUnhandledBpmnError(true);
    configuration.setEnableExpressionsInAdhocQueries(false);
    DeploymentGate gate = new DeploymentGate(policy(), governance::getObject, properties.fourEyes());
    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(gate.policy());
    configuration.setCustomPreDeployers(preDeployers);
    List<Deployer> postDeployers = configuration.getCustomPostDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
    postDeployers.add(gate.fourEyes());
    configuration.setCustomPostDeployers(postDeployers);
  }

  /** Refuses every script, whatever its language or source, when the engine would compile it. */
  static final class NoScripts extends ScriptFactory {
    private static ModelPolicyException refused(String language) {
      return new ModelPolicyException("Scripts are disabled: a model may not run code (language '" + language + "')");
    }

    @Override
    public ExecutableScript createScriptFromResource(String language, String resource) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromResource(String language, Expression resourceExpression) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromSource(String language, String source) {
      throw refused(language);
    }

    @Override
    public ExecutableScript createScriptFromSource(String language, Expression sourceExpression) {
      throw refused(language);
    }
  }
}
