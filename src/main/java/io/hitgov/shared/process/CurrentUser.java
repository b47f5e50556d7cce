package io.hitgov.shared.process;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user the engine is acting for right now (set by the REST API's authentication filter, the
 * webapps' session, or HITGov's API). Attribution and four-eyes checks use this, never a variable
 * the user could set.
 */
@Component
public class CurrentUser {

  private final IdentityService identityService;
  private final ProcessEngine engine;

  public CurrentUser(IdentityService identityService, ProcessEngine engine) {
    this.identityService = identityService;
    this.engine = engine;
  }

  public Optional<String> id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return Optional.ofNullable(authentication).map(Authentication::getUserId);
  }

  /** The acting user, or a 403 naming what needs one. */
  public String required(String action) {
    return id().orElseThrow(() -> new org.camunda.bpm.engine.AuthorizationException(
        action + " needs an authenticated user"));
  }

  /**
   * Runs {@code action} in one engine transaction without the engine's authorization checks, the
   * user staying authenticated (so delegates still attribute the work to them): for the few engine
   * calls HITGov makes on a user's behalf after its own check of that user's right (e.g. a go-live
   * move by the PMO, who has no rights on the lifecycle's instance). The one wrapped use of the
   * engine's command API outside the engine plugins (docs/adr/0004-feature-packages.md).
   */
  public void withoutEngineChecks(Runnable action) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          action.run();
          return null;
        }));
  }

  public List<String> groups() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }
}
