package io.hitgov.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code hitgov_notifications_total{outcome}}: e-mails {@code queued}, {@code sent}, sending attempts
 * that {@code failed} (each one; the last one leaves an incident), and notifications {@code skipped}
 * (the recipient opted out of digests or has no e-mail address);
 * {@code hitgov_notifications_connections_total}, the connections opened to the mail server; and
 * {@code hitgov_notifications_hand_over_failures_total}, batches the sweep found unsent but could not
 * hand to their delivery job (the engine or the database failed; tried again at the next sweep).
 */
@Component
public class NotificationMetrics {

  public static final String NAME = "hitgov.notifications";
  public static final String CONNECTIONS = "hitgov.notifications.connections";
  public static final String HAND_OVER_FAILURES = "hitgov.notifications.hand.over.failures";

  /** The outcomes, each a counter from the start (so a dashboard shows 0, not "no data"). */
  public enum Outcome {
    QUEUED, SENT, FAILED, SKIPPED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Map<Outcome, Counter> counters = new ConcurrentHashMap<>();
  private final Counter connections;
  private final Counter handOverFailures;

  public NotificationMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(outcome, Counter.builder(NAME).description("E-mail notifications by outcome")
          .tag("outcome", outcome.tag()).register(registry));
    }
    connections = Counter.builder(CONNECTIONS)
        .description("Connections opened to the mail server (one per delivery batch while it stays up)")
        .register(registry);
    handOverFailures = Counter.builder(HAND_OVER_FAILURES)
        .description("Unsent e-mail batches the sweep could not hand to their delivery job").register(registry);
  }

  public void count(Outcome outcome) {
    counters.get(outcome).increment();
  }

  void connected() {
    connections.increment();
  }

  void handOverFailed() {
    handOverFailures.increment();
  }
}
