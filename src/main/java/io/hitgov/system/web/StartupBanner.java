package io.hitgov.system.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started HITGov where to go and where the logins are documented. */
@Component
class StartupBanner {

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String base = "http://localhost:" + port;
    LOG.info("""

        HITGov is up.
          Tasklist   {}/camunda/app/tasklist/
          Cockpit    {}/camunda/app/cockpit/
          Admin      {}/camunda/app/admin/
          REST API   {}/engine-rest/  (HTTP Basic)
          HITGov API {}/api/          (HTTP Basic)
          Health     {}/actuator/health
        Logins: README.md, section "Demo logins" (operator: HITGOV_ADMIN_USER / HITGOV_ADMIN_PASSWORD).""",
        base, base, base, base, base, base);
  }
}
