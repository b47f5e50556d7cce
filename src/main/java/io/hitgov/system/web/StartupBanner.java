package io.hitgov.system.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started HITGov where to go, which user to try first (with the demo users and demo
 * data) and where the logins are documented.
 */
@Component
class StartupBanner {

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  /** The first user to try: the demo project's manager, who has its P0 deliverables waiting. */
  static String firstUser(Environment env) {
    boolean demoUsers = env.getProperty("hitgov.security.demo-users", Boolean.class, false);
    boolean demoData = env.getProperty("hitgov.demo.data", Boolean.class, false);
    if (!demoUsers) {
      return "Try first: sign in as the operator and create your users in Admin.";
    }
    // The documented default password is shown; a configured one never goes into the log.
    String password = "demo".equals(env.getProperty("hitgov.security.demo-password", "demo")) ? "demo"
        : "<hitgov.security.demo-password>";
    return demoData
        ? "Try first: maria / " + password + " (project manager of EHR-DEMO-001: its P0 deliverables wait in Tasklist),"
            + " then paula / " + password + " (PMO: Cockpit and the portfolio)."
        : "Try first: paula / " + password + " (PMO: start a project in Tasklist, watch it in Cockpit).";
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String base = "http://localhost:" + port;
    LOG.info("""

        HITGov is up.
          Start here {}/  (sign in, then Tasklist, Cockpit, portfolio, API docs)
          Tasklist   {}/camunda/app/tasklist/
          Cockpit    {}/camunda/app/cockpit/
          Admin      {}/camunda/app/admin/
          REST API   {}/engine-rest/  (HTTP Basic)
          HITGov API {}/api/          (HTTP Basic; documentation {}/api/docs)
          Health     {}/actuator/health
        {}
        Logins: README.md, section "Demo logins" (operator: HITGOV_ADMIN_USER / HITGOV_ADMIN_PASSWORD).""",
        base, base, base, base, base, base, base, base, firstUser(env));
  }
}
