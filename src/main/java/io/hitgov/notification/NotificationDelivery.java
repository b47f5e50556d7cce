package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.ModelCallable;
import java.util.ArrayList;
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
 * the e-mails of its batch (those one transaction queued) that are not sent yet. When all go out,
 * they are marked sent with the job's own commit. When one fails, the mails that did go out are
 * marked sent and each failure recorded on its row (attempts, the server's answer) in a transaction
 * of their own, and the failure is thrown, so the job retries only the mails still unsent and at
 * the end leaves its incident; a mail already sent is not sent twice.
 */
@Component("sendNotificationDelegate")
@ModelCallable(processes = NotificationDeliveryProcess.KEY)
class NotificationDelivery implements JavaDelegate {

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
    List<String> sent = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    unsent.forEach(n -> send(n, sent, failed));
    if (failed.isEmpty()) {
      repository.sent(sent, EngineClock.now());
      return;
    }
    ownTransaction.executeWithoutResult(status -> {
      repository.sent(sent, EngineClock.now());
      failed.forEach(repository::failed);
    });
    String first = failed.values().iterator().next();
    throw new SmtpMailer.MailDeliveryException(failed.size() == 1 && unsent.size() == 1 ? first
        : failed.size() + " of " + unsent.size() + " e-mails not sent; first: " + first, null);
  }

  /** Sends one mail, adding its id to {@code sent} or its failure to {@code failed}. */
  private void send(Notification n, List<String> sent, Map<String, String> failed) {
    try {
      mail.send(n.recipientAddress(), n.subject(), n.body(), n.contentType());
      sent.add(n.notificationId());
      LOG.info("E-mail {} ({}) sent to {}: {}", n.notificationId(), n.kind(), n.recipientAddress(), n.subject());
    } catch (SmtpMailer.MailDeliveryException e) {
      failed.put(n.notificationId(), e.getMessage());
      LOG.warn("E-mail {} ({}) to {} failed: {}", n.notificationId(), n.kind(), n.recipientAddress(), e.getMessage());
    }
  }
}
