package io.hitgov.stagegate;

import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Rows;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.stagegate.GateRecords.GateCondition;
import io.hitgov.stagegate.GateRecords.RaisedCondition;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The gate record (append-only, chained per project) and the conditions of GO_WITH_CONDITIONS decisions. */
@Repository
class GateRepository {

  /** The append-only gate record, chained per project like the lifecycle's tables (docs/security-audit.md). */
  public static final AuditedTable GATE_RECORDS = AuditedTable.of("gate_record", "id", "review_id", "project_id", "gate_id",
      "round", "kind", "user_id", "group_id", "at", "outcome", "comment", "evidence_refs", "unmet_criteria",
      "condition_text", "condition_owner", "condition_due", "decision_key", "decision_version", "details");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  public GateRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(GATE_RECORDS);
  }


  public void insertGateRecord(GateRecord r) {
    r = new GateRecord(r.id(), r.reviewId(), r.projectId(), r.gateId(), r.round(), r.kind(), r.userId(), r.groupId(),
        r.at(), r.outcome(), TaskFields.clipped(r.comment(), 2000), TaskFields.clipped(r.evidenceRefs(), 4000), TaskFields.clipped(r.unmetCriteria(), 500),
        TaskFields.clipped(r.conditionText(), 1000), r.conditionOwner(), r.conditionDue(), r.decisionKey(), r.decisionVersion(),
        TaskFields.clipped(r.details(), 4000));
    audit.insertReturning(AuditChain.projectChain(r.projectId()), GATE_RECORDS, """
        insert into gate_record (review_id, project_id, gate_id, round, kind, user_id, group_id, at, outcome, comment,
          evidence_refs, unmet_criteria, condition_text, condition_owner, condition_due, decision_key,
          decision_version, details)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.reviewId(), r.projectId(), r.gateId(),
        r.round(), r.kind(), r.userId(), r.groupId(), r.at(), r.outcome(), r.comment(), r.evidenceRefs(),
        r.unmetCriteria(), r.conditionText(), r.conditionOwner(), r.conditionDue(), r.decisionKey(),
        r.decisionVersion(), r.details());
  }

  public List<GateRecord> gateRecords(String projectId) {
    return jdbc.sql("select * from gate_record where project_id = ? order by id").param(projectId)
        .query(Rows.of(GateRecord.class)).list();
  }

  public List<GateRecord> reviewRecords(String reviewId) {
    return jdbc.sql("select * from gate_record where review_id = ? order by id").param(reviewId)
        .query(Rows.of(GateRecord.class)).list();
  }

  public List<GateRecord> gateHistory(String projectId, String gateId) {
    return jdbc.sql("select * from gate_record where project_id = ? and gate_id = ? order by id")
        .params(projectId, gateId).query(Rows.of(GateRecord.class)).list();
  }


  public void insertCondition(RaisedCondition c) {
    jdbc.sql("""
        insert into gate_condition (condition_id, review_id, project_id, gate_id, condition_text, owner, due_date,
          raised_by, raised_at, status)
        values (:conditionId, :reviewId, :projectId, :gateId, :conditionText, :owner, :dueDate, :raisedBy,
          :raisedAt, 'OPEN')""").paramSource(c).update();
  }

  public void fulfilCondition(String conditionId, String evidence, String note, String user, OffsetDateTime at) {
    jdbc.sql("""
        update gate_condition set status = 'FULFILLED', evidence = ?, note = ?, fulfilled_by = ?, fulfilled_at = ?
        where condition_id = ?""").params(evidence, note, user, at, conditionId).update();
  }

  public Optional<GateCondition> findCondition(String conditionId) {
    return jdbc.sql("select * from gate_condition where condition_id = ?").param(conditionId)
        .query(Rows.of(GateCondition.class)).optional();
  }

  public List<GateCondition> conditions(String projectId) {
    return jdbc.sql("select * from gate_condition where project_id = ? order by raised_at, condition_id")
        .param(projectId).query(Rows.of(GateCondition.class)).list();
  }
}
