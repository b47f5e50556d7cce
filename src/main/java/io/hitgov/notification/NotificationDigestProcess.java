package io.hitgov.notification;

/**
 * The technical contract of {@code NotificationDigestProcess} (docs/contract.md): a timer start
 * (daily 07:00, edited by the PMO in Camunda Modeler) whose one step queues each person's digest.
 */
public final class NotificationDigestProcess {

  public static final String KEY = "NotificationDigestProcess";
  public static final String RESOURCE = "processes/notification/NotificationDigestProcess.bpmn";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_DigestDue";
    public static final String SEND = "ServiceTask_SendDigests";

    private Elements() {}
  }

  private NotificationDigestProcess() {}
}
