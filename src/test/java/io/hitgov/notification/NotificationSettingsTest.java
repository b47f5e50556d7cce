package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.HitgovApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * E-mail settings that cannot work stop the start with a message naming the setting: no sender
 * thread would leave every batch to the sweep, and a zero or negative {@code hand-over-after} would
 * let the sweep take every batch while its sender sends it, a negative number of batches kept with
 * their rows means nothing, and a digest that lists no task would say nothing but a count.
 */
class NotificationSettingsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--hitgov.notification.sender-threads=0 | hitgov.notification.sender-threads must be at least 1",
      "--hitgov.notification.hand-over-after=PT0S | hitgov.notification.hand-over-after must be positive",
      "--hitgov.notification.batches-kept-with-rows=-1 | hitgov.notification.batches-kept-with-rows must not be negative",
      "--hitgov.notification.digest-tasks=0 | hitgov.notification.digest-tasks must be at least 1"})
  void a_setting_that_cannot_work_refuses_to_start_naming_it(String setting, String message) {
    assertThatThrownBy(() -> start(setting)).hasStackTraceContaining(message);
  }

  private static void start(String setting) {
    new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:notification-settings;DB_CLOSE_DELAY=-1", "--logging.level.root=WARN",
        setting).close();
  }
}
