package io.hitgov.lifecycle;

import io.hitgov.shared.jdbc.Rows;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The active projects as the portfolio sees them, read set-based: one statement for a page of
 * projects (or all of them) with the current phase's plan, the latest readiness scoring and the
 * latest governance activity, one more for the phase plans of a page. Plain values only: the
 * lifecycle's rows stay inside the lifecycle (docs/adr/0004-feature-packages.md).
 */
@Service
public class ProjectPortfolio {

  /**
   * One active project.
   *
   * @param phasePlannedStart planned start of the current phase (null for a tailored-away phase)
   * @param readinessRedHard the red hard criteria of the latest readiness scoring, comma-separated
   * @param lastActivity the latest lifecycle event or deliverable (or the project's start)
   */
  public record ActiveProject(String projectId, String projectName, String processInstanceId, String currentPhase,
      String nextGate, LocalDate goLiveDate, LocalDate baselineGoLiveDate, long budget, long baselineBudget,
      String projectManager, String projectType, LocalDate phasePlannedStart, LocalDate phasePlannedEnd,
      OffsetDateTime phaseActualStart, OffsetDateTime phaseActualEnd, String readinessOutcome, String readinessRedHard, String readinessRedSoft,
      OffsetDateTime readinessScoredAt, OffsetDateTime lastActivity) {}

  /** One phase of a project's plan, planned against actual. */
  public record PhaseDates(String phase, LocalDate plannedStart, LocalDate plannedEnd, OffsetDateTime actualStart,
      OffsetDateTime actualEnd, boolean skipped) {}

  private static final String ACTIVE = """
      select p.project_id, p.project_name, p.process_instance_id, p.current_phase, p.next_gate, p.go_live_date,
        p.baseline_go_live_date, p.budget, p.baseline_budget, p.project_manager, p.project_type,
        ph.planned_start as phase_planned_start, ph.planned_end as phase_planned_end, ph.actual_start as phase_actual_start,
        ph.actual_end as phase_actual_end,
        rc.outcome as readiness_outcome, rc.red_hard as readiness_red_hard, rc.red_soft as readiness_red_soft,
        rc.scored_at as readiness_scored_at,
        greatest(p.started_at,
          coalesce((select e.at from project_event e where e.id =
            (select max(e2.id) from project_event e2 where e2.project_id = p.project_id)), p.started_at),
          coalesce((select d.submitted_at from project_deliverable d where d.id =
            (select max(d2.id) from project_deliverable d2 where d2.project_id = p.project_id)), p.started_at)) as last_activity
      from project p
      left join project_phase ph on ph.project_id = p.project_id and ph.phase = p.current_phase
      left join readiness_checkpoint rc on rc.id =
        (select max(r2.id) from readiness_checkpoint r2 where r2.project_id = p.project_id)
      where p.status = 'ACTIVE'
      """;

  private final JdbcClient jdbc;
  private final LifecycleProperties properties;

  public ProjectPortfolio(JdbcClient jdbc, LifecycleProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** How far a phase may run past its planned end, in percent of its planned length (the schedule RAG). */
  public int stallTolerancePercent() {
    return properties.stallTolerancePercent();
  }

  /** Every active project, in one statement (the portfolio watch's sweep). */
  public List<ActiveProject> activeProjects() {
    return jdbc.sql(ACTIVE + " order by p.project_id").query(Rows.of(ActiveProject.class)).list();
  }

  /**
   * One page of the active projects, by go-live date; {@code projectId} narrows it to one project.
   * Two statements: the page's ids from the index {@code project_status_list} (V21), then only those
   * projects with their per-project look-ups (phase, readiness, last activity), so a deep page costs
   * its 50 rows, not the rows it skips. Not one statement with the ids as a subquery: on tables whose
   * statistics are stale (a portfolio that just grew) PostgreSQL ran that subquery once per active
   * project, 370 ms for a page at 1,000 projects (docs/processes/portfolio-watch.md#benchmark).
   */
  public List<ActiveProject> activeProjects(String projectId, int offset, int limit) {
    String filter = projectId == null ? "" : " and project_id = :projectId";
    var spec = jdbc.sql("select project_id from project where status = 'ACTIVE'" + filter
            + " order by go_live_date, project_id limit :limit offset :offset")
        .param("limit", limit).param("offset", offset);
    if (projectId != null) {
      spec = spec.param("projectId", projectId);
    }
    return activeProjectsIn(spec.query(String.class).list());
  }

  /** Where a page of active projects ended: the last project's go-live date and id. */
  public record PageEnd(java.time.LocalDate goLiveDate, String projectId) {}

  /**
   * The next page of active projects by go-live date after {@code after} (null: the first page), read
   * by key rather than offset, so a project that closes or moves meanwhile shifts no later page; two
   * statements, as {@link #activeProjects(String, int, int)}. The page's end is where the next starts
   * (null when this page is the last): a project closed between the two statements is missing from
   * the page, not from the pages after it.
   */
  public Page activeProjectsAfter(PageEnd after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    // the first condition lets the index project_status_list start at the key, the second is the key
    String key = after == null ? "" : " and go_live_date >= :goLive"
        + " and (go_live_date > :goLive or go_live_date = :goLive and project_id > :projectId)";
    var spec = jdbc.sql("select project_id, go_live_date from project where status = 'ACTIVE'" + key
        + " order by go_live_date, project_id limit :limit").param("limit", limit);
    if (after != null) {
      spec = spec.param("goLive", after.goLiveDate()).param("projectId", after.projectId());
    }
    List<PageEnd> ids = spec.query((rs, row) -> new PageEnd(rs.getObject(2, java.time.LocalDate.class),
        rs.getString(1))).list();
    return new Page(activeProjectsIn(ids.stream().map(PageEnd::projectId).toList()),
        ids.size() < limit ? null : ids.get(ids.size() - 1));
  }

  /** A page of active projects and where the next one starts (null: none). */
  public record Page(List<ActiveProject> projects, PageEnd next) {}

  /** The active projects among {@code projectIds}, by go-live date (one statement). */
  public List<ActiveProject> activeProjectsIn(Collection<String> projectIds) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(ACTIVE + " and p.project_id in (:ids) order by p.go_live_date, p.project_id")
        .param("ids", projectIds).query(Rows.of(ActiveProject.class)).list();
  }

  /** The number of active projects ({@code projectId}: 0 or 1). */
  public long countActive(String projectId) {
    return projectId == null
        ? jdbc.sql("select count(*) from project where status = 'ACTIVE'").query(Long.class).single()
        : jdbc.sql("select count(*) from project where status = 'ACTIVE' and project_id = ?").param(projectId)
            .query(Long.class).single();
  }

  /** The phase plans of the given projects, in one statement, P0 to P9 each. */
  public Map<String, List<PhaseDates>> phases(Collection<String> projectIds) {
    Map<String, List<PhaseDates>> phases = new LinkedHashMap<>();
    if (projectIds.isEmpty()) {
      return phases;
    }
    jdbc.sql("""
        select project_id, phase, planned_start, planned_end, actual_start, actual_end, skipped
        from project_phase where project_id in (:ids) order by project_id, phase""")
        .param("ids", projectIds)
        .query((rs, row) -> phases.computeIfAbsent(rs.getString("project_id"), id -> new java.util.ArrayList<>())
            .add(new PhaseDates(rs.getString("phase"), rs.getObject("planned_start", LocalDate.class),
                rs.getObject("planned_end", LocalDate.class), rs.getObject("actual_start", OffsetDateTime.class),
                rs.getObject("actual_end", OffsetDateTime.class), rs.getBoolean("skipped"))))
        .list();
    return phases;
  }
}
