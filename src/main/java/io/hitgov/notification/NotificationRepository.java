package io.hitgov.notification;

import io.hitgov.shared.jdbc.Dialect;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification} and {@code notification_preference} tables (V17__notification.sql, V24
 * batches, V25 dispatch).
 */
@Repository
class NotificationRepository {

  /** One queued or sent e-mail. */
  record Notification(String notificationId, String kind, String projectId, String recipientUser,
      String recipientAddress, String subject, String body, String contentType, String status, int attempts,
      String lastError, OffsetDateTime queuedAt, OffsetDateTime sentAt, String processInstanceId) {}

  /** A mail as queued: not attempted, not sent, in the batch of its transaction, no delivery process yet. */
  record Queued(String notificationId, String batchId, String kind, String projectId, String recipientUser,
      String recipientAddress, String subject, String body, String contentType, OffsetDateTime queuedAt) {

    /** The row as it is inserted, for the node that sends it right after its transaction committed. */
    Notification row() {
      return new Notification(notificationId, kind, projectId, recipientUser, recipientAddress, subject, body,
          contentType, "QUEUED", 0, null, queuedAt, null, null);
    }
  }

  /**
   * Inserted claimed ({@code dispatched_at}) by the node that queued it, which sends it right after its
   * transaction committed (MailDispatcher): the sweep leaves it alone as long as it leaves a batch a
   * sender claimed.
   */
  private static final String INSERT = "insert into notification (notification_id, batch_id, kind, project_id, "
      + "recipient_user, recipient_address, subject, body, content_type, status, attempts, queued_at, dispatched_at) "
      + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final Dialect dialect;

  NotificationRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
    this.dialect = new Dialect(jdbcTemplate.getDataSource());
  }

  void insert(Queued n, OffsetDateTime claimedAt) {
    jdbc.sql(INSERT).params(values(n, claimedAt)).update();
  }

  /** The mails one transaction queued, claimed at {@code claimedAt}, in one JDBC batch (one round trip however many). */
  void insertAll(List<Queued> queued, OffsetDateTime claimedAt) {
    jdbcTemplate.batchUpdate(INSERT, queued.stream().map(n -> values(n, claimedAt)).toList());
  }

  private static Object[] values(Queued n, OffsetDateTime claimedAt) {
    return new Object[] {n.notificationId(), n.batchId(), n.kind(), n.projectId(), n.recipientUser(),
        n.recipientAddress(), n.subject(), n.body(), n.contentType(), n.queuedAt(), claimedAt};
  }

  /**
   * Renews the claim of a batch about to be sent whose rows its sender did not keep, and answers its
   * unsent mails without a delivery process, in one statement (PostgreSQL's {@code UPDATE … RETURNING},
   * H2's data change delta table): none when the sweep handed the batch over meanwhile. Those never
   * tried first, then in the order they were queued.
   */
  List<Notification> reclaim(String batchId, OffsetDateTime at) {
    String update = "update notification set dispatched_at = ? where batch_id = ? and status <> 'SENT' "
        + "and process_instance_id is null";
    return jdbc.sql(dialect.updateReturning(update, "*")).params(at, batchId).query(NotificationRepository::row)
        .list().stream().sorted(Comparator.comparingInt(Notification::attempts).thenComparing(Notification::queuedAt)
            .thenComparing(Notification::notificationId)).toList();
  }

  /**
   * Renews the claim of a batch being sent, so the sweep leaves it alone. The number of its mails
   * still claimed: 0 when the sweep handed the batch over meanwhile (stop sending it).
   */
  int renewClaim(String batchId, OffsetDateTime at) {
    return jdbc.sql("update notification set dispatched_at = ? where batch_id = ? and status <> 'SENT' "
        + "and process_instance_id is null").params(at, batchId).update();
  }

  /**
   * Hands a batch's unsent mails to its delivery process: those with none yet, and, when
   * {@code staleBefore} is given (the sweep), only rows nobody claimed or whose claim is older than
   * that: a claim and its renewals set every unsent row of the batch at once, so a batch is handed
   * over whole or not at all, and one a sender claimed meanwhile stays with the sender. The number
   * handed over: 0 when another node did first (the row lock makes the second wait and then find
   * none), when a sender holds the batch, or when nothing is left.
   */
  int handOver(String batchId, String processInstanceId, OffsetDateTime staleBefore) {
    String unsent = "update notification set process_instance_id = ? where batch_id = ? and status <> 'SENT' "
        + "and process_instance_id is null";
    return staleBefore == null ? jdbc.sql(unsent).params(processInstanceId, batchId).update()
        : jdbc.sql(unsent + " and (dispatched_at is null or dispatched_at < ?)")
            .params(processInstanceId, batchId, staleBefore).update();
  }

  /**
   * Batches with unsent mails and no delivery process, queued or claimed before {@code before}: the
   * node that queued them stopped before it sent them. At most {@code limit}, oldest first.
   */
  List<String> stranded(OffsetDateTime before, int limit) {
    return jdbc.sql("select batch_id from notification where status = 'QUEUED' and process_instance_id is null "
            + "and coalesce(dispatched_at, queued_at) < ? group by batch_id order by min(queued_at), batch_id "
            + "fetch first " + limit + " rows only")
        .param(before).query(String.class).list();
  }

  /**
   * The e-mails of one batch not sent yet that belong to {@code processInstanceId}'s delivery: those
   * never tried first, then in the order they were queued. A sender's own rows (no delivery process,
   * {@link #reclaim}) are not among them, should a batch ever be split between the two. A row a node of
   * a release before batches queued during a rolling upgrade (no {@code batch_id}) is the batch of its
   * own id.
   */
  List<Notification> unsentOfBatch(String batchId, String processInstanceId) {
    Objects.requireNonNull(processInstanceId, "processInstanceId");
    return jdbc.sql("select * from notification where (batch_id = ? or (batch_id is null and notification_id = ?)) "
            + "and status <> 'SENT' and process_instance_id = ? order by attempts, queued_at, notification_id")
        .params(batchId, batchId, processInstanceId).query(NotificationRepository::row).list();
  }

  void sent(String notificationId, OffsetDateTime at) {
    jdbc.sql("update notification set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null "
        + "where notification_id = ?").params(at, notificationId).update();
  }

  void failed(String notificationId, String error) {
    String clipped = error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
    jdbc.sql("update notification set attempts = attempts + 1, last_error = ? where notification_id = ?")
        .params(clipped, notificationId).update();
  }

  Optional<Boolean> digest(String userId) {
    return jdbc.sql("select digest from notification_preference where user_id = ?").param(userId)
        .query(Boolean.class).optional();
  }

  void setDigest(String userId, boolean digest, OffsetDateTime at) {
    int updated = jdbc.sql("update notification_preference set digest = ?, updated_at = ? where user_id = ?")
        .params(digest, at, userId).update();
    if (updated == 0) {
      jdbc.sql("insert into notification_preference (user_id, digest, updated_at) values (?, ?, ?)")
          .params(userId, digest, at).update();
    }
  }

  private static Notification row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Notification(rs.getString("notification_id"), rs.getString("kind"), rs.getString("project_id"),
        rs.getString("recipient_user"), rs.getString("recipient_address"), rs.getString("subject"),
        rs.getString("body"), rs.getString("content_type"), rs.getString("status"), rs.getInt("attempts"),
        rs.getString("last_error"), rs.getObject("queued_at", OffsetDateTime.class),
        rs.getObject("sent_at", OffsetDateTime.class), rs.getString("process_instance_id"));
  }
}
