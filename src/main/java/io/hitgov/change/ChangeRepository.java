package io.hitgov.change;

import io.hitgov.change.ChangeRecords.Approval;
import io.hitgov.change.ChangeRecords.BaselineChange;
import io.hitgov.change.ChangeRecords.ChangeEvent;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The change log: requests, approvals, events and the baseline changes they caused. */
@Repository
class ChangeRepository {

  /** The append-only records of change control, chained per project (docs/security-audit.md). */
  public static final AuditedTable APPROVALS = AuditedTable.of("change_approval", "id", "change_request_id", "group_id",
      "user_id", "decided_at", "approved", "comment");
  public static final AuditedTable ESCALATIONS = AuditedTable.of("change_escalation", "id", "change_request_id",
      "group_id", "escalated_to", "at");
  public static final AuditedTable EVENTS = AuditedTable.of("change_event", "id", "change_request_id", "at", "actor", "event",
      "details");
  public static final AuditedTable BASELINE_CHANGES = AuditedTable.of("project_baseline_change", "id", "project_id",
      "change_request_id", "field", "old_value", "new_value", "at", "actor");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  public ChangeRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(APPROVALS);
    audit.register(EVENTS);
    audit.register(ESCALATIONS);
    audit.register(BASELINE_CHANGES);
  }

  private String chainOf(String changeRequestId) {
    return AuditChain.projectChain(jdbc.sql("select project_id from change_request where change_request_id = ?")
        .param(changeRequestId).query(String.class).single());
  }

  private static long insertReturningId(JdbcClient.StatementSpec insert) {
    var keys = new GeneratedKeyHolder();
    insert.update(keys, "id");
    return keys.getKey().longValue();
  }

  public void insert(ChangeRecords.Raised cr) {
    jdbc.sql("""
        insert into change_request (change_request_id, project_id, title, change_type, cost_impact,
          schedule_impact_days, moves_go_live, new_go_live_date, clinical_content_impact, patient_safety_impact,
          phi_impact, interface_impact, justification, standard_template_id, requester, raised_at, in_freeze_window,
          status, outcome, process_instance_id)
        values (:changeRequestId, :projectId, :title, :changeType, :costImpact, :scheduleImpactDays, :movesGoLive,
          :newGoLiveDate, :clinicalContentImpact, :patientSafetyImpact, :phiImpact, :interfaceImpact, :justification,
          :standardTemplateId, :requester, :raisedAt, :inFreezeWindow, :status, :outcome, :processInstanceId)""")
        .paramSource(cr).update();
  }

  public Optional<ChangeRequest> find(String id) {
    return jdbc.sql("select * from change_request where change_request_id = ?").param(id)
        .query(ChangeRequest.class).optional();
  }

  public ChangeRequest get(String id) {
    return find(id).orElseThrow(() -> new IllegalStateException("No change request " + id));
  }

  public List<ChangeRequest> ofProject(String projectId) {
    return jdbc.sql("select * from change_request where project_id = ? order by raised_at, change_request_id")
        .param(projectId).query(ChangeRequest.class).list();
  }

  public void update(String id, String column, Object value) {
    if (!column.matches("[a-z_]+")) {
      throw new IllegalArgumentException(column);
    }
    jdbc.sql("update change_request set " + column + " = ? where change_request_id = ?").params(value, id).update();
  }

  public void insertApproval(Approval a) {
    audit.insert(chainOf(a.changeRequestId()), APPROVALS, () -> insertReturningId(jdbc.sql("""
        insert into change_approval (change_request_id, group_id, user_id, decided_at, approved, comment)
        values (:changeRequestId, :groupId, :userId, :decidedAt, :approved, :comment)""").paramSource(a)));
  }

  /** Records that the approval slot of {@code group} went overdue and {@code to} may now decide it. */
  public void insertEscalation(String id, String group, String to, OffsetDateTime at) {
    audit.insert(chainOf(id), ESCALATIONS, () -> insertReturningId(jdbc.sql(
        "insert into change_escalation (change_request_id, group_id, escalated_to, at) values (?, ?, ?, ?)")
        .params(id, group, to, at)));
  }

  public boolean escalated(String id, String group) {
    return jdbc.sql("select count(*) from change_escalation where change_request_id = ? and group_id = ?")
        .params(id, group).query(Long.class).single() > 0;
  }

  public List<Approval> approvals(String id) {
    return jdbc.sql("select * from change_approval where change_request_id = ? order by id").param(id)
        .query(Approval.class).list();
  }

  public void insertEvent(String id, OffsetDateTime at, String actor, String event, String details) {
    audit.insert(chainOf(id), EVENTS, () -> insertReturningId(
        jdbc.sql("insert into change_event (change_request_id, at, actor, event, details) values (?, ?, ?, ?, ?)")
            .params(id, at, actor, event, details)));
  }

  public List<ChangeEvent> events(String id) {
    return jdbc.sql("select * from change_event where change_request_id = ? order by id").param(id)
        .query(ChangeEvent.class).list();
  }

  public void insertBaselineChange(BaselineChange b) {
    audit.insert(AuditChain.projectChain(b.projectId()), BASELINE_CHANGES, () -> insertReturningId(jdbc.sql("""
        insert into project_baseline_change (project_id, change_request_id, field, old_value, new_value, at, actor)
        values (:projectId, :changeRequestId, :field, :oldValue, :newValue, :at, :actor)""").paramSource(b)));
  }

  public List<BaselineChange> baselineChanges(String projectId) {
    return jdbc.sql("select * from project_baseline_change where project_id = ? order by id").param(projectId)
        .query(BaselineChange.class).list();
  }
}
