package io.hitgov.notification;

import io.hitgov.shared.process.EngineClock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox clean-up of {@code NotificationRetentionProcess} (docs/notifications.md#retention):
 * deletes delivered e-mails ({@code SENT}, including those delivered after a failure was resolved)
 * whose delivery is older than {@code hitgov.notification.retention.days}; an undelivered e-mail
 * ({@code QUEUED}, failing or not) is never deleted. One clean-up at a time in the whole cluster: a run
 * locks the single row of {@code notification_retention} (V23) in its transaction, so an overlapping
 * run (a retried job, another node) waits and then finds nothing left to delete.
 */
@Service
class NotificationRetention {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationRetention.class);

  private final JdbcClient jdbc;
  private final NotificationRetentionProperties properties;

  NotificationRetention(JdbcClient jdbc, NotificationRetentionProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Deletes what the retention allows; the number of e-mails deleted. */
  @Transactional
  public int purge() {
    jdbc.sql("select id from notification_retention where id = 1 for update").query(Integer.class).single();
    OffsetDateTime now = EngineClock.now();
    OffsetDateTime cutoff = now.minusDays(properties.days());
    int deleted = jdbc.sql("delete from notification where status = 'SENT' and sent_at < ?").param(cutoff).update();
    jdbc.sql("update notification_retention set last_run_at = ?, last_cutoff = ?, last_deleted = ? where id = 1")
        .params(now, cutoff, deleted).update();
    LOG.info("Notification retention: {} delivered e-mails older than {} days deleted (before {})", deleted,
        properties.days(), cutoff);
    return deleted;
  }
}
