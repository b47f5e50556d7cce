package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.ModelCallable;
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
 * the stored e-mail once. A failure is recorded on the row in its own transaction (attempts, the
 * server's answer) and thrown again, so the job retries and at the end leaves its incident; a mail
 * already sent is not sent twice.
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
    String id = (String) execution.getVariable(NotificationDeliveryProcess.Variables.NOTIFICATION_ID);
    Notification n = repository.find(id).orElseThrow(() -> new IllegalStateException("No notification " + id));
    if ("SENT".equals(n.status())) {
      return;
    }
    try {
      mail.send(n.recipientAddress(), n.subject(), n.body(), n.contentType());
    } catch (SmtpMailer.MailDeliveryException e) {
      ownTransaction.executeWithoutResult(status -> repository.failed(id, e.getMessage()));
      LOG.warn("E-mail {} ({}) to {} failed: {}", id, n.kind(), n.recipientAddress(), e.getMessage());
      throw e;
    }
    repository.sent(id, EngineClock.now());
    LOG.info("E-mail {} ({}) sent to {}: {}", id, n.kind(), n.recipientAddress(), n.subject());
  }
}
