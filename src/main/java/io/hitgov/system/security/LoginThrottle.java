package io.hitgov.system.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * HITGov's login throttle, shared by every node through the table {@code login_throttle}
 * ({@code V7__login_throttle.sql}). It slows down the <em>client</em> that fails, never the account:
 * failures are counted per client address and account, and per client address over all accounts;
 * past the free failures that client is refused for a doubling period, while the same user logging
 * in from another address is not affected. Camunda's own per-account lockout is switched off
 * ({@code login-max-attempts}, {@code login-delay-*} in {@code application.yaml}) because it lets
 * anyone lock a user out. Failures per account over all clients are counted for the alert only.
 *
 * <p>Past {@code alert-threshold} failures of one counter, once per counter and window across the
 * cluster: a WARN line with the marker {@value #ALERT_MARKER}, the metric
 * {@code hitgov_login_alerts_total} and a {@code security_event} row.
 */
@Component
class LoginThrottle {

  static final String ALERT_MARKER = "HITGOV_SECURITY_ALERT";
  static final Marker ALERT = MarkerFactory.getMarker(ALERT_MARKER);
  static final String ALERT_EVENT = "LOGIN_FAILURE_ALERT";
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  /** The surface a login came through; the tag of the metrics. */
  enum Surface {
    ENGINE_REST("engine-rest"), API("api"), WEBAPP("webapp");

    final String tag;

    Surface(String tag) {
      this.tag = tag;
    }
  }

  /** What a counter counts. CLIENT_ACCOUNT and CLIENT refuse the client; ACCOUNT only alerts. */
  enum Scope { CLIENT_ACCOUNT, CLIENT, ACCOUNT }

  private final JdbcClient jdbc;
  private final HttpHardeningProperties.LoginThrottle settings;
  private final MeterRegistry meters;
  private final AtomicLong lastPurge = new AtomicLong();

  LoginThrottle(JdbcClient jdbc, HttpHardeningProperties properties, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.settings = properties.loginThrottle();
    this.meters = meters;
  }

  boolean enabled() {
    return settings.enabled();
  }

  /**
   * Where {@code client} stands for logging in as {@code account}.
   *
   * @param refusal how long the client is still refused; empty: go ahead
   * @param failuresOnRecord the client has failures on record for this account (a success clears them)
   */
  record Standing(Optional<Duration> refusal, boolean failuresOnRecord) {}

  Standing standing(String client, String account) {
    Instant now = Instant.now();
    String clientAccount = key(Scope.CLIENT_ACCOUNT, client, account);
    boolean[] onRecord = {false};
    Optional<Duration> refusal = jdbc.sql("select throttle_key, blocked_until from login_throttle where throttle_key in (?, ?)")
        .params(clientAccount, key(Scope.CLIENT, client, null))
        .query((row, n) -> {
          onRecord[0] |= clientAccount.equals(row.getString("throttle_key"));
          OffsetDateTime until = row.getObject("blocked_until", OffsetDateTime.class);
          return until == null ? Duration.ZERO : Duration.between(now, until.toInstant());
        })
        .list().stream()
        .filter(remaining -> !remaining.isNegative() && !remaining.isZero())
        .max(Duration::compareTo);
    return new Standing(refusal, onRecord[0]);
  }

  /** A wrong password, or an attempt while refused: counts for the client and may refuse it longer. */
  void failed(String client, String account, Surface surface, boolean whileRefused) {
    counter("hitgov.login.failures", "Failed logins (wrong password, or an attempt while refused)", surface).increment();
    if (whileRefused) {
      counter("hitgov.login.throttled", "Logins refused with 429 because the client failed too often", surface)
          .increment();
    }
    Instant now = Instant.now();
    purgeOccasionally(now);
    List<String> alerts = new ArrayList<>();
    int clientAccountFailures = 0;
    for (Scope scope : Scope.values()) {
      String key = key(scope, client, account);
      int failures = increment(key, scope, client, account, now);
      if (scope == Scope.CLIENT_ACCOUNT) {
        clientAccountFailures = failures;
      }
      int free = switch (scope) {
        case CLIENT_ACCOUNT -> settings.freeFailures();
        case CLIENT -> settings.clientFreeFailures();
        case ACCOUNT -> Integer.MAX_VALUE;
      };
      if (failures > free) {
        refuse(key, now.plus(delay(failures - free)));
      }
      if (failures >= settings.alertThreshold()
          && jdbc.sql("update login_throttle set alerted = true where throttle_key = ? and alerted = false")
              .param(key).update() == 1) {
        alerts.add(scope.name().toLowerCase(java.util.Locale.ROOT).replace('_', '+') + "=" + failures);
      }
    }
    if (!alerts.isEmpty()) {
      alert(client, account, surface, clientAccountFailures, String.join(", ", alerts), now);
    }
  }

  /** A successful login: the client's failures for this account are forgotten (not its others). */
  void succeeded(String client, String account) {
    jdbc.sql("delete from login_throttle where throttle_key = ?").param(key(Scope.CLIENT_ACCOUNT, client, account))
        .update();
  }

  /** {@code base-delay} doubled for each failure past the free ones, at most {@code max-delay}. */
  Duration delay(int failuresPastFree) {
    Duration delay = settings.baseDelay();
    for (int i = 1; i < failuresPastFree && delay.compareTo(settings.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
  }

  /** The counter's failures after this one; a counter idle for longer than the window starts again. */
  private int increment(String key, Scope scope, String client, String account, Instant now) {
    if (bump(key, now) == 0) {
      try {
        jdbc.sql("""
            insert into login_throttle (throttle_key, scope, client_address, account, failures, first_failure_at,
              last_failure_at, alerted)
            values (:key, :scope, :client, :account, 1, :now, :now, false)""")
            .params(Map.of("key", key, "scope", scope.name(),
                "client", scope == Scope.ACCOUNT ? "*" : clip(client, 64),
                "account", scope == Scope.CLIENT ? "*" : clip(account, 128), "now", at(now)))
            .update();
      } catch (DuplicateKeyException concurrentlyCreated) {
        bump(key, now);
      }
    }
    return jdbc.sql("select failures from login_throttle where throttle_key = ?").param(key).query(Integer.class)
        .optional().orElse(1);
  }

  private int bump(String key, Instant now) {
    // Every right-hand side reads the row as it was before this update (standard SQL, H2 and PostgreSQL).
    return jdbc.sql("""
        update login_throttle set
          failures = case when last_failure_at < :since then 1 else failures + 1 end,
          first_failure_at = case when last_failure_at < :since then :now else first_failure_at end,
          blocked_until = case when last_failure_at < :since then null else blocked_until end,
          alerted = case when last_failure_at < :since then false else alerted end,
          last_failure_at = :now
        where throttle_key = :key""")
        .param("since", at(now.minus(settings.window()))).param("now", at(now)).param("key", key)
        .update();
  }

  private void refuse(String key, Instant until) {
    jdbc.sql("update login_throttle set blocked_until = ? where throttle_key = ? "
            + "and (blocked_until is null or blocked_until < ?)")
        .params(at(until), key, at(until)).update();
  }

  private void alert(String client, String account, Surface surface, int failures, String counters, Instant now) {
    String user = printable(account);
    LOG.warn(ALERT, "{} login-failures: client {} account '{}' via {}: failed logins past the alert threshold ({})",
        ALERT_MARKER, client, user, surface.tag, counters);
    counter("hitgov.login.alerts", "Operator alerts raised by failed logins", surface).increment();
    jdbc.sql("""
        insert into security_event (occurred_at, event_type, client_address, account, surface, failures, detail)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(at(now), ALERT_EVENT, clip(client, 64), clip(user, 128), surface.tag, failures,
            "failed logins past the alert threshold (" + counters + ")")
        .update();
  }

  private void purgeOccasionally(Instant now) {
    long last = lastPurge.get();
    if (now.toEpochMilli() - last < PURGE_EVERY.toMillis() || !lastPurge.compareAndSet(last, now.toEpochMilli())) {
      return;
    }
    jdbc.sql("delete from login_throttle where last_failure_at < ? and (blocked_until is null or blocked_until < ?)")
        .params(at(now.minus(settings.window())), at(now)).update();
  }

  private Counter counter(String name, String description, Surface surface) {
    return Counter.builder(name).description(description).tag("surface", surface.tag).register(meters);
  }

  /** The primary key: a SHA-256 of scope, client and account, so any account name fits. */
  static String key(Scope scope, String client, String account) {
    String value = scope + "\n" + (scope == Scope.ACCOUNT ? "" : client) + "\n" + (scope == Scope.CLIENT ? "" : account);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** An account name as sent by a client, safe for a log line: no control characters, at most 64 chars. */
  static String printable(String value) {
    return clip(value.replaceAll("\\p{Cntrl}", "?"), 64);
  }
}
