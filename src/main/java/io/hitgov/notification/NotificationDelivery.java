package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.ModelCallable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send step of {@code NotificationDeliveryProcess} ({@code ${sendNotificationDelegate}}): sends
 * the e-mails of its batch (those one transaction queued, at most
 * {@value NotificationService#MAX_BATCH}) that are not sent yet, over one connection to the mail
 * server. Each mail the server accepted is marked sent at once in a transaction of its own, so
 * neither a later failure, nor the job's retry, nor a second run after an expired job lock sends it
 * again; each failure is recorded on its row (attempts, the server's answer). After
 * {@value #FAILURES_BEFORE_GIVING_UP} failures in a row (the server is down) the rest wait for the
 * retry. Any failure is thrown at the end, so the job
 * retries only the mails still unsent (those never tried first) and at the end leaves its incident.
 */
@Component("sendNotificationDelegate")
@ModelCallable(processes = NotificationDeliveryProcess.KEY)
class NotificationDelivery implements JavaDelegate {

  static final int FAILURES_BEFORE_GIVING_UP = 2;
  private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

  private final NotificationRepository repository;
  private final SmtpMailer mail;
  private final TransactionTemplate ownTransaction;

  NotificationDelivery(NotificationRepository repository, SmtpMailer mail, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.mail = mail;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void execute(DelegateExecution execution) {
    String batch = (String) execution.getVariable(NotificationDeliveryProcess.Variables.NOTIFICATION_ID);
    List<Notification> unsent = repository.unsentOfBatch(batch);
    Map<String, String> failed = sendAll(unsent);
    if (!failed.isEmpty()) {
      String first = failed.values().iterator().next();
      throw new SmtpMailer.MailDeliveryException(failed.size() == 1 && unsent.size() == 1 ? first
          : failed.size() + " of " + unsent.size() + " e-mails not sent; first: " + first, null);
    }
  }

  /** Sends the mails over one connection until two in a row fail; the failures by notification id. */
  private Map<String, String> sendAll(List<Notification> unsent) {
    Map<String, String> failed = new LinkedHashMap<>();
    int inARow = 0;
    try (SmtpMailer.Connection smtp = mail.connect()) {
      for (Notification n : unsent) {
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

  /** Sends one mail and records the outcome on its row in its own transaction; the failure, or null. */
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
    ownTransaction.executeWithoutResult(status -> {
      if (outcome == null) {
        repository.sent(n.notificationId(), EngineClock.now());
      } else {
        repository.failed(n.notificationId(), outcome);
      }
    });
    return failure;
  }
}
