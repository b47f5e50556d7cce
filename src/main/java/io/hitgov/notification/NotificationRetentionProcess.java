package io.hitgov.notification;

/**
 * The technical contract of {@code NotificationRetentionProcess} (docs/contract.md): a daily timer
 * start whose one step deletes delivered e-mails past their retention (docs/notifications.md#retention).
 */
public final class NotificationRetentionProcess {

  public static final String KEY = "NotificationRetentionProcess";
  public static final String RESOURCE = "processes/notification/NotificationRetentionProcess.bpmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_RetentionDue";
    public static final String PURGE = "ServiceTask_DeleteDeliveredNotifications";

    private Elements() {}
  }

  /** Variables it leaves on its instance (a count, no mail content). */
  public static final class Variables {
    public static final String DELETED = "notificationsDeleted";

    private Variables() {}
  }

  private NotificationRetentionProcess() {}
}
