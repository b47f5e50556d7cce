package io.hitgov.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail notification settings ({@code hitgov.notification.*}, docs/notifications.md).
 *
 * @param enabled send e-mail at all; off, nothing is queued (the governance itself is unchanged)
 * @param from the sender address of every notification
 * @param baseUrl where recipients reach HITGov (links in the mails: Tasklist, the status report)
 * @param templatesLocation the folder of the Mustache templates a PMO edits ({@code classpath:mail-templates/}
 *     or e.g. {@code file:/opt/hitgov/mail-templates/})
 * @param embeddedSmtp start the embedded SMTP server (GreenMail) and send to it: the default profile's
 *     demo mailbox; the {@code prod} profile refuses it and needs {@code spring.mail.host}
 * @param embeddedSmtpPort port of the embedded SMTP server on 127.0.0.1 (0: any free port)
 * @param immediateTasks task definition keys whose assignment is mailed at once (the SLA-bound
 *     approvals); every other task assignment goes into the recipient's daily digest
 * @param statusReportDays the period "changes this period" of the status report covers, in days
 * @param topRisks how many open risks the status report lists
 * @param senderThreads threads that send each batch right after its transaction committed
 * @param handOverAfter a batch neither sent nor handed to its delivery job this long after it was
 *     queued (or claimed) is stranded (its node stopped first): the sweep hands it to its delivery job
 * @param batchesKeptWithRows how many batches waiting for a sender keep their mails in memory (sent as
 *     inserted); the ones beyond wait by their id and their sender reads the rows back (one round trip)
 * @param digestTasks how many of a person's open tasks the daily digest lists, newest first (it counts
 *     the rest and links to Tasklist)
 */
@ConfigurationProperties("hitgov.notification")
public record NotificationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("HITGov <hitgov@localhost>") String from,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue("classpath:mail-templates/") String templatesLocation,
    @DefaultValue("false") boolean embeddedSmtp,
    @DefaultValue("0") int embeddedSmtpPort,
    @DefaultValue({"UserTask_ApproveChange", "UserTask_ReviewEmergencyChange", "UserTask_ReviewGate"})
    List<String> immediateTasks,
    @DefaultValue("7") int statusReportDays,
    @DefaultValue("5") int topRisks,
    @DefaultValue("2") int senderThreads,
    @DefaultValue("PT10M") Duration handOverAfter,
    @DefaultValue("100") int batchesKeptWithRows,
    @DefaultValue("25") int digestTasks) {

  public NotificationProperties {
    if (senderThreads < 1) {
      throw new IllegalArgumentException("hitgov.notification.sender-threads must be at least 1");
    }
    if (batchesKeptWithRows < 0) {
      throw new IllegalArgumentException("hitgov.notification.batches-kept-with-rows must not be negative");
    }
    if (digestTasks < 1) {
      throw new IllegalArgumentException("hitgov.notification.digest-tasks must be at least 1");
    }
    if (handOverAfter == null || handOverAfter.isNegative() || handOverAfter.isZero()) {
      throw new IllegalArgumentException("hitgov.notification.hand-over-after must be positive");
    }
  }

  /** The base URL without a trailing slash. */
  public String link(String path) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + path;
  }
}
