package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox retention (docs/notifications.md#retention) with 30 days: the nightly timer's run deletes
 * the delivered e-mails older than that (also those delivered after a failure) and keeps the younger
 * ones and every undelivered one however old; two overlapping runs delete each row once.
 */
@HitgovSpringTest(properties = "hitgov.notification.retention.days=30")
class NotificationRetentionTest {

  @Autowired ProcessEngine processEngine;
  @Autowired JdbcTemplate jdbc;
  @Autowired NotificationRetention retention;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("delete from notification");
  }

  void row(String id, String status, int attempts, String error, int queuedDaysAgo, Integer sentDaysAgo) {
    Instant now = Instant.now();
    jdbc.update("insert into notification (notification_id, kind, recipient_address, subject, body, content_type, status, "
        + "attempts, last_error, queued_at, sent_at) values (?, 'DIGEST', 'maria@hitgov.local', 'Your tasks', 'body', "
        + "'text/plain', ?, ?, ?, ?, ?)", id, status, attempts, error,
        Timestamp.from(now.minus(Duration.ofDays(queuedDaysAgo))),
        sentDaysAgo == null ? null : Timestamp.from(now.minus(Duration.ofDays(sentDaysAgo))));
  }

  List<String> left() {
    return jdbc.queryForList("select notification_id from notification order by notification_id", String.class);
  }

  @Test
  void the_nightly_run_deletes_old_delivered_mail_and_never_undelivered_mail() {
    row("NT-1-SENT-OLD", "SENT", 1, null, 41, 40);
    row("NT-2-SENT-AFTER-FAILURE", "SENT", 4, null, 60, 31);
    row("NT-3-SENT-RECENT", "SENT", 1, null, 10, 10);
    row("NT-4-FAILING-OLD", "QUEUED", 5, "Connection refused", 200, null);
    row("NT-5-QUEUED-OLD", "QUEUED", 0, null, 90, null);

    Job timer = processEngine.getManagementService().createJobQuery()
        .processDefinitionKey(NotificationRetentionProcess.KEY).timers().singleResult();
    assertThat(timer).as("the nightly timer").isNotNull();
    processEngine.getManagementService().executeJob(timer.getId());
    Job run = processEngine.getManagementService().createJobQuery().processDefinitionKey(NotificationRetentionProcess.KEY)
        .messages().singleResult();
    processEngine.getManagementService().executeJob(run.getId());

    assertThat(left()).containsExactly("NT-3-SENT-RECENT", "NT-4-FAILING-OLD", "NT-5-QUEUED-OLD");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(run.getProcessInstanceId()).variableName(NotificationRetentionProcess.Variables.DELETED)
        .singleResult().getValue()).isEqualTo(2);
    assertThat(jdbc.queryForObject("select last_deleted from notification_retention where id = 1", Integer.class))
        .isEqualTo(2);
  }

  @Test
  void overlapping_runs_delete_each_row_once_one_after_the_other() throws Exception {
    for (int i = 0; i < 50; i++) {
      row("NT-OLD-" + i, "SENT", 1, null, 100, 99);
    }
    row("NT-KEEP", "QUEUED", 2, "timeout", 100, null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit(() -> {
        go.await();
        return retention.purge();
      }));
    }
    go.countDown();
    List<Integer> deleted = new ArrayList<>();
    for (Future<Integer> run : runs) {
      deleted.add(run.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(deleted).containsExactlyInAnyOrder(50, 0);
    assertThat(left()).containsExactly("NT-KEEP");
  }
}
