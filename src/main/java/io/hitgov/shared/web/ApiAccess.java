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

  /**
   * {@link #requireAnyGroup}, and a project manager acts on the projects they manage: 403 when
   * {@code projectManagers} is the user's only group among {@code groups} and {@code manager} (the
   * project's) is someone else. The other groups (PMO, integration, operators) act on every project;
   * an unknown project ({@code manager} empty) is left to the caller's 404.
   */
  public static void requireOwnProject(Authentication user, Set<String> groups, String action, String projectId,
      java.util.Optional<String> manager) {
    requireAnyGroup(user, groups, action);
    Set<String> held = new java.util.HashSet<>(groups);
    held.retainAll(user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    if (held.equals(Set.of(io.hitgov.shared.GovernanceGroup.PROJECT_MANAGERS.id())) && manager.isPresent()
        && !manager.get().equals(user.getName())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "User '" + user.getName() + "' may not " + action
          + " of project " + projectId + ": a project manager acts on the projects they manage, and "
          + manager.get() + " manages " + projectId);
    }
  }

  /** 403 naming the action and the groups allowed, unless the user is in one of {@code groups}. */
  public static void requireAnyGroup(Authentication user, Set<String> groups, String action) {
    boolean allowed = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(groups::contains);
    if (!allowed) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "User '" + user.getName() + "' may not " + action + "; allowed groups: " + groups);
    }
  }
}
