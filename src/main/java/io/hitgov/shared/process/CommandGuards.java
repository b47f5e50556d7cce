package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Installs HITGov's command guards among the engine's custom interceptors that run inside the
 * transaction of every command, after the ones already there (each plugin adds its own).
 */
final class CommandGuards {

  private CommandGuards() {}

  static void install(ProcessEngineConfigurationImpl configuration, CommandInterceptor... guards) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.addAll(List.of(guards));
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }
}
