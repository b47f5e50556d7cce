package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.AppRunner;
import io.hitgov.support.RawHttp;
import io.hitgov.system.security.HttpHardeningProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HTTP hardening of the {@code prod} profile: HSTS on every surface, a 15-minute idle logoff, and
 * no trusted proxy by default, so an {@code X-Forwarded-For} header changes nothing.
 */
class ProductionHttpTest {

  static final String OPERATOR = "ops";
  static final String PASSWORD = "Str0ng-and-l0ng-enough";

  @Test
  void prod_sends_hsts_everywhere_logs_off_after_15_minutes_and_ignores_x_forwarded_for() {
    try (ConfigurableApplicationContext context = AppRunner.start(ProductionProfileTest.PROD,
        "--camunda.bpm.admin-user.id=" + OPERATOR, "--camunda.bpm.admin-user.password=" + PASSWORD)) {
      RawHttp http = RawHttp.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));

      for (String path : List.of("/api/projects", "/engine-rest/task", "/actuator/health",
          "/camunda/app/tasklist/default/", "/camunda/api/engine/engine/default/task/count")) {
        for (RawHttp.Exchange response : List.of(http.get(path), http.get(path, RawHttp.basic(OPERATOR, PASSWORD)))) {
          assertThat(response.header("Strict-Transport-Security")).as(path + " " + response)
              .hasValueSatisfying(value -> assertThat(value).startsWith("max-age=31536000"));
          assertThat(response.header("X-Frame-Options")).as(path).contains("DENY");
        }
      }

      assertThat(context.getBean(HttpHardeningProperties.class).sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
      assertThat(context.getBean(HttpHardeningProperties.class).trustedProxies()).isEmpty();

      // Without a trusted proxy the header is the client's own claim: every request is 127.0.0.1.
      for (int i = 0; i < 6; i++) {
        assertThat(http.get("/api/projects", withForwardedFor("203.0.113.70", OPERATOR, "wrong")).status())
            .isEqualTo(401);
      }
      assertThat(http.get("/api/projects", withForwardedFor("198.51.100.70", OPERATOR, PASSWORD)).status())
          .as("a forged X-Forwarded-For does not make the failing client someone else").isEqualTo(429);
    }
  }

  static String[] withForwardedFor(String client, String user, String password) {
    String[] basic = RawHttp.basic(user, password);
    return new String[] {basic[0], basic[1], "X-Forwarded-For", client};
  }
}
