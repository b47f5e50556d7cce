package io.hitgov.stakeholder;

import io.hitgov.change.ProjectChanges;
import io.hitgov.lifecycle.ProjectStatus;
import io.hitgov.lifecycle.ProjectStatus.PhaseDates;
import io.hitgov.lifecycle.ProjectStatus.ReadinessPoint;
import io.hitgov.lifecycle.ProjectStatus.Summary;
import io.hitgov.notification.NotificationProperties;
import io.hitgov.portfolio.ProjectRag;
import io.hitgov.portfolio.WatchFindings;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.TaskCandidates;
import io.hitgov.risk.RiskProfile;
import io.hitgov.risk.RiskProfile.OpenRisk;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.GateDecisions;
import io.hitgov.stagegate.GateDecisions.GateDecision;
import io.hitgov.stakeholder.StatusReport.Milestone;
import io.hitgov.stakeholder.StatusReport.PendingDecision;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Builds a project's status report from the features' public ports (lifecycle {@link ProjectStatus},
 * stage gates {@link GateDecisions}, {@link RiskProfile}, change control {@link ProjectChanges}) and
 * the engine's open tasks, rated with the portfolio's {@link ProjectRag} (with the watch's open findings);
 * {@link StatusReportRenderer} renders it as HTML or PDF.
 */
@Service
public class StatusReportService {

  /** The open tasks that are decisions: the SLA-bound approvals and the other sign-offs and escalated decisions. */
  static final List<String> OTHER_DECISION_TASKS = List.of("UserTask_DecideHeldGate", "UserTask_ChaseOverdueGateDecision",
      "UserTask_ApproveRiskAcceptance", "UserTask_ApproveRiskClosure", "UserTask_ReviewEscalatedRisk");
  static final String PROJECT_ID = "projectId";

  private final ProjectStatus projects;
  private final GateDecisions gates;
  private final RiskProfile risks;
  private final ProjectChanges changes;
  private final TaskService taskService;
  private final CurrentUser engine;
  private final NotificationProperties properties;
  private final WatchFindings findings;

  StatusReportService(ProjectStatus projects, GateDecisions gates, RiskProfile risks, ProjectChanges changes,
      TaskService taskService, CurrentUser engine, NotificationProperties properties, WatchFindings findings) {
    this.findings = findings;
    this.projects = projects;
    this.gates = gates;
    this.risks = risks;
    this.changes = changes;
    this.taskService = taskService;
    this.engine = engine;
    this.properties = properties;
  }

  public Optional<StatusReport> build(String projectId) {
    return projects.summary(projectId).map(this::build);
  }

  public StatusReport build(Summary project) {
    String id = project.projectId();
    LocalDate today = EngineClock.today();
    LocalDate periodStart = today.minusDays(properties.statusReportDays());
    List<PhaseDates> phases = projects.phases(id);
    List<ReadinessPoint> trend = projects.readinessTrend(id);
    List<OpenRisk> open = risks.topRisks(id, Integer.MAX_VALUE);
    PhaseDates current = phases.stream().filter(p -> p.phase().equals(project.currentPhase())).findFirst().orElse(null);
    boolean active = "ACTIVE".equals(project.status());
    ReadinessPoint latest = trend.isEmpty() ? null : trend.get(trend.size() - 1);
    ProjectRag.Schedule plan = new ProjectRag.Schedule(project.goLiveDate(), project.baselineGoLiveDate(),
        active && current != null ? current.plannedStart() : null, active && current != null ? current.plannedEnd() : null,
        projects.stallTolerancePercent());
    ProjectRag.Rag rag = ProjectRag.rate(ProjectRag.schedule(plan, findings.openTypes(id), today),
        ProjectRag.budget(project.budget(), project.baselineBudget()),
        ProjectRag.risk(open.stream().map(OpenRisk::band).filter(java.util.Objects::nonNull).toList()),
        ProjectRag.readiness(latest == null ? null : latest.outcome(), latest != null && !latest.redHard().isEmpty(),
            latest != null && !latest.redSoft().isEmpty()));
    return new StatusReport(project, today, periodStart, rag, milestones(phases, gates.decisions(id), today),
        open.stream().limit(properties.topRisks()).toList(), pendingDecisions(id),
        changes.changedSince(id, periodStart.atStartOfDay(EngineClock.zone()).toOffsetDateTime()), trend);
  }

  /** Each phase, then the gate after it (G0 closes P0 … G8 closes P8), planned against actual. */
  static List<Milestone> milestones(List<PhaseDates> phases, List<GateDecision> decisions, LocalDate today) {
    List<Milestone> milestones = new ArrayList<>();
    for (PhaseDates phase : phases) {
      String state = phase.skipped() ? "SKIPPED" : phase.actualEnd() != null ? "DONE"
          : phase.actualStart() != null ? (phase.plannedEnd().isBefore(today) ? "LATE" : "IN_PROGRESS")
          : phase.plannedStart().isBefore(today) ? "LATE" : "PLANNED";
      milestones.add(new Milestone(phase.phase(), "PHASE", phase.plannedStart(), phase.plannedEnd(), phase.actualStart(),
          phase.actualEnd(), null, state));
      String gate = "G" + phase.phase().substring(1);
      List<GateDecision> ofGate = decisions.stream().filter(d -> d.gateId().equals(gate)).toList();
      if (ofGate.isEmpty() && (phase.phase().equals("P9") || phase.skipped())) {
        continue;
      }
      GateDecision last = ofGate.isEmpty() ? null : ofGate.get(ofGate.size() - 1);
      LocalDate decided = last == null ? null : last.decidedAt().toLocalDate();
      String gateState = last == null ? (phase.plannedEnd().isBefore(today) ? "LATE" : "PLANNED")
          : "GO".equals(last.outcome()) || "GO_WITH_CONDITIONS".equals(last.outcome()) ? "PASSED" : "NOT_PASSED";
      milestones.add(new Milestone(gate, "GATE", null, phase.plannedEnd(), null, decided,
          last == null ? null : last.outcome(), gateState));
    }
    return milestones;
  }

  private List<PendingDecision> pendingDecisions(String projectId) {
    List<String> keys = Stream.concat(properties.immediateTasks().stream(), OTHER_DECISION_TASKS.stream()).distinct()
        .toList();
    return engine.withoutEngineChecks(() -> {
      List<PendingDecision> pending = new ArrayList<>();
      for (Task task : taskService.createTaskQuery().processVariableValueEquals(PROJECT_ID, projectId)
          .taskDefinitionKeyIn(keys.toArray(String[]::new)).orderByTaskCreateTime().asc().list()) {
        String heldBy = task.getAssignee() != null ? task.getAssignee() : String.join(" ", TaskCandidates.groups(task));
        pending.add(new PendingDecision(task.getId(), task.getName(), heldBy, day(task.getCreateTime()),
            day(task.getDueDate())));
      }
      return pending;
    });
  }

  private static LocalDate day(java.util.Date date) {
    return date == null ? null : date.toInstant().atZone(EngineClock.zone() == null ? ZoneId.systemDefault()
        : EngineClock.zone()).toLocalDate();
  }
}
