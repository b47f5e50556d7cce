package io.hitgov.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portfolio behind the webapps' login: a user logged in to Tasklist, Cockpit or Admin reads
 * {@code /portfolio} and {@code GET /api/portfolio} (the page and the Cockpit dashboard plugin call
 * it) with the same session, as the same user with the same groups. Only reads: a request with any
 * other method, or to any other path, still needs HTTP Basic, so a session cookie can never make a
 * change (no CSRF surface). The session is Camunda's own, with its idle logoff.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  static final String ENGINE = "default";

  static boolean readsThePortfolio(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "GET".equals(request.getMethod()) && (path.equals("/portfolio") || path.startsWith("/portfolio/")
        || path.equals("/api/portfolio") || path.startsWith("/api/portfolio/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && request.getHeader("Authorization") == null && readsThePortfolio(request)
        && SecurityContextHolder.getContext().getAuthentication() == null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null
          && authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user) {
        List<SimpleGrantedAuthority> groups = user.getGroupIds() == null ? List.of()
            : user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
        SecurityContextHolder.setContext(context);
        try {
          chain.doFilter(request, response);
        } finally {
          SecurityContextHolder.clearContext();
        }
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
