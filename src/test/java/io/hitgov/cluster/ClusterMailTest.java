package io.hitgov.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * F8: a node killed (SIGKILL) while it sends the e-mail its transaction queued
 * (docs/notifications.md, step 7). Node MS mails to a server that accepts the connection and never
 * answers, so its sender is caught mid-batch when it dies; node MR, started after the kill on its own
 * embedded mail server, finds the stranded batch with its sweep once {@code hand-over-after} has
 * passed, hands it to one delivery job and sends every mail once, on PostgreSQL. (MR starts after
 * the kill so that MS's job executor, not MR's, runs the escalation that queues the mail.)
 */
class ClusterMailTest {

  @Test
  void f8_a_batch_its_node_was_killed_sending_is_handed_over_by_the_other_node_and_sent_once() throws Exception {
    List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (PostgresDatabase database = PostgresDatabase.createOrSkip();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepting = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept()); // connected, and never a greeting
          } catch (IOException closed) {
            return;
          }
        }
      }, "silent-smtp");
      accepting.setDaemon(true);
      accepting.start();
      var models = ClusterSupport.models("mail");
      // MS keeps the default hand-over-after (10 minutes), so its own sweep never takes the batch it is sending
      try (ClusterNode sender = ClusterNode.on("MS", database.url(), database.user(), models,
              "--hitgov.notification.embedded-smtp=false", "--spring.mail.host=127.0.0.1",
              "--spring.mail.port=" + silent.getLocalPort());
          ClusterNode rescuer = ClusterNode.on("MR", database.url(), database.user(), models,
              "--hitgov.notification.hand-over-after=PT5S", "--hitgov.notification.sweep-interval=PT1S")) {
        sender.start().awaitReady();
        ClusterDb db = new ClusterDb(database.url(), database.user());
        Http paula = Http.at(sender.base()).as("paula", ClusterSupport.ADMIN_PASSWORD);
        Http.Response project = paula.postJson("/api/projects", Http.json(Map.of("projectId", "MAIL-F8",
            "projectName", "Mail failover", "goLiveDate", LocalDate.now().plusYears(1).toString(), "budget", 100_000,
            "sponsor", "evelyn", "projectManager", "maria", "vendorSelectionRequired", false)));
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        Http.Response risk = paula.postJson("/api/risks", Http.json(Map.of("projectId", "MAIL-F8",
            "title", "Budget overrun on interfaces", "category", "BUDGET", "likelihood", 4, "impact", 4,
            "owner", "peter")));
        assertThat(risk.status()).as(risk.body()).isEqualTo(201);
        try {
          ClusterDb.await("F8 escalation batch claimed by its sender", () -> Math.min(1, db.count("select count(*) "
              + "from notification where kind = 'ESCALATION' and dispatched_at is not null and status = 'QUEUED'")),
              1, Duration.ofSeconds(60));
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; notifications: " + db.text("select kind, status, dispatched_at, "
              + "process_instance_id from notification") + " jobs: " + db.text("select type_, handler_type_, "
              + "exception_msg_ from act_ru_job"), e);
        }
        sender.kill();
        long mails = db.count("select count(*) from notification where kind = 'ESCALATION'");
        assertThat(db.count("select count(*) from notification where kind = 'ESCALATION' and (status = 'SENT' "
            + "or process_instance_id is not null)")).as("nothing sent or handed over by the node that died").isZero();
        System.out.printf("[cluster] F8: kill -9 of node MS while it sent %d escalation mail(s) to a server that "
            + "never answered%n", mails);
        rescuer.start().awaitReady();

        ClusterDb.await("F8 escalation mails sent by node MR", () -> db.count("select count(*) from notification "
            + "where kind = 'ESCALATION' and status = 'SENT'"), mails, Duration.ofSeconds(90));
        assertThat(db.count("select count(distinct process_instance_id) from notification where kind = 'ESCALATION'"))
            .as("the stranded batch handed to one delivery process").isOne();
        assertThat(db.count("select count(*) from notification where kind = 'ESCALATION' and process_instance_id "
            + "is null")).isZero();
        JsonNode mailbox = Http.at(rescuer.base()).as(ClusterSupport.ADMIN, ClusterSupport.ADMIN_PASSWORD)
            .get("/api/notifications/mailbox").json();
        List<String> to = StreamSupport.stream(mailbox.spliterator(), false)
            .filter(mail -> mail.get("subject").asText().startsWith("[HITGov] Escalated to "))
            .map(mail -> mail.get("to").get(0).asText()).sorted().toList();
        assertThat(to).as("each escalation mail once, from node MR").hasSize((int) mails).doesNotHaveDuplicates();
        System.out.printf("[cluster] F8: node MR's sweep handed the stranded batch to one delivery job after "
            + "hand-over-after; %d mail(s) in its mailbox, each once: %s%n", to.size(), to);
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
