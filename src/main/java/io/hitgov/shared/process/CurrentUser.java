package io.hitgov.shared.process;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
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

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
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

  public List<String> groups() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }
}
