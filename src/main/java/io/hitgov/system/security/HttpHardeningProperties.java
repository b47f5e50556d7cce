package io.hitgov.system.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP hardening settings ({@code hitgov.security.*}, next to {@code SecurityProperties}); see
 * {@code docs/security-http.md}.
 *
 * @param trustedProxies addresses or CIDR ranges of the proxies (the cluster's load balancer) whose
 *     {@code X-Forwarded-For} names the real client; empty: the header is ignored
 * @param sessionIdleTimeout a webapp session ends after this long without a request (HIPAA automatic
 *     logoff, 164.312(a)(2)(iii)); {@code /api} and {@code /engine-rest} keep no session
 * @param hsts send {@code Strict-Transport-Security} on every response ({@code prod})
 * @param hstsMaxAge the HSTS {@code max-age}
 * @param loginThrottle how failed logins slow down the client that fails
 */
@ConfigurationProperties("hitgov.security")
public record HttpHardeningProperties(
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("30m") Duration sessionIdleTimeout,
    @DefaultValue("false") boolean hsts,
    @DefaultValue("365d") Duration hstsMaxAge,
    @DefaultValue LoginThrottle loginThrottle) {

  /**
   * The login throttle. Failures are counted per client address and account, and per client address
   * over all accounts; a key past its free failures is refused (429) for {@code baseDelay},
   * doubling with each further failure up to {@code maxDelay}. A key forgets its failures after
   * {@code window} without one, and a client+account key on a successful login.
   *
   * @param enabled switch the throttle off (not recommended; Camunda's own lockout is off either way)
   * @param freeFailures failures of one account from one client before that client is slowed down
   * @param clientFreeFailures failures from one client over all accounts before it is slowed down
   * @param baseDelay the first refusal period
   * @param maxDelay the longest refusal period
   * @param window failures older than this are forgotten
   * @param alertThreshold failures of one key that raise an operator alert (log, metric, audit row)
   */
  public record LoginThrottle(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5") int freeFailures,
      @DefaultValue("30") int clientFreeFailures,
      @DefaultValue("2s") Duration baseDelay,
      @DefaultValue("15m") Duration maxDelay,
      @DefaultValue("15m") Duration window,
      @DefaultValue("10") int alertThreshold) {}
}
