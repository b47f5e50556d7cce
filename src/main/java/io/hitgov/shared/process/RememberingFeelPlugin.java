package io.hitgov.shared.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Gives the process engine's DMN engine (business rule tasks, {@code DecisionService}) the
 * {@link RememberingFeelEngine}: Camunda's FEEL, remembering the answers that can depend only on
 * the values of the variables an expression names. Risk scoring, change routing and the readiness checks evaluate their tables with the
 * same few values over and over. {@code hitgov.engine.feel-memory=false} turns it off (the
 * benchmark's untuned target measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.feel-memory", havingValue = "true", matchIfMissing = true)
public class RememberingFeelPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDmnEngineConfiguration() == null) {
      configuration.setDmnEngineConfiguration(RememberingFeelEngine.dmnEngineConfiguration());
    }
  }
}
