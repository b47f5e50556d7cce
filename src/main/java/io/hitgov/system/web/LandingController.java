package io.hitgov.system.web;

import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.Readable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * HITGov's landing page at {@code /}: for a signed-in user (webapp session or HTTP Basic) the way
 * to Tasklist, Cockpit, Admin, the portfolio and the API documentation, as far as the user's groups
 * may use them; for anyone else a redirect to the sign-in page {@code /login}, which signs in to the
 * webapps (one session for Tasklist, Cockpit and these pages). Pages only: the data is in {@code /api}.
 */
@RestController
class LandingController {

  static final String TASKLIST = "/camunda/app/tasklist/";
  static final String COCKPIT = "/camunda/app/cockpit/";
  static final String ADMIN = "/camunda/app/admin/";
  static final String PORTFOLIO = "/portfolio";
  static final String API_DOCS = "/api/docs";
  static final String OPENAPI = "/api/openapi";

  private final Readable readable;

  LandingController(Readable readable) {
    this.readable = readable;
  }

  private record Link(String href, String title, String text) {}

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> landing() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return ResponseEntity.status(302).header("Location", "/login").build();
    }
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    boolean operator = groups.contains(GovernanceGroup.OPERATORS.id());
    boolean pmo = groups.contains(GovernanceGroup.PMO.id());
    List<Link> links = new ArrayList<>();
    links.add(new Link(TASKLIST, "Tasklist", "Your tasks and your groups' tasks: approve, review, submit."));
    if (pmo || operator) {
      links.add(new Link(COCKPIT, "Cockpit", "Every governance process: where each project stands, incidents, "
          + "decisions."));
    }
    links.add(new Link(PORTFOLIO, "Portfolio", "All projects: phases, go-live dates, risks and changes."));
    links.add(new Link(API_DOCS, "API documentation", "HITGov's API (/api) for scripts and integrations, "
        + "with its OpenAPI document."));
    if (operator) {
      links.add(new Link(ADMIN, "Admin", "Users, groups and authorizations."));
    }
    String name = readable.user(authentication.getName());
    String groupNames = groups.stream().sorted().map(Readable::group).collect(Collectors.joining(", "));
    String cards = links.stream().map(l -> """
        <a class="card" href="%s"><strong>%s</strong><span>%s</span></a>"""
        .formatted(l.href(), HtmlUtils.htmlEscape(l.title()), HtmlUtils.htmlEscape(l.text())))
        .collect(Collectors.joining("\n"));
    return page("HITGov", """
        <p class="who">Signed in as <strong>%s</strong> · %s
          <button id="sign-out" type="button">Sign out</button></p>
        <nav class="cards">
        %s
        </nav>
        <p class="small">OpenAPI document: <a href="%s">%s</a></p>
        <script type="module" src="/hitgov/landing.js"></script>"""
        .formatted(HtmlUtils.htmlEscape(name), HtmlUtils.htmlEscape(groupNames.isEmpty() ? "no group" : groupNames),
            cards, OPENAPI, OPENAPI));
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> login() {
    return page("Sign in · HITGov", """
        <form id="sign-in" class="sign-in" autocomplete="on">
          <label>User <input name="username" autocomplete="username" required></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">Sign in</button>
          <p id="message" role="alert"></p>
        </form>
        <script type="module" src="/hitgov/login.js"></script>""");
  }

  /**
   * The webapps' CSRF token of this session, for the sign-in page and the sign-out button: Camunda
   * hands it out only as a header of a session's first webapp answer and as a cookie scoped to
   * {@code /camunda}, which a page outside the webapps cannot read. Same-origin reads only (no CORS).
   */
  @GetMapping(value = "/login/csrf", produces = MediaType.APPLICATION_JSON_VALUE)
  java.util.Map<String, String> csrf(jakarta.servlet.http.HttpServletRequest request) {
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    Object token = session == null ? null
        : session.getAttribute(org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    return java.util.Map.of("token", token instanceof String t ? t : "");
  }

  private static ResponseEntity<String> page(String title, String body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%s</title>
          <link rel="icon" href="/camunda/app/hitgov/hitgov-logo.svg">
          <link rel="stylesheet" href="/hitgov/hitgov.css">
        </head>
        <body>
          <header><img src="/camunda/app/hitgov/hitgov-logo.svg" alt="" width="32" height="32">
            <h1>HITGov</h1><span>Executable governance for health IT projects</span></header>
          <main>
        %s
          </main>
        </body>
        </html>
        """.formatted(HtmlUtils.htmlEscape(title), body));
  }
}
