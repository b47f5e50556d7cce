package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.MailDispatch;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/**
 * A batch that takes longer to send than {@code hand-over-after} (here 3 seconds; six mails to a mail
 * server that takes 0.8 s to accept each one) stays with its sender: the sender renews its claim between mails,
 * so a sweep while it sends hands nothing over, and every mail goes out once, without a delivery job
 * (docs/notifications.md, step 7). Should the batch be handed over all the same while it is being
 * sent, its sender stops before its next mail and the delivery job sends the rest, each mail once;
 * handed over while it waited for a sender, the delivery job sends it all.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=false",
    "spring.mail.host=127.0.0.1", "hitgov.notification.hand-over-after=PT3S", "hitgov.notification.sender-threads=2",
    "hitgov.notification.sweep-interval=PT1H"})
class MailClaimRenewalTest extends SlowMailTest {

  @Test
  void a_batch_slower_than_hand_over_after_stays_with_its_sender_and_each_mail_goes_out_once() throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("SLOW-1");

    Thread.sleep(3_600); // past hand-over-after since the claim, while the fifth mail is being sent
    assertThat(SMTP.accepted.size() - before).as("still sending").isLessThan(6);
    assertThat(sweep.sweep()).as("the claim was renewed between mails: nothing is stranded").isZero();
    MailDispatch.await(port);

    assertThat(SMTP.accepted.subList(before, SMTP.accepted.size())).as("each mail once")
        .containsExactlyInAnyOrderElementsOf(SIX.stream().map(user -> user + "@demo.hitgov.invalid").toList());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .count()).as("no delivery job").isZero();
    assertThat(jdbc.queryForList("select status from notification where project_id = 'SLOW-1'", String.class))
        .containsOnly("SENT").hasSize(6);
  }

  @Test
  void a_sender_whose_batch_was_handed_over_meanwhile_stops_before_its_next_mail_and_the_job_sends_the_rest()
      throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("SLOW-2");
    String batchId = jdbc.queryForObject("select distinct batch_id from notification where project_id = 'SLOW-2'",
        String.class);
    while (SMTP.accepted.size() == before) { // the sender is under way
      Thread.sleep(20);
    }

    // another node's hand-over (a sweep whose cut-off the claim missed: one mail took longer than it)
    assertThat(dispatcher.handOver(batchId, "a sweep that took the batch while it was being sent", null)).isTrue();
    MailDispatch.await(port);
    int sentBySender = SMTP.accepted.size() - before;
    assertThat(sentBySender).as("the sender stopped once its renewal found the batch taken").isBetween(1, 5);
    assertThat(jdbc.queryForObject("select count(*) from notification where project_id = 'SLOW-2' and status = 'SENT'",
        Integer.class)).as("what the sender sent is marked sent").isEqualTo(sentBySender);

    String delivery = runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .processInstanceBusinessKey(batchId).singleResult().getId();
    Job job = managementService.createJobQuery().processInstanceId(delivery).singleResult();
    managementService.executeJob(job.getId());
    assertThat(SMTP.accepted.subList(before, SMTP.accepted.size())).as("each mail once, the rest by the job")
        .containsExactlyInAnyOrderElementsOf(SIX.stream().map(user -> user + "@demo.hitgov.invalid").toList());
    assertThat(jdbc.queryForList("select status from notification where project_id = 'SLOW-2'", String.class))
        .containsOnly("SENT").hasSize(6);
  }

  @Test
  void a_batch_handed_over_while_it_waited_for_a_sender_is_sent_by_its_delivery_job_alone() throws Exception {
    int before = SMTP.accepted.size();
    queueSixMails("SLOW-3"); // the two sender threads are busy for about five seconds each
    queueSixMails("SLOW-4");
    queueSixMails("SLOW-5"); // inserted claimed for this node; waits for a sender
    String waiting = jdbc.queryForObject("select distinct batch_id from notification where project_id = 'SLOW-5'",
        String.class);
    assertThat(jdbc.queryForObject("select count(*) from notification where project_id = 'SLOW-5' "
        + "and dispatched_at is not null", Integer.class)).as("inserted claimed for this node").isEqualTo(6);
    Thread.sleep(1_000); // more than a quarter of hand-over-after: its sender renews the claim before the first mail
    assertThat(jdbc.queryForObject("select count(*) from notification where project_id = 'SLOW-5' and status = 'SENT'",
        Integer.class)).as("still waiting").isZero();
    assertThat(dispatcher.handOver(waiting, "a sweep that took the batch while it waited for a sender", null)).isTrue();
    MailDispatch.await(port);
    assertThat(jdbc.queryForObject("select count(*) from notification where project_id = 'SLOW-5' and status = 'SENT'",
        Integer.class)).as("its sender found the batch taken and sent none of it").isZero();

    String delivery = runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .processInstanceBusinessKey(waiting).singleResult().getId();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(delivery).singleResult().getId());
    assertThat(SMTP.accepted.size() - before).as("three batches of six, each mail once").isEqualTo(18);
    assertThat(jdbc.queryForList("select status from notification where project_id in ('SLOW-3', 'SLOW-4', 'SLOW-5')",
        String.class)).containsOnly("SENT").hasSize(18);
  }
}
