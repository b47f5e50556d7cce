package io.hitgov.notification;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import org.springframework.stereotype.Component;

/**
 * The technical contract of {@code NotificationDeliveryProcess} (docs/contract.md): a batch of e-mails
 * one transaction queued (one, or one per recipient of a task, an escalation, a decision) that did not
 * go out right after the transaction ({@link MailDispatcher}: the mail server refused or was down, or
 * the node stopped first), sent by one asynchronous job with retries ({@code R3/PT5M}) that resends
 * only those still unsent; when the
 * mail server stays down the job's failedJob incident shows in Cockpit, and resolving it (retries set again, in Cockpit or with
 * {@code PUT /engine-rest/job/{id}/retries}) sends the mail. Started by HITGov only.
 */
@Component
public final class NotificationDeliveryProcess implements ProcessContract {

  public static final String KEY = "NotificationDeliveryProcess";
  public static final String RESOURCE = "processes/notification/NotificationDeliveryProcess.bpmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_NotificationQueued";
    public static final String SEND = "ServiceTask_SendNotification";
    public static final String END = "EndEvent_NotificationSent";

    private Elements() {}
  }

  /** Variable names. */
  public static final class Variables {
    /**
     * The batch: the id ({@code NT-…}) of its first {@code notification} row, which every row of the
     * batch carries as {@code batch_id}; the mails' text stays in those rows, never in the process.
     */
    public static final String NOTIFICATION_ID = "notificationId";

    private Variables() {}
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of(VariableSpec.string(Variables.NOTIFICATION_ID, true, 40));
  }
}
