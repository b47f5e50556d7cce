package io.hitgov.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.AppRunner;
import io.hitgov.support.PostgresDatabase;
import io.hitgov.support.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The login throttle on PostgreSQL with two nodes against one database, as in a cluster: the
 * failures a client collects on one node refuse it on the other, and the real user from another
 * address logs in on both.
 */
class PostgresLoginThrottleTest {

  static final String ATTACKER = "203.0.113.60";
  static final String REAL_USER = "198.51.100.60";

  @Test
  void failures_counted_on_one_node_refuse_the_client_on_the_other() {
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      String[] args = Stream.concat(Stream.of(database.args()), Stream.of("--spring.datasource.url=" + database.url(),
          "--hitgov.security.trusted-proxies=127.0.0.1,::1", "--hitgov.security.login-throttle.base-delay=10m"))
          .toArray(String[]::new);
      try (ConfigurableApplicationContext first = AppRunner.start("test,postgres", args);
          ConfigurableApplicationContext second = AppRunner.start("test,postgres",
              Stream.concat(Stream.of(args), Stream.of("--camunda.bpm.process-engine-name=second"))
                  .toArray(String[]::new))) {
        RawHttp node1 = RawHttp.on(port(first));
        RawHttp node2 = RawHttp.on(port(second));
        for (int i = 0; i < 6; i++) {
          assertThat(node1.get("/api/projects", forwardedFor(ATTACKER, "tina", "wrong")).status()).isEqualTo(401);
        }
        assertThat(node2.get("/api/projects", forwardedFor(ATTACKER, "tina", "demo")).status()).isEqualTo(429);
        assertThat(node2.get("/api/projects", forwardedFor(REAL_USER, "tina", "demo")).status()).isEqualTo(200);
        assertThat(node1.get("/engine-rest/task", forwardedFor(REAL_USER, "tina", "demo")).status()).isEqualTo(200);

        for (int i = 0; i < 6; i++) {
          node2.get("/api/projects", forwardedFor(ATTACKER, "tina", "wrong"));
        }
        assertThat(first.getBean(JdbcClient.class)
            .sql("select count(*) from security_event where event_type = 'LOGIN_FAILURE_ALERT' and account = 'tina'")
            .query(Integer.class).single()).as("one alert for the cluster").isEqualTo(1);
      }
    }
  }

  static String[] forwardedFor(String client, String user, String password) {
    String[] basic = RawHttp.basic(user, password);
    return new String[] {basic[0], basic[1], "X-Forwarded-For", client};
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
