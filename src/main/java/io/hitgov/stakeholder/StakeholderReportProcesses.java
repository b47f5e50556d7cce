package io.hitgov.stakeholder;

/**
 * The technical contracts of {@code StatusReportProcess} (weekly, Monday 07:00) and
 * {@code PortfolioPackProcess} (monthly, the 1st at 07:00) (docs/contract.md): a timer start each,
 * edited by the PMO in Camunda Modeler, whose one step queues the e-mails.
 */
public final class StakeholderReportProcesses {

  public static final String STATUS_REPORT_KEY = "StatusReportProcess";
  public static final String STATUS_REPORT_START = "StartEvent_StatusReportsDue";
  public static final String PORTFOLIO_PACK_KEY = "PortfolioPackProcess";
  public static final String PORTFOLIO_PACK_START = "StartEvent_PortfolioPackDue";

  private StakeholderReportProcesses() {}
}
