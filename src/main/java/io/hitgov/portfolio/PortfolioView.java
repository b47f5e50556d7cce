package io.hitgov.portfolio;

import io.hitgov.change.ChangeImpacts;
import io.hitgov.lifecycle.ProjectPortfolio;
import io.hitgov.lifecycle.ProjectPortfolio.ActiveProject;
import io.hitgov.lifecycle.ProjectPortfolio.PhaseDates;
import io.hitgov.portfolio.FindingRepository.OpenFinding;
import io.hitgov.risk.RiskPortfolio;
import io.hitgov.shared.process.EngineClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/portfolio}: one page of the active projects with phase, RAG, next gate, go-live,
 * the stalled reasons (the watch's open incidents), the phase plan for the Gantt and the cumulative
 * change impact. A fixed number of statements per page: the page, the count, the phase plans, the
 * open incidents, the open risks and the approved changes of the page's projects (only the page's
 * rows are read in full, however deep the page).
 */
@Service
class PortfolioView {

  static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/%s/runtime";
  static final String TASKLIST_PROJECT = "/camunda/app/tasklist/default/#/?searchQuery=%s";

  private final ProjectPortfolio projects;
  private final RiskPortfolio risks;
  private final ChangeImpacts changes;
  private final FindingRepository findings;

  PortfolioView(ProjectPortfolio projects, RiskPortfolio risks, ChangeImpacts changes, FindingRepository findings) {
    this.projects = projects;
    this.risks = risks;
    this.changes = changes;
    this.findings = findings;
  }

  /**
   * The open findings of the watch per project (one statement): HITGov's record of its incidents,
   * readable by every governance reader (the engine's incident query would show a reader only the
   * instances they may read).
   */
  Map<String, List<OpenFinding>> openFindings() {
    return byProject(findings.open());
  }

  static Map<String, List<OpenFinding>> byProject(List<OpenFinding> open) {
    Map<String, List<OpenFinding>> byProject = new HashMap<>();
    open.forEach(f -> byProject.computeIfAbsent(f.projectId(), id -> new ArrayList<>()).add(f));
    return byProject;
  }

