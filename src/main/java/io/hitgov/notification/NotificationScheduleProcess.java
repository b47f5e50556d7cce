package io.hitgov.notification;

/**
 * The technical contract of {@code NotificationScheduleProcess} (docs/contract.md): three timer
 * start events, edited by the PMO in Camunda Modeler: the daily digest (07:00), the weekly status
 * reports to each project's stakeholder register (Monday 07:00) and the monthly portfolio pack to
 * the steering committee (1st of the month, 07:00). Each run queues e-mails only; every e-mail is
 * then delivered by its own {@link NotificationDeliveryProcess}.
 */
public final class NotificationScheduleProcess {

  public static final String KEY = "NotificationScheduleProcess";
  public static final String RESOURCE = "processes/notification/NotificationScheduleProcess.bpmn";

  /** Element ids. */
  public static final class Elements {
    public static final String DAILY = "StartEvent_DigestDue";
    public static final String WEEKLY = "StartEvent_StatusReportsDue";
    public static final String MONTHLY = "StartEvent_PortfolioPackDue";
    public static final String SEND_DIGESTS = "ServiceTask_SendDigests";
    public static final String SEND_STATUS_REPORTS = "ServiceTask_SendStatusReports";
    public static final String SEND_PORTFOLIO_PACK = "ServiceTask_SendPortfolioPack";

    private Elements() {}
  }

  private NotificationScheduleProcess() {}
}
