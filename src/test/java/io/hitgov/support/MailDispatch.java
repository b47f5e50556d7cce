package io.hitgov.support;

import java.time.Duration;

/**
 * Waits until the application has sent every e-mail batch queued so far, or handed it to its
 * delivery job: {@code hitgov_notifications_pending} (read at {@code /actuator/metrics} as an
 * operator) is back to 0. A batch is sent on a thread of its own after the transaction that queued it
 * committed, and it counts as pending before that transaction's call returns.
 */
public final class MailDispatch {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MailDispatch() {}

  public static void await(int port) {
    Http admin = Http.on(port).as("admin");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      double pending = admin.get("/actuator/metrics/hitgov.notifications.pending").json()
          .at("/measurements/0/value").asDouble();
      if (pending == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(pending + " e-mail batch(es) still pending after " + TIMEOUT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