  Map<String, Object> page(String projectId, boolean stalledOnly, int page, int size) {
    LocalDate today = EngineClock.today();
    Map<String, List<OpenFinding>> incidents;
    List<ActiveProject> rows;
    long total;
    if (stalledOnly) {
      incidents = openFindings();
      // the stalled projects are few: read just them (one statement) and page in memory
      List<ActiveProject> stalled = projects.activeProjectsIn(projectId == null ? incidents.keySet()
          : incidents.keySet().stream().filter(projectId::equals).toList());
      total = stalled.size();
      rows = stalled.stream().skip((long) page * size).limit(size).toList();
    } else {
      total = projects.countActive(projectId);
      rows = projects.activeProjects(projectId, page * size, size);
      incidents = byProject(findings.open(rows.stream().map(ActiveProject::projectId).toList()));
    }
    List<String> ids = rows.stream().map(ActiveProject::projectId).toList();
    Map<String, List<PhaseDates>> phases = projects.phases(ids);
    Map<String, Map<String, Long>> bands = risks.openBands(ids);
    Map<String, ChangeImpacts.Impact> impacts = changes.approved(ids);

    List<Map<String, Object>> list = new ArrayList<>();
    for (ActiveProject p : rows) {
      list.add(project(p, today, projects.stallTolerancePercent(), incidents.getOrDefault(p.projectId(), List.of()),
          phases.getOrDefault(p.projectId(), List.of()), bands.getOrDefault(p.projectId(), Map.of()),
          impacts.getOrDefault(p.projectId(), ChangeImpacts.Impact.NONE)));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("asOf", today.toString());
    answer.put("page", page);
    answer.put("size", size);
    answer.put("total", total);
    answer.put("projects", list);
    return answer;
  }

  static Map<String, Object> project(ActiveProject p, LocalDate today, int tolerancePercent, List<OpenFinding> incidents,
      List<PhaseDates> phases, Map<String, Long> bands, ChangeImpacts.Impact impact) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("projectId", p.projectId());
    row.put("projectName", p.projectName());
    row.put("projectType", p.projectType());
    row.put("phase", p.currentPhase());
    row.put("nextGate", p.nextGate());
    row.put("goLiveDate", p.goLiveDate().toString());
    row.put("baselineGoLiveDate", p.baselineGoLiveDate().toString());
    row.put("projectManager", p.projectManager());

    List<Map<String, Object>> stalled = new ArrayList<>();
    int daysLate = 0;
    for (OpenFinding incident : incidents) {
      LocalDate since = Finding.since(incident.configuration());
      int late = since == null ? 0 : ProjectFacts.businessDaysBetween(since, today);
      daysLate = Math.max(daysLate, late);
      Map<String, Object> reason = new LinkedHashMap<>();
      reason.put("type", incident.incidentType());
      reason.put("cause", Finding.cause(incident.configuration()));
      reason.put("reason", incident.message());
      reason.put("since", since == null ? null : since.toString());
      reason.put("daysLate", late);
      reason.put("incidentId", incident.incidentId());
      reason.put("raisedAt", incident.raisedAt().toInstant().toString());
      stalled.add(reason);
    }
    row.put("stalled", stalled);
    row.put("daysLate", daysLate);

    ProjectRag.Rag rated = rag(p, today, tolerancePercent, incidents.stream().map(OpenFinding::incidentType).toList(),
        bands.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
    Map<String, String> rag = new LinkedHashMap<>();
    rag.put("schedule", rated.schedule());
    rag.put("budget", rated.budget());
    rag.put("risk", rated.risk());
    rag.put("readiness", rated.readiness());
    rag.put("overall", rated.overall());
    row.put("rag", rag);

    Map<String, Object> risk = new LinkedHashMap<>();
    for (String band : List.of("EXTREME", "HIGH", "MODERATE", "LOW")) {
      risk.put(band, bands.getOrDefault(band, 0L));
    }
    row.put("openRisks", risk);

    Map<String, Object> change = new LinkedHashMap<>();
    change.put("approvedChanges", impact.approvedChanges());
    change.put("costImpact", impact.costImpact());
    change.put("scheduleImpactDays", impact.scheduleImpactDays());
    change.put("scopeCreepPercent", p.baselineBudget() == 0 ? 0
        : Math.round(impact.costImpact() * 1000.0 / p.baselineBudget()) / 10.0);
    row.put("changeImpact", change);

    List<Map<String, Object>> plan = new ArrayList<>();
    for (PhaseDates phase : phases) {
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("phase", phase.phase());
      bar.put("plannedStart", str(phase.plannedStart()));
      bar.put("plannedEnd", str(phase.plannedEnd()));
      bar.put("actualStart", phase.actualStart() == null ? null : ProjectFacts.date(phase.actualStart()).toString());
      bar.put("actualEnd", phase.actualEnd() == null ? null : ProjectFacts.date(phase.actualEnd()).toString());
      bar.put("skipped", phase.skipped());
      // gate Gn closes phase Pn (docs/domain/lifecycle-and-gates.md#gates); P9 ends the project
      bar.put("gate", "P9".equals(phase.phase()) ? null : "G" + phase.phase().substring(1));
      plan.add(bar);
    }
    row.put("phases", plan);

    Map<String, String> links = new LinkedHashMap<>();
    links.put("cockpit", COCKPIT_INSTANCE.formatted(p.processInstanceId()));
    links.put("tasklist", TASKLIST_PROJECT.formatted(URLEncoder.encode(
        "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\"" + p.projectId() + "\",\"name\":\"\"}]",
        StandardCharsets.UTF_8).replace("+", "%20")));
    row.put("links", links);
    row.put("processInstanceId", p.processInstanceId());
    return row;
  }

  /** {@link ProjectRag} over the portfolio's facts of one project. */
  static ProjectRag.Rag rag(ActiveProject p, LocalDate today, int tolerancePercent, List<String> findings,
      List<String> openBands) {
    ProjectRag.Schedule plan = new ProjectRag.Schedule(p.goLiveDate(), p.baselineGoLiveDate(), p.phasePlannedStart(),
        p.phasePlannedEnd(), tolerancePercent);
    return ProjectRag.rate(ProjectRag.schedule(plan, findings, today), ProjectRag.budget(p.budget(), p.baselineBudget()),
        ProjectRag.risk(openBands), ProjectRag.readiness(p.readinessOutcome(), !ProjectFacts.blank(p.readinessRedHard()),
            !ProjectFacts.blank(p.readinessRedSoft())));
  }

  private static String str(LocalDate day) {
    return day == null ? null : day.toString();
  }

  /** The 5 x 5 heat map of open risks, one project's or the whole portfolio's. */
  Map<String, Object> heatMap(String projectId) {
    long[][] grid = new long[5][5];
    for (RiskPortfolio.HeatCell cell : risks.heatMap(projectId)) {
      if (cell.likelihood() >= 1 && cell.likelihood() <= 5 && cell.impact() >= 1 && cell.impact() <= 5) {
        grid[cell.likelihood() - 1][cell.impact() - 1] += cell.risks();
      }
    }
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int l = 1; l <= 5; l++) {
      for (int i = 1; i <= 5; i++) {
        cells.add(Map.of("likelihood", l, "impact", i, "risks", grid[l - 1][i - 1]));
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("projectId", projectId);
    answer.put("cells", cells);
    return answer;
  }
}
