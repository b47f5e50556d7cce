package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.ModelCallable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The send step of {@code NotificationDeliveryProcess} ({@code ${sendNotificationDelegate}}): a batch
 * that could not be sent right after its transaction committed (the mail server refused a mail or
 * was down, or the node stopped first) is sent here by the process's asynchronous job, which retries.
 * It sends the batch's mails not sent yet ({@link BatchSender}); any failure is thrown at the end, so
 * the job retries only the mails still unsent (those never tried first) and at the end leaves its
 * incident.
 */
@Component("sendNotificationDelegate")
@ModelCallable(processes = NotificationDeliveryProcess.KEY)
class NotificationDelivery implements JavaDelegate {

  private final NotificationRepository repository;
  private final BatchSender sender;

  NotificationDelivery(NotificationRepository repository, BatchSender sender) {
    this.repository = repository;
    this.sender = sender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String batch = (String) execution.getVariable(NotificationDeliveryProcess.Variables.NOTIFICATION_ID);
    List<Notification> unsent = repository.unsentOfBatch(batch, execution.getProcessInstanceId());
    Map<String, String> failed = sender.sendAll(unsent);
    if (!failed.isEmpty()) {
      throw new SmtpMailer.MailDeliveryException(BatchSender.summary(failed, unsent.size()), null);
    }
  }
}
