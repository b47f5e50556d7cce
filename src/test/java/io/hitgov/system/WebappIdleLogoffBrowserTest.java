package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HIPAA automatic logoff as a user sees it: Tasklist in a real browser, left alone for longer than
 * {@code hitgov.security.session-idle-timeout}, shows its login form at the next click. The idle
 * time here is longer than Tasklist's 10-second refresh tick, so the check also shows that Tasklist
 * calls nothing by itself (HITGov's filters have auto-refresh off). Skipped loudly without a
 * browser, like {@link TasklistBrowserTest}.
 */
@HitgovSpringTest(properties = "hitgov.security.session-idle-timeout=12s")
class WebappIdleLogoffBrowserTest {

  @LocalServerPort int port;

  @Test
  void tasklist_shows_its_login_again_after_the_idle_time() throws Exception {
    TasklistBrowserTest.requireBrowser();
    Process browser = new ProcessBuilder("node", "src/test/browser/tasklist-idle-logoff.mjs",
        "http://localhost:" + port, "26", "target/browser").redirectErrorStream(true).start();
    boolean finished = browser.waitFor(3, TimeUnit.MINUTES);
    String output = new String(browser.getInputStream().readAllBytes());
    if (!finished) {
      browser.destroyForcibly();
    }
    assertThat(finished).as("browser check finished in time: " + output).isTrue();
    assertThat(browser.exitValue()).as(output).isZero();
  }
}
