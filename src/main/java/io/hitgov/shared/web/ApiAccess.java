package io.hitgov.shared.web;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ResponseStatusException;

/** Group checks for HITGov's own API: the same group ids as Camunda's authorizations. */
public final class ApiAccess {

  /** Everyone in a governance group, and operators: may read projects, gates, risks. */
  public static final Set<String> GOVERNANCE_READERS;

  static {
    Set<String> readers = new java.util.HashSet<>();
    io.hitgov.shared.GovernanceGroup.approverGroups().forEach(g -> readers.add(g.id()));
    readers.add(io.hitgov.shared.GovernanceGroup.OPERATORS.id());
    GOVERNANCE_READERS = Set.copyOf(readers);
  }

  private ApiAccess() {}

  /** 403 naming the action and the groups allowed, unless the user is in one of {@code groups}. */
  public static void requireAnyGroup(Authentication user, Set<String> groups, String action) {
    boolean allowed = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(groups::contains);
    if (!allowed) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "User '" + user.getName() + "' may not " + action + "; allowed groups: " + groups);
    }
  }
}
