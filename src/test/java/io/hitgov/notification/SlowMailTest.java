package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tests against a mail server that takes 0.8 s to accept each mail ({@link SlowSmtp}, one for the
 * test JVM), with batches of six mails to six demo users.
 */
abstract class SlowMailTest {

  static final SlowSmtp SMTP = SlowSmtp.start(800);
  static final List<String> SIX = List.of("paula", "peter", "maria", "stella", "steve", "evelyn");

  @Autowired NotificationService notifications;
  @Autowired StrandedMailSweep sweep;
  @Autowired MailDispatcher dispatcher;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", SMTP::port);
  }

  /** Six mails to six demo users queued in one transaction for {@code projectId}: one batch. */
  void queueSixMails(String projectId) {
    List<NotificationService.Recipient> six = SIX.stream().map(user -> notifications.user(user).orElseThrow()).toList();
    Map<String, Object> model = Map.of("projectId", projectId, "subjectId", "RISK-SLOW", "toGroup", "pmo",
        "reason", "test", "tasklistLink", "");
    new TransactionTemplate(transactions).executeWithoutResult(status -> assertThat(notifications.queue(
        NotificationService.Kind.ESCALATION, "escalation", projectId, model, six)).isEqualTo(6));
  }

  /** An SMTP server that takes {@code delayMillis} to accept each mail, and records the recipients of this test's. */
  static final class SlowSmtp implements AutoCloseable {
    final List<String> accepted = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final long delayMillis;

    private SlowSmtp(ServerSocket server, long delayMillis) {
      this.server = server;
      this.delayMillis = delayMillis;
    }

    static SlowSmtp start(long delayMillis) {
      try {
        SlowSmtp smtp = new SlowSmtp(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), delayMillis);
        Thread accepting = new Thread(smtp::serve, "slow-smtp");
        accepting.setDaemon(true);
        accepting.start();
        return smtp;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          converse(socket);
        } catch (IOException | InterruptedException closed) {
          return;
        }
      }
    }

    private void converse(Socket socket) throws IOException, InterruptedException {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
      out.print("220 slow ESMTP\r\n");
      out.flush();
      List<String> recipients = new java.util.ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("RCPT TO:")) {
          recipients.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
        }
        if (command.equals("DATA")) {
          out.print("354 go on\r\n");
          out.flush();
          boolean ours = false;
          while ((line = in.readLine()) != null && !line.equals(".")) {
            ours |= line.contains("RISK-SLOW");
          }
          Thread.sleep(delayMillis);
          if (ours) {
            accepted.addAll(recipients);
          }
          recipients.clear();
          out.print("250 accepted\r\n");
        } else if (command.equals("QUIT")) {
          out.print("221 bye\r\n");
          out.flush();
          return;
        } else {
          out.print("250 ok\r\n"); // EHLO, MAIL, RCPT, RSET, NOOP
        }
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
