package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.EngineClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the e-mails of one batch over one connection to the mail server, for both ways a batch goes
 * out: at once after the governance transaction committed ({@link MailDispatcher}) and by the job of
 * its {@link NotificationDeliveryProcess} ({@link NotificationDelivery}). Each mail the server
 * accepted is marked sent at once by an update committed on its own (outside the job's transaction,
 * one round trip), so neither a later failure, nor a retry, nor a second run sends it again; each
 * failure is recorded on its row (attempts, the server's answer) the same way. After
 * {@value #FAILURES_BEFORE_GIVING_UP} failures in a row (the server is down) the rest of the batch
 * waits for the retry.
 */
@Component
class BatchSender {

  static final int FAILURES_BEFORE_GIVING_UP = 2;
  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

  private final NotificationRepository repository;
  private final SmtpMailer mail;
  private final TransactionTemplate committedAtOnce;

  BatchSender(NotificationRepository repository, SmtpMailer mail, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.mail = mail;
    this.committedAtOnce = new TransactionTemplate(transactions);
    this.committedAtOnce.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
  }

  /** Sends the mails until two in a row fail; the failures by notification id (empty: all sent). */
  Map<String, String> sendAll(List<Notification> unsent) {
    return sendAll(unsent, () -> true);
  }

  /**
   * Sends the mails until two in a row fail or {@code goOn}, asked before each mail, says no (the rest
   * are left unsent, not failed); the failures by notification id.
   */
  Map<String, String> sendAll(List<Notification> unsent, BooleanSupplier goOn) {
    Map<String, String> failed = new LinkedHashMap<>();
    int inARow = 0;
    try (SmtpMailer.Connection smtp = mail.connect()) {
      for (Notification n : unsent) {
        if (!goOn.getAsBoolean()) {
          break;
        }
        String failure = send(smtp, n);
        if (failure != null) {
          failed.put(n.notificationId(), failure);
        }
        inARow = failure == null ? 0 : inARow + 1;
        if (inARow == FAILURES_BEFORE_GIVING_UP) {
          break;
        }
      }
    }
    return failed;
  }

  /** What went wrong, for the job's exception and its incident: the one failure, or how many and the first. */
  static String summary(Map<String, String> failed, int tried) {
    String first = failed.values().iterator().next();
    return failed.size() == 1 && tried == 1 ? first : failed.size() + " of " + tried + " e-mails not sent; first: " + first;
  }

  /**
   * Sends one mail and records the outcome on its row, committed at once: outside any transaction
   * (the job's is suspended), so the single update commits by itself; the failure, or null.
   */
  private String send(SmtpMailer.Connection smtp, Notification n) {
    String failure = null;
    try {
      smtp.send(n.recipientAddress(), n.subject(), n.body(), n.contentType());
      LOG.info("E-mail {} ({}) sent to {}: {}", n.notificationId(), n.kind(), n.recipientAddress(), n.subject());
    } catch (RuntimeException e) {
      failure = e instanceof SmtpMailer.MailDeliveryException ? e.getMessage()
          : "Mail to " + n.recipientAddress() + " not sent: " + e;
      LOG.warn("E-mail {} ({}) to {} failed: {}", n.notificationId(), n.kind(), n.recipientAddress(), failure);
    }
    String outcome = failure;
    committedAtOnce.executeWithoutResult(status -> {
      if (outcome == null) {
        repository.sent(n.notificationId(), EngineClock.now());
      } else {
        repository.failed(n.notificationId(), outcome);
      }
    });
    return failure;
  }
}
