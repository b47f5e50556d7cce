package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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

  /**
   * The signed-in user whose command Camunda checks, or null: the engine's own calls (jobs, HITGov's
   * services) run without a user, and a command may run with the checks off.
   */
  static Authentication signedIn(CommandContext context) {
    Authentication authentication = context == null ? null : context.getAuthentication();
    return authentication == null || authentication.getUserId() == null || !context.isAuthorizationCheckEnabled()
        || !context.getAuthorizationManager().isAuthorizationEnabled() ? null : authentication;
  }

  /** {@link #signedIn}, unless an operator ({@code camunda-admin}): the user a guard restricts, or null. */
  static Authentication restricted(CommandContext context) {
    Authentication user = signedIn(context);
    return user == null || context.getAuthorizationManager().isCamundaAdmin(user) ? null : user;
  }
}
