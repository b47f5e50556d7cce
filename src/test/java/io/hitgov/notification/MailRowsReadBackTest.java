package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.MailDispatch;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/**
 * Batches waiting for the one sender thread, with {@code hand-over-after} an hour (claims renewed
 * after a quarter of it): the first {@code hitgov.notification.batches-kept-with-rows} (here two,
 * the one being sent among them) keep their rows and go out as inserted; a batch beyond them waits by
 * its id and its sender renews the claim and reads the rows back in one statement. A batch handed
 * over while it waited is left to its delivery job, read back as taken, or (kept) when the engine's
 * clock, which the sweep compares, says its claim is older than a quarter of {@code hand-over-after}
 * though the JVM waited seconds.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=false",
    "spring.mail.host=127.0.0.1", "hitgov.notification.sender-threads=1", "hitgov.notification.batches-kept-with-rows=2",
    "hitgov.notification.hand-over-after=PT1H", "hitgov.notification.sweep-interval=PT1H"})
class MailRowsReadBackTest extends SlowMailTest {

  @Test
  void a_batch_waiting_by_its_id_is_read_back_by_its_sender_or_left_to_the_job_that_took_it() throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("READ-1"); // the one sender thread is busy for about five seconds
    queueSixMails("READ-2"); // waits with its rows
    queueSixMails("READ-3"); // waits by its id
    String waiting = batch("READ-3");
    assertThat(dispatcher.handOver(waiting, "a sweep that took the batch while it waited for a sender", null)).isTrue();
    MailDispatch.await(port);
    assertThat(jdbc.queryForList("select status from notification where project_id in ('READ-1', 'READ-2')",
        String.class)).as("sent as inserted").containsOnly("SENT").hasSize(12);
    assertThat(sent("READ-3")).as("its sender read nothing left to send").isZero();

    runDeliveryJob(waiting);
    assertThat(SMTP.accepted.size() - before).as("three batches of six, each mail once").isEqualTo(18);
    assertThat(sent("READ-3")).isEqualTo(6);
  }

  @Test
  void a_kept_batch_whose_claim_the_engine_clock_has_aged_renews_it_before_its_first_mail() throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("AGED-1"); // the one sender thread is busy for about five seconds
    queueSixMails("AGED-2"); // waits with its rows, seconds by the JVM's clock
    String waiting = batch("AGED-2");
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(3_600)));
    try { // by the engine's clock the claim is an hour old: a sweep may take the batch
      assertThat(dispatcher.handOver(waiting, "a sweep an hour on", null)).isTrue();
      MailDispatch.await(port);
    } finally {
      ClockUtil.reset();
    }
    assertThat(sent("AGED-2")).as("its sender renewed first, found the batch taken and sent none of it").isZero();

    runDeliveryJob(waiting);
    assertThat(SMTP.accepted.size() - before).as("two batches of six, each mail once").isEqualTo(12);
  }

  String batch(String projectId) {
    return jdbc.queryForObject("select distinct batch_id from notification where project_id = ?", String.class,
        projectId);
  }

  int sent(String projectId) {
    return jdbc.queryForObject("select count(*) from notification where project_id = ? and status = 'SENT'",
        Integer.class, projectId);
  }

  void runDeliveryJob(String batchId) {
    String delivery = runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .processInstanceBusinessKey(batchId).singleResult().getId();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(delivery).singleResult().getId());
  }
}
