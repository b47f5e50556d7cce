package io.hitgov.system.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authenticates HITGov's own endpoints ({@code /api/**}, Actuator) against Camunda's identity
 * service, so there is one user store: the users and groups an operator manages in Camunda Admin.
 * The granted authorities are the user's Camunda group ids. HITGov's login throttle
 * ({@link LoginThrottleFilter}) runs before it.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final TransactionTemplate oneTransaction;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, PlatformTransactionManager transactions) {
    this.identityService = identityService;
    // the password check and the group lookup share one transaction: one commit per request, not two
    this.oneTransaction = new TransactionTemplate(transactions);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return oneTransaction.execute(status -> authenticateInTransaction(authentication));
  }

  private Authentication authenticateInTransaction(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null
        || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<GrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(group.getId()))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
