package io.hitgov.notification;

import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Runs the outbox clean-up ({@link NotificationRetention}) and leaves the count on the instance. */
@Component
@ModelCallable(processes = NotificationRetentionProcess.KEY)
class NotificationRetentionDelegate implements JavaDelegate {

  private final NotificationRetention retention;

  NotificationRetentionDelegate(NotificationRetention retention) {
    this.retention = retention;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(NotificationRetentionProcess.Variables.DELETED, retention.purge());
  }
}
