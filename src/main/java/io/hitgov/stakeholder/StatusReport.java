package io.hitgov.stakeholder;

import io.hitgov.change.ProjectChanges.ChangeSummary;
import io.hitgov.lifecycle.ProjectStatus.ReadinessPoint;
import io.hitgov.lifecycle.ProjectStatus.Summary;
import io.hitgov.portfolio.ProjectRag.Rag;
import io.hitgov.risk.RiskProfile.OpenRisk;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One project's status report (docs/notifications.md#status-report): RAG, milestones planned
 * against actual, top risks, pending decisions, changes this period, readiness trend. Governance
 * facts only (ids, names, roles, dates, outcomes), never PHI. Rendered as HTML (the PMO's Mustache
 * template), CSV ({@link #csv()}, one row per field) and PDF.
 */
public record StatusReport(Summary project, LocalDate reportDate, LocalDate periodStart, Rag rag,
    List<Milestone> milestones, List<OpenRisk> topRisks, List<PendingDecision> pendingDecisions,
    List<ChangeSummary> changes, List<ReadinessPoint> readinessTrend) {

  /** A phase (planned and actual start and end) or a gate (planned date, decision date and outcome). */
  public record Milestone(String milestone, String kind, LocalDate plannedStart, LocalDate plannedEnd,
      LocalDate actualStart, LocalDate actualEnd, String outcome, String state) {}

  /** An open decision task of the project: who holds it, since when, due when. */
  public record PendingDecision(String taskId, String taskName, String heldBy, LocalDate since, LocalDate due) {}

  /** The values the HTML template reads (maps, lists and strings only). */
  public Map<String, Object> model() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> p = new LinkedHashMap<>();
    projectFields().forEach(p::put);
    m.put("project", p);
    m.put("projectId", project.projectId());
    m.put("projectName", project.projectName());
    m.put("reportDate", s(reportDate));
    m.put("periodStart", s(periodStart));
    Map<String, Object> r = new LinkedHashMap<>();
    ragFields().forEach(r::put);
    m.put("rag", r);
    m.put("milestones", milestones.stream().map(x -> fields(milestoneFields(x))).toList());
    m.put("risks", topRisks.stream().map(x -> fields(riskFields(x))).toList());
    m.put("hasRisks", !topRisks.isEmpty());
    m.put("decisions", pendingDecisions.stream().map(x -> fields(decisionFields(x))).toList());
    m.put("hasDecisions", !pendingDecisions.isEmpty());
    m.put("changes", changes.stream().map(x -> fields(changeFields(x))).toList());
    m.put("hasChanges", !changes.isEmpty());
    m.put("readiness", readinessTrend.stream().map(x -> fields(readinessFields(x))).toList());
    m.put("hasReadiness", !readinessTrend.isEmpty());
    return m;
  }

  /** CSV, one row per field: {@code section,item,field,value}. */
  public String csv() {
    StringBuilder out = new StringBuilder("section,item,field,value\r\n");
    projectFields().forEach((f, v) -> row(out, "project", project.projectId(), f, v));
    ragFields().forEach((f, v) -> row(out, "rag", project.projectId(), f, v));
    milestones.forEach(x -> milestoneFields(x).forEach((f, v) -> row(out, "milestone", x.milestone(), f, v)));
    topRisks.forEach(x -> riskFields(x).forEach((f, v) -> row(out, "risk", x.riskId(), f, v)));
    pendingDecisions.forEach(x -> decisionFields(x).forEach((f, v) -> row(out, "decision", x.taskId(), f, v)));
    changes.forEach(x -> changeFields(x).forEach((f, v) -> row(out, "change", x.changeRequestId(), f, v)));
    readinessTrend.forEach(x -> readinessFields(x).forEach((f, v) -> row(out, "readiness", x.checkpoint(), f, v)));
    return out.toString();
  }

  private Map<String, String> projectFields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("projectName", project.projectName());
    f.put("status", project.status());
    f.put("projectType", project.projectType());
    f.put("currentPhase", project.currentPhase());
    f.put("nextGate", project.nextGate());
    f.put("goLiveDate", s(project.goLiveDate()));
    f.put("baselineGoLiveDate", s(project.baselineGoLiveDate()));
    f.put("budget", String.valueOf(project.budget()));
    f.put("baselineBudget", String.valueOf(project.baselineBudget()));
    f.put("sponsor", project.sponsor());
    f.put("projectManager", project.projectManager());
    f.put("reportDate", s(reportDate));
    f.put("periodStart", s(periodStart));
    return f;
  }

  private Map<String, String> ragFields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("overall", rag.overall());
    f.put("schedule", rag.schedule());
    f.put("budget", rag.budget());
    f.put("risk", rag.risk());
    f.put("readiness", rag.readiness());
    return f;
  }

  private static Map<String, String> milestoneFields(Milestone x) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("milestone", x.milestone());
    f.put("kind", x.kind());
    f.put("plannedStart", s(x.plannedStart()));
    f.put("plannedEnd", s(x.plannedEnd()));
    f.put("actualStart", s(x.actualStart()));
    f.put("actualEnd", s(x.actualEnd()));
    f.put("outcome", s(x.outcome()));
    f.put("state", x.state());
    return f;
  }

  private static Map<String, String> riskFields(OpenRisk x) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("riskId", x.riskId());
    f.put("title", x.title());
    f.put("category", x.category());
    f.put("band", s(x.band()));
    f.put("score", s(x.score()));
    f.put("owner", s(x.owner()));
    f.put("status", x.status());
    f.put("raisedOn", s(x.raisedOn()));
    return f;
  }

  private static Map<String, String> decisionFields(PendingDecision x) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("taskName", x.taskName());
    f.put("heldBy", x.heldBy());
    f.put("since", s(x.since()));
    f.put("due", s(x.due()));
    return f;
  }

  private static Map<String, String> changeFields(ChangeSummary x) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("changeRequestId", x.changeRequestId());
    f.put("title", x.title());
    f.put("changeType", x.changeType());
    f.put("status", x.status());
    f.put("outcome", s(x.outcome()));
    f.put("costImpact", String.valueOf(x.costImpact()));
    f.put("scheduleImpactDays", String.valueOf(x.scheduleImpactDays()));
    f.put("raisedOn", x.raisedAt() == null ? "" : x.raisedAt().toLocalDate().toString());
    f.put("lastEvent", s(x.lastEvent()));
    return f;
  }

  private static Map<String, String> readinessFields(ReadinessPoint x) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("checkpoint", x.checkpoint());
    f.put("daysToGoLive", String.valueOf(x.daysToGoLive()));
    f.put("scoredOn", s(x.scoredOn()));
    f.put("outcome", s(x.outcome()));
    f.put("redHard", String.join(" ", x.redHard()));
    f.put("redSoft", String.join(" ", x.redSoft()));
    return f;
  }

  private static Map<String, Object> fields(Map<String, String> values) {
    return new LinkedHashMap<>(values);
  }

  private static String s(Object value) {
    return value == null ? "" : Objects.toString(value);
  }

  private static void row(StringBuilder out, String section, String item, String field, String value) {
    List<String> cells = new ArrayList<>(List.of(section, s(item), field, s(value)));
    out.append(String.join(",", cells.stream().map(StatusReport::cell).toList())).append("\r\n");
  }

  /** A CSV cell: quoted when needed; a text starting like a spreadsheet formula gets a leading quote. */
  static String cell(String value) {
    boolean number = value.matches("-?\\d+");
    String safe = !number && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
