package io.hitgov.notification.engine;

import io.hitgov.notification.NotificationDeliveryProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link NotificationDeliveryProcess} for a queued e-mail, on HITGov's behalf: whoever
 * caused the notification (an approver completing a task, a PMO raising an incident) needs no right
 * to start that process, and nobody else gets one. Runs inside the caller's transaction; the
 * process stops at once at its asynchronous send step, so nothing here reaches the mail server.
 */
@Component
public class DeliveryStarter {

  private final ProcessEngine engine;
  private final RuntimeService runtimeService;

  DeliveryStarter(@Lazy ProcessEngine engine, @Lazy RuntimeService runtimeService) {
    this.engine = engine;
    this.runtimeService = runtimeService;
  }

  /** The new process instance's id. */
  public String start(String notificationId) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> runtimeService.startProcessInstanceByKey(
            NotificationDeliveryProcess.KEY, notificationId,
            Variables.createVariables().putValue(NotificationDeliveryProcess.Variables.NOTIFICATION_ID, notificationId))
            .getId()));
  }
}
