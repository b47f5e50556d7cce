package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.HitgovApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * E-mail settings that cannot work stop the start with a message naming the setting: no sender
 * thread would leave every batch to the sweep, and a zero or negative {@code hand-over-after} would
 * let the sweep take every batch while its sender sends it, a negative number of batches kept with
 * their rows means nothing, and a digest that lists no task would say nothing but a count.
 */
class NotificationSettingsTest {

  @Test
  void no_sender_thread_refuses_to_start() {
    assertThatThrownBy(() -> start("--hitgov.notification.sender-threads=0"))
        .hasStackTraceContaining("hitgov.notification.sender-threads must be at least 1");
  }

  @Test
  void a_hand_over_after_that_is_not_positive_refuses_to_start() {
    assertThatThrownBy(() -> start("--hitgov.notification.hand-over-after=PT0S"))
        .hasStackTraceContaining("hitgov.notification.hand-over-after must be positive");
  }

  @Test
  void a_negative_number_of_batches_kept_with_their_rows_refuses_to_start() {
    assertThatThrownBy(() -> start("--hitgov.notification.batches-kept-with-rows=-1"))
        .hasStackTraceContaining("hitgov.notification.batches-kept-with-rows must not be negative");
  }

  @Test
  void a_digest_that_lists_no_task_refuses_to_start() {
    assertThatThrownBy(() -> start("--hitgov.notification.digest-tasks=0"))
        .hasStackTraceContaining("hitgov.notification.digest-tasks must be at least 1");
  }

  private static void start(String setting) {
    new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:notification-settings;DB_CLOSE_DELAY=-1", "--logging.level.root=WARN",
        setting).close();
  }
}
