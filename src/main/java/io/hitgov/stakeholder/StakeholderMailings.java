package io.hitgov.stakeholder;

import io.hitgov.lifecycle.ProjectStatus;
import io.hitgov.notification.MailTemplates;
import io.hitgov.notification.NotificationService;
import io.hitgov.notification.NotificationService.Kind;
import io.hitgov.notification.NotificationService.Recipient;
import io.hitgov.portfolio.PortfolioRatings;
import io.hitgov.portfolio.ProjectRag;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.event.GateDecided;
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
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the stakeholders receive (docs/notifications.md): each gate decision (to the register's
 * {@code GATE_DECISIONS} entries), the weekly status report ({@code STATUS_REPORT} entries; the
 * {@code StatusReportProcess}) and the monthly
 * portfolio pack to the steering committee ({@code PortfolioPackProcess}).
 */
@Component
public class StakeholderMailings {

  private static final Logger LOG = LoggerFactory.getLogger(StakeholderMailings.class);
  /** Projects the monthly pack reads at a time. */
  static final int PACK_PAGE = 500;

  private final StakeholderService register;
  private final StatusReportService reports;
  private final StatusReportRenderer renderer;
  private final NotificationService notifications;
  private final ProjectStatus projects;
  private final PortfolioRatings portfolio;

  StakeholderMailings(StakeholderService register, StatusReportService reports, StatusReportRenderer renderer,
      NotificationService notifications, ProjectStatus projects, PortfolioRatings portfolio) {
    this.register = register;
    this.reports = reports;
    this.renderer = renderer;
    this.notifications = notifications;
    this.projects = projects;
    this.portfolio = portfolio;
  }

  /** A gate decision, to the stakeholders who receive GATE_DECISIONS; never fails the decision. */
  @EventListener
  public void onGateDecided(GateDecided decision) {
    if (!notifications.enabled()) {
      return;
    }
    try {
      String name = projects.summary(decision.projectId()).map(ProjectStatus.Summary::projectName).orElse("");
      for (Recipient recipient : register.recipients(decision.projectId(), "GATE_DECISIONS")) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("projectId", decision.projectId());
        model.put("projectName", name);
        model.put("gateId", decision.gateId());
        model.put("round", String.valueOf(decision.round()));
        model.put("outcome", decision.outcome());
        model.put("role", register.roleOf(decision.projectId(), recipient));
        model.put("reportLink", notifications.properties().link("/api/projects/" + decision.projectId()
            + "/status-report"));
        notifications.queue(Kind.GATE_DECISION, "gate-decision", decision.projectId(), model, List.of(recipient));
      }
    } catch (RuntimeException e) {
      LOG.warn("Gate decision notification for {} {} not queued: {}", decision.projectId(), decision.gateId(),
          e.toString());
    }
  }

  /** The weekly status report of every project to its register's STATUS_REPORT entries; the number of mails. */
  public int sendStatusReports() {
    int queued = 0;
    for (String projectId : register.projectsReceiving("STATUS_REPORT")) {
      var project = projects.summary(projectId).filter(p -> "ACTIVE".equals(p.status()));
      if (project.isEmpty()) {
        continue;
      }
      StatusReport report = reports.build(project.get());
      for (Recipient recipient : register.recipients(projectId, "STATUS_REPORT")) {
        MailTemplates.Rendered html = renderer.html(report, Map.of("recipientName", name(recipient)));
        queued += notifications.queueRendered(Kind.STATUS_REPORT, projectId, html, recipient);
      }
    }
    LOG.info("Weekly status reports: {} e-mail(s) queued", queued);
    return queued;
  }

  /**
   * The monthly portfolio pack (every active project's RAG, as the portfolio rates it) to the steering
   * committee; the number of mails. Read {@link #PACK_PAGE} projects at a time with a fixed number of
   * statements each ({@link PortfolioRatings}), not a status report per project.
   */
  public int sendPortfolioPack() {
    List<Map<String, Object>> rows = new ArrayList<>();
    int[] redAmber = new int[2];
    portfolio.forEachRating(PACK_PAGE, project -> {
      ProjectRag.Rag rag = project.rag();
      redAmber[0] += ProjectRag.RED.equals(rag.overall()) ? 1 : 0;
      redAmber[1] += ProjectRag.AMBER.equals(rag.overall()) ? 1 : 0;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("projectId", project.projectId());
      row.put("projectName", project.projectName());
      row.put("currentPhase", project.phase());
      row.put("nextGate", project.nextGate() == null ? "" : project.nextGate());
      row.put("goLiveDate", String.valueOf(project.goLiveDate()));
      row.put("overall", rag.overall());
      row.put("schedule", rag.schedule());
      row.put("budget", rag.budget());
      row.put("risk", rag.risk());
      row.put("readiness", rag.readiness());
      rows.add(row);
    });
    int red = redAmber[0];
    int amber = redAmber[1];
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reportDate", EngineClock.today().toString());
    model.put("projects", rows);
    model.put("projectCount", String.valueOf(rows.size()));
    model.put("redCount", String.valueOf(red));
    model.put("amberCount", String.valueOf(amber));
    int queued = notifications.queue(Kind.PORTFOLIO_PACK, "portfolio-pack", null, model,
        notifications.group(GovernanceGroup.STEERING_COMMITTEE.id()));
    LOG.info("Monthly portfolio pack: {} e-mail(s) queued", queued);
    return queued;
  }

  private static String name(Recipient recipient) {
    return recipient.name() == null ? recipient.address() : recipient.name();
  }

  /** {@code ${sendStatusReportsDelegate}}: the weekly timer of StatusReportProcess. */
  @Component("sendStatusReportsDelegate")
  @ModelCallable(processes = StakeholderReportProcesses.STATUS_REPORT_KEY)
  static class WeeklyStatusReports implements JavaDelegate {
    private final StakeholderMailings mailings;
    private final NotificationService notifications;

    WeeklyStatusReports(StakeholderMailings mailings, NotificationService notifications) {
      this.mailings = mailings;
      this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
      if (notifications.enabled()) {
        mailings.sendStatusReports();
      }
    }
  }

  /** {@code ${sendPortfolioPackDelegate}}: the monthly timer of PortfolioPackProcess. */
  @Component("sendPortfolioPackDelegate")
  @ModelCallable(processes = StakeholderReportProcesses.PORTFOLIO_PACK_KEY)
  static class MonthlyPortfolioPack implements JavaDelegate {
    private final StakeholderMailings mailings;
    private final NotificationService notifications;

    MonthlyPortfolioPack(StakeholderMailings mailings, NotificationService notifications) {
      this.mailings = mailings;
      this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
      if (notifications.enabled()) {
        mailings.sendPortfolioPack();
      }
    }
  }
}
