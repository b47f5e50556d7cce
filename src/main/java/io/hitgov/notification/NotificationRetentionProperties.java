package io.hitgov.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of the notification outbox ({@code hitgov.notification.retention.*}, docs/notifications.md#retention).
 *
 * @param days delivered e-mails older than this many days (by delivery time) are deleted by the daily
 *     clean-up; undelivered ones never are
 */
@ConfigurationProperties("hitgov.notification.retention")
public record NotificationRetentionProperties(@DefaultValue("90") int days) {

  public NotificationRetentionProperties {
    if (days < 1) {
      throw new IllegalArgumentException("hitgov.notification.retention.days must be at least 1, not " + days);
    }
  }
}
