package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.RawHttp;
import io.hitgov.support.RawHttp.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * HTTP hardening (docs/security-http.md) on the default profile: security headers on every
 * surface, no caching of data, stateless {@code /api} and {@code /engine-rest}, 401 for a malformed
 * {@code Authorization} header, webapp logoff after the idle time, and the login throttle that
 * refuses the failing client but never the real user coming from elsewhere. The test runner is
 * the trusted proxy here, so {@code X-Forwarded-For} names the client.
 */
@AutoConfigureObservability(tracing = false)
@HitgovSpringTest(properties = {
    "hitgov.security.trusted-proxies=127.0.0.1, ::1",
    "hitgov.security.session-idle-timeout=2s",
    "hitgov.security.login-throttle.free-failures=5",
    "hitgov.security.login-throttle.base-delay=10m",
    "hitgov.security.login-throttle.alert-threshold=10"})
class HttpHardeningTest {

  static final List<String> DATA_PATHS = List.of("/api/projects", "/engine-rest/task", "/actuator/health",
      "/camunda/api/engine/engine/default/task/count");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  RawHttp http() {
    return RawHttp.on(port);
  }

  static String[] from(String client, String... headers) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "X-Forwarded-For";
    all[headers.length + 1] = client;
    return all;
  }

  // ---- headers ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/api/projects", "/engine-rest/task", "/actuator/health",
      "/camunda/api/engine/engine/default/task/count", "/camunda/app/tasklist/default/",
      "/camunda/app/tasklist/styles/user-styles.css", "/api/no-such-thing"})
  void every_surface_sends_the_security_headers_with_and_without_credentials(String path) {
    for (Exchange response : List.of(http().get(path), http().get(path, RawHttp.basic("maria", "demo")))) {
      assertThat(response.header("X-Content-Type-Options")).as(response.toString()).contains("nosniff");
      assertThat(response.header("X-Frame-Options")).as(response.toString()).contains("DENY");
      assertThat(response.header("Referrer-Policy")).as(response.toString()).contains("same-origin");
      assertThat(response.header("Permissions-Policy")).as(response.toString()).hasValueSatisfying(
          policy -> assertThat(policy).contains("camera=()").contains("geolocation=()"));
      assertThat(response.header("Content-Security-Policy")).as(response.toString()).hasValueSatisfying(
          policy -> assertThat(policy).contains("frame-ancestors 'none'"));
      assertThat(response.header("Strict-Transport-Security")).as("HSTS is for prod only").isEmpty();
      assertThat(response.all("X-Content-Type-Options")).hasSize(1);
    }
  }

  @Test
  void data_responses_are_not_stored_and_static_assets_may_be_cached() {
    for (String path : DATA_PATHS) {
      for (Exchange response : List.of(http().get(path), http().get(path, RawHttp.basic("maria", "demo")))) {
        assertThat(response.all("Cache-Control")).as(path + " " + response).containsExactly("no-store");
      }
    }
    Exchange asset = http().get("/camunda/app/tasklist/styles/user-styles.css");
    assertThat(asset.status()).isEqualTo(200);
    assertThat(String.join(",", asset.all("Cache-Control"))).doesNotContain("no-store");
  }

  @Test
  void the_api_and_engine_rest_keep_no_session() {
    for (String path : List.of("/api/projects", "/engine-rest/task", "/actuator/metrics")) {
      Exchange response = http().get(path, RawHttp.basic("admin", "demo"));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.all("Set-Cookie")).as(path).isEmpty();
    }
  }

  // ---- malformed Authorization -----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Basic %%%", "Basic bm9jb2xvbg==", "Bearer x", "Basic ", "Basic Om5vdXNlcg==", "Digest a=b"})
  void a_malformed_authorization_header_gets_401_with_json_not_an_html_error_page(String authorization) {
    for (String path : List.of("/engine-rest/task", "/api/projects")) {
      Exchange response = http().get(path, "Authorization", authorization, "Accept", "text/html");
      assertThat(response.status()).as(path + " " + response).isEqualTo(401);
      assertThat(response.header("Content-Type").orElse("application/json")).as(path).contains("json");
      assertThat(response.body()).doesNotContainIgnoringCase("<html");
      assertThat(response.header("WWW-Authenticate")).as(path).hasValueSatisfying(
          challenge -> assertThat(challenge).startsWith("Basic realm="));
    }
  }

  // ---- idle logoff -----------------------------------------------------------------------------

  @Test
  void a_webapp_session_ends_after_the_idle_time_and_its_api_calls_get_401() throws InterruptedException {
    RawHttp browser = http();
    Exchange login = browser.webappLogin("maria", "demo");
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(browser.get("/camunda/api/engine/engine/default/task/count").status()).isEqualTo(200);

    Thread.sleep(3_500); // longer than hitgov.security.session-idle-timeout=2s, without a request

    Exchange afterIdle = browser.get("/camunda/api/engine/engine/default/task/count");
    assertThat(afterIdle.status()).as("the webapps show their login on this 401: " + afterIdle).isEqualTo(401);
  }

  @Autowired org.camunda.bpm.engine.FilterService filterService;
  @Autowired io.hitgov.system.identity.IdentitySetup identitySetup;

  @Test
  void tasklist_filters_do_not_auto_refresh_which_would_keep_an_idle_session_alive() {
    var filter = filterService.createFilterQuery()
        .filterName(io.hitgov.system.identity.IdentitySetup.FILTER_MY_WORK).singleResult();
    assertThat(filter.getProperties()).containsEntry("refresh", false);

    // A database set up before: its filter had auto-refresh on; the next start switches it off.
    Map<String, Object> before = new java.util.HashMap<>(filter.getProperties());
    before.put("refresh", true);
    filterService.saveFilter(filter.setProperties(before));
    identitySetup.afterPropertiesSet();
    assertThat(filterService.getFilter(filter.getId()).getProperties()).containsEntry("refresh", false);
  }

  // ---- login throttle --------------------------------------------------------------------------

  /** One login attempt through a surface, from a client address (as the load balancer reports it). */
  Exchange login(String surface, String user, String password, String client) {
    return switch (surface) {
      case "engine-rest" -> http().get("/engine-rest/task", from(client, RawHttp.basic(user, password)));
      case "api" -> http().get("/api/projects", from(client, RawHttp.basic(user, password)));
      case "webapp" -> http().webappLogin(user, password, from(client));
      default -> throw new IllegalArgumentException(surface);
    };
  }

  @Test
  void twenty_wrong_passwords_from_one_client_refuse_that_client_but_not_the_real_user_elsewhere() {
    String attacker = "203.0.113.7";
    String realUser = "198.51.100.20";
    List<Integer> statuses = new ArrayList<>();
    Exchange refused = null;
    for (int i = 0; i < 20; i++) {
      Exchange response = login("engine-rest", "tina", "guess-" + i, attacker);
      statuses.add(response.status());
      if (response.status() == 429) {
        refused = response;
      }
    }
    assertThat(statuses.subList(0, 6)).as("five free failures, the sixth starts the refusal").containsOnly(401);
    assertThat(statuses.subList(6, 20)).containsOnly(429);
    assertThat(refused.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds))
        .isPositive());
    assertThat(refused.body()).contains("Too many failed logins");

    assertThat(login("engine-rest", "tina", "demo", attacker).status())
        .as("the failing client is refused even with the right password").isEqualTo(429);
    for (String surface : List.of("engine-rest", "api", "webapp")) {
      Exchange real = login(surface, "tina", "demo", realUser);
      assertThat(real.status()).as("the real user from another address, " + surface + ": " + real).isEqualTo(200);
    }
    assertThat(http().get("/engine-rest/task", RawHttp.basic("tina", "demo")).status())
        .as("and directly, without a proxy").isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine-rest", "api", "webapp"})
  void every_surface_refuses_the_failing_client_with_429(String surface) {
    String user = Map.of("engine-rest", "farah", "api", "felix", "webapp", "ivan").get(surface);
    String client = Map.of("engine-rest", "203.0.113.21", "api", "203.0.113.22", "webapp", "203.0.113.23").get(surface);
    for (int i = 0; i < 6; i++) {
      assertThat(login(surface, user, "wrong", client).status()).isEqualTo(401);
    }
    Exchange refused = login(surface, user, "demo", client);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isPresent();
    assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
    assertThat(login(surface, user, "demo", "198.51.100.21").status()).isEqualTo(200);
  }

  @Test
  void a_username_in_the_login_query_is_no_decoy_the_body_names_the_account_counted() {
    String client = "203.0.113.24";
    for (int i = 0; i < 6; i++) {
      Exchange failed = http().webappLogin("?username=decoy" + i, "application/x-www-form-urlencoded",
          "username=tom&password=wrong", from(client));
      assertThat(failed.status()).as(failed.toString()).isEqualTo(401);
    }
    Exchange refused = http().webappLogin("?username=decoy9", "application/x-www-form-urlencoded",
        "username=tom&password=demo", from(client));
    assertThat(refused.status()).as("the account Camunda checks is the one counted: " + refused).isEqualTo(429);
  }

  /** The error page of a refused multipart request re-read its parts under another servlet: a 500. */
  @Test
  void a_multipart_request_the_webapps_refuse_gets_the_refusal_not_a_500() {
    String body = "--bb\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nx\r\n--bb--\r\n";
    for (String path : List.of("/camunda/api/engine/engine/default/deployment/create",
        "/camunda/api/engine/engine/default/task/no-such-task/attachment/create")) {
      io.hitgov.support.Http.Response refused = io.hitgov.support.Http.on(port)
          .post(path, "multipart/form-data; boundary=bb", body);
      assertThat(refused.status()).as(path + ": " + refused).isEqualTo(401);
    }
  }

  @Test
  void a_login_that_is_no_form_gets_415_not_a_500() {
    for (String type : List.of("application/json", "text/plain")) {
      Exchange login = http().webappLogin("", type, "{\"username\":\"tom\",\"password\":\"demo\"}",
          from("203.0.113.25"));
      assertThat(login.status()).as(type + ": " + login).isEqualTo(415);
      assertThat(login.body()).contains("application/x-www-form-urlencoded");
    }
  }

  @Test
  void a_successful_login_forgets_the_clients_failures_for_that_account() {
    String client = "203.0.113.30";
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 5; i++) {
        assertThat(login("api", "tom", "typo", client).status()).isEqualTo(401);
      }
      assertThat(login("api", "tom", "demo", client).status()).isEqualTo(200);
    }
  }

  @Test
  void a_client_cannot_escape_by_prepending_addresses_to_x_forwarded_for() {
    String client = "203.0.113.40";
    for (int i = 0; i < 6; i++) {
      assertThat(login("api", "frank", "wrong", client).status()).isEqualTo(401);
    }
    // The load balancer appends the address it saw; what the client wrote stands to the left of it.
    assertThat(login("api", "frank", "demo", "198.51.100.99, " + client).status()).isEqualTo(429);
    assertThat(login("api", "frank", "demo", "198.51.100.99").status()).isEqualTo(200);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void failures_past_the_alert_threshold_are_audited_counted_and_alerted_once(CapturedOutput output) {
    String client = "203.0.113.50";
    for (int i = 0; i < 12; i++) {
      login("webapp", "colin", "wrong-" + i, client);
    }
    List<Map<String, Object>> events = jdbc.sql("select event_type, client_address, account, surface, failures "
        + "from security_event where account = 'colin'").query().listOfRows();
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).containsEntry("EVENT_TYPE", "LOGIN_FAILURE_ALERT")
        .containsEntry("CLIENT_ADDRESS", client).containsEntry("SURFACE", "webapp").containsEntry("FAILURES", 10);

    assertThat(output.getAll()).containsOnlyOnce("HITGOV_SECURITY_ALERT login-failures: client " + client
        + " account 'colin' via webapp");

    String metrics = http().get("/actuator/prometheus", RawHttp.basic("admin", "demo")).body();
    assertThat(metrics).containsPattern("hitgov_login_alerts_total\\{[^}]*surface=\"webapp\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("hitgov_login_failures_total\\{[^}]*surface=\"webapp\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("hitgov_login_throttled_total\\{[^}]*surface=\"webapp\"[^}]*} [1-9]");
  }

  @Test
  void camundas_own_lockout_is_off_so_a_wrong_password_does_not_delay_the_right_one() {
    assertThat(http().get("/engine-rest/task", RawHttp.basic("carla", "wrong")).status()).isEqualTo(401);
    assertThat(http().get("/engine-rest/task", RawHttp.basic("carla", "demo")).status()).isEqualTo(200);
  }
}
