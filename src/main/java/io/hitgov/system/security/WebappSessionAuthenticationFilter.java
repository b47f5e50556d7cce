package io.hitgov.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One login for the browser: a user signed in to Camunda's webapps (or on HITGov's sign-in page,
 * which uses the webapps' login) reaches HITGov's own pages (the landing page, the API
 * documentation) with that session, as the same user and groups. Only for reading requests
 * (GET, HEAD): anything that changes state still needs HTTP Basic, so the session cookie cannot
 * be used to forge a change (on top of its SameSite=Strict). No session, no authentication: HTTP
 * Basic applies as before.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  static final String ENGINE = "default";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    UserAuthentication user = sessionUser(request);
    if (user != null && SecurityContextHolder.getContext().getAuthentication() == null
        && request.getHeader("Authorization") == null
        && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
      var authentication = new UsernamePasswordAuthenticationToken(user.getName(), null,
          user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList());
      SecurityContextHolder.getContext().setAuthentication(authentication);
    }
    chain.doFilter(request, response);
  }

  /** The user signed in to the webapps in this request's session, if any. */
  static UserAuthentication sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user ? user : null;
  }
}
