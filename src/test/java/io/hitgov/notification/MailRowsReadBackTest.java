package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.MailDispatch;
import org.junit.jupiter.api.Test;

/**
 * Batches beyond {@code hitgov.notification.batches-kept-with-rows} (here none) wait for a sender by
 * their id alone: the sender renews the claim and reads the rows back in one statement, so a batch
 * handed over while it waited is left to its delivery job, and the rest go out once each.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=false",
    "spring.mail.host=127.0.0.1", "hitgov.notification.sender-threads=1", "hitgov.notification.batches-kept-with-rows=0",
    "hitgov.notification.hand-over-after=PT1H", "hitgov.notification.sweep-interval=PT1H"})
class MailRowsReadBackTest extends SlowMailTest {

  @Test
  void a_batch_waiting_by_its_id_is_read_back_by_its_sender_or_left_to_the_job_that_took_it() throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("READ-1"); // the one sender thread is busy for about two seconds
    queueSixMails("READ-2"); // waits by its id
    String waiting = jdbc.queryForObject("select distinct batch_id from notification where project_id = 'READ-2'",
        String.class);
    assertThat(dispatcher.handOver(waiting, "a sweep that took the batch while it waited for a sender", null)).isTrue();
    MailDispatch.await(port);
    assertThat(jdbc.queryForList("select status from notification where project_id = 'READ-1'", String.class))
        .as("read back and sent").containsOnly("SENT").hasSize(6);
    assertThat(jdbc.queryForObject("select count(*) from notification where project_id = 'READ-2' and status = 'SENT'",
        Integer.class)).as("its sender read nothing left to send").isZero();

    String delivery = runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .processInstanceBusinessKey(waiting).singleResult().getId();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(delivery).singleResult().getId());
    assertThat(SMTP.accepted.size() - before).as("two batches of six, each mail once").isEqualTo(12);
    assertThat(jdbc.queryForList("select status from notification where project_id in ('READ-1', 'READ-2')",
        String.class)).containsOnly("SENT").hasSize(12);
  }
}
