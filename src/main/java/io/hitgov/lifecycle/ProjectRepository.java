package io.hitgov.lifecycle;

import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.lifecycle.LifecycleRecords.Deliverable;
import io.hitgov.lifecycle.LifecycleRecords.Phase;
import io.hitgov.lifecycle.LifecycleRecords.PlannedPhase;
import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.lifecycle.LifecycleRecords.ProjectEvent;
import io.hitgov.lifecycle.LifecycleRecords.Registration;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Dialect;
import io.hitgov.shared.jdbc.Rows;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.process.TransactionMemo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The project registry, its phases, deliverables and readiness trend (the gate record is stagegate's). */
@Repository
class ProjectRepository {

  /** The append-only tables, chained per project (docs/security-audit.md). */
  public static final AuditedTable EVENTS = AuditedTable.of("project_event", "id", "project_id", "at", "actor", "event", "details");
  public static final AuditedTable DELIVERABLES = AuditedTable.of("project_deliverable", "id", "project_id", "phase", "task_key",
      "item", "document_id", "version", "summary", "accepted", "pass_rate", "open_critical", "submitted_by", "submitted_at");
  public static final AuditedTable CHECKPOINTS = AuditedTable.of("readiness_checkpoint", "id", "project_id", "checkpoint",
      "days_to_go_live", "scored_by", "scored_at", "outcome", "red_hard", "red_soft", "criteria", "decision_version",
      "raised_risks", "note");

  private final JdbcClient jdbc;
  private final AuditChain audit;
  private final TransactionMemo<String, Project> projects = new TransactionMemo<>();
  /** A project's phases, read once per transaction like the project (a gate decision asks for them ten times). */
  private final TransactionMemo<String, List<Phase>> phases = new TransactionMemo<>();

  private final Dialect dialect;

  public ProjectRepository(JdbcClient jdbc, AuditChain audit, DataSource dataSource) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.dialect = new Dialect(dataSource);
    audit.register(EVENTS);
    audit.register(DELIVERABLES);
    audit.register(CHECKPOINTS);
  }

  private static long insertReturningId(JdbcClient.StatementSpec insert) {
    var keys = new GeneratedKeyHolder();
    insert.update(keys, "id");
    return keys.getKey().longValue();
  }


  public void insert(Registration project) {
    jdbc.sql("""
        insert into project (project_id, project_name, go_live_date, baseline_go_live_date, budget, baseline_budget, sponsor,
          project_manager, vendor_selection_required, current_phase, next_gate, status, started_by, started_at, process_instance_id,
          project_type, readiness_criteria)
        values (:projectId, :projectName, :goLiveDate, :goLiveDate, :budget, :budget, :sponsor, :projectManager,
          :vendorSelectionRequired, 'P0', 'G0', 'ACTIVE', :startedBy, :startedAt, :processInstanceId,
          :projectType, :readinessCriteria)""")
        .paramSource(project).update();
    projects.evict(project.projectId());
  }

  /**
   * The project, read once per transaction (risk, change and gate steps ask for the same project
   * several times: registered?, sponsor, go-live, budget). Every write of this repository evicts it,
   * so a read after a write sees the row as written.
   */
  public Optional<Project> find(String projectId) {
    Project known = projects.get(projectId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Project> found = jdbc.sql("select * from project where project_id = ?").param(projectId)
        .query(Rows.of(Project.class)).optional();
    found.ifPresent(project -> projects.put(projectId, project));
    return found;
  }

  public Project get(String projectId) {
    return find(projectId).orElseThrow(() -> new IllegalStateException("No project " + projectId));
  }

  /** One page of projects by go-live date (indexes project_list, project_status_list). */
  public List<Project> findPage(String status, long offset, int limit) {
    if (status == null) {
      return jdbc.sql("select * from project order by go_live_date, project_id limit ? offset ?").params(limit, offset)
          .query(Rows.of(Project.class)).list();
    }
    return jdbc.sql("select * from project where status = ? order by go_live_date, project_id limit ? offset ?")
        .params(status, limit, offset).query(Rows.of(Project.class)).list();
  }

  public void update(String projectId, String column, Object value) {
    if (!column.matches("[a-z_]+")) {
      throw new IllegalArgumentException(column);
    }
    projects.evict(projectId);
    jdbc.sql("update project set " + column + " = ? where project_id = ?").params(value, projectId).update();
  }

  /**
   * Adds {@code delta} to the project's budget in one statement, under the row's lock, and answers the
   * budget after it: two changes that move one project's budget at the same time both count.
   */
  public long addToBudget(String projectId, long delta) {
    projects.evict(projectId);
    return jdbc.sql(dialect.updateReturning("update project set budget = budget + ? where project_id = ?", "budget"))
        .params(delta, projectId).query(Long.class).optional()
        .orElseThrow(() -> new IllegalStateException("No project " + projectId));
  }

  public void end(String projectId, String status, OffsetDateTime at) {
    projects.evict(projectId);
    jdbc.sql("update project set status = ?, ended_at = ? where project_id = ?").params(status, at, projectId).update();
  }

  public void insertPhase(PlannedPhase phase) {
    phases.evict(phase.projectId());
    jdbc.sql("""
        insert into project_phase (project_id, phase, planned_start, planned_end, entries, skipped)
        values (:projectId, :phase, :plannedStart, :plannedEnd, 0, :skipped)""").paramSource(phase).update();
  }

  public void replanPhase(String projectId, String phase, LocalDate start, LocalDate end) {
    phases.evict(projectId);
    jdbc.sql("update project_phase set planned_start = ?, planned_end = ? where project_id = ? and phase = ?")
        .params(start, end, projectId, phase).update();
  }

  public void phaseEntered(String projectId, String phase, OffsetDateTime at) {
    phases.evict(projectId);
    jdbc.sql("""
        update project_phase set actual_start = coalesce(actual_start, ?), actual_end = null, entries = entries + 1
        where project_id = ? and phase = ?""").params(at, projectId, phase).update();
  }

  public void phaseCompleted(String projectId, String phase, OffsetDateTime at) {
    phases.evict(projectId);
    jdbc.sql("update project_phase set actual_end = ? where project_id = ? and phase = ?")
        .params(at, projectId, phase).update();
  }

  /** The project's phases in order, read once per transaction; every phase write of this repository evicts them. */
  public List<Phase> phases(String projectId) {
    List<Phase> known = phases.get(projectId);
    if (known != null) {
      return known;
    }
    List<Phase> found = List.copyOf(jdbc.sql("select * from project_phase where project_id = ? order by phase")
        .param(projectId).query(Rows.of(Phase.class)).list());
    phases.put(projectId, found);
    return found;
  }


  public void insertEvent(String projectId, OffsetDateTime at, String actor, String event, String details) {
    audit.insertReturning(AuditChain.projectChain(projectId), EVENTS,
        "insert into project_event (project_id, at, actor, event, details) values (?, ?, ?, ?, ?)",
        projectId, at, actor, event, TaskFields.clipped(details, 2000));
  }

  public List<ProjectEvent> events(String projectId) {
    return jdbc.sql("select * from project_event where project_id = ? order by id").param(projectId)
        .query(Rows.of(ProjectEvent.class)).list();
  }

  public void insertDeliverable(Deliverable d) {
    d = new Deliverable(d.id(), d.projectId(), d.phase(), d.taskKey(), TaskFields.clipped(d.item(), 200), d.documentId(), d.version(),
        TaskFields.clipped(d.summary(), 2000), d.accepted(), d.passRate(), d.openCritical(), d.submittedBy(), d.submittedAt());
    Deliverable row = d;
    audit.insert(AuditChain.projectChain(d.projectId()), DELIVERABLES, () -> insertReturningId(jdbc.sql("""
        insert into project_deliverable (project_id, phase, task_key, item, document_id, version, summary, accepted,
          pass_rate, open_critical, submitted_by, submitted_at)
        values (:projectId, :phase, :taskKey, :item, :documentId, :version, :summary, :accepted, :passRate,
          :openCritical, :submittedBy, :submittedAt)""").paramSource(row)));
  }

  public List<Deliverable> deliverables(String projectId) {
    return jdbc.sql("select * from project_deliverable where project_id = ? order by id").param(projectId)
        .query(Rows.of(Deliverable.class)).list();
  }

  public void insertCheckpoint(Checkpoint c) {
    audit.insert(AuditChain.projectChain(c.projectId()), CHECKPOINTS, () -> insertReturningId(jdbc.sql("""
        insert into readiness_checkpoint (project_id, checkpoint, days_to_go_live, scored_by, scored_at, outcome,
          red_hard, red_soft, criteria, decision_version, raised_risks, note)
        values (:projectId, :checkpoint, :daysToGoLive, :scoredBy, :scoredAt, :outcome, :redHard, :redSoft,
          :criteria, :decisionVersion, :raisedRisks, :note)""").paramSource(c)));
  }

  public List<Checkpoint> checkpoints(String projectId) {
    return jdbc.sql("select * from readiness_checkpoint where project_id = ? order by id").param(projectId)
        .query(Rows.of(Checkpoint.class)).list();
  }
}
