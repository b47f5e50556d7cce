package io.hitgov.notification.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs an engine read on HITGov's behalf, without the caller's authorizations: a report or a mail
 * shows the same open decisions whoever asks for it (the caller's right to the report is checked
 * by the report's own group rule before).
 */
@Component
public class Unrestricted {

  private final ProcessEngine engine;

  Unrestricted(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  public <T> T read(Supplier<T> query) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(query::get));
  }
}
