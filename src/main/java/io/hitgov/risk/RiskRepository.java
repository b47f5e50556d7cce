package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.GateHold;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The risk register: current state per risk, insert-only history, gate holds. */
@Repository
class RiskRepository {

  /** The risk history, append-only, chained per project (docs/security-audit.md). */
  public static final AuditedTable EVENTS = AuditedTable.of("risk_event", "id", "risk_id", "at", "actor", "event", "band",
      "score", "level", "details");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  public RiskRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(EVENTS);
  }

  public void insert(Risk risk) {
    jdbc.sql("""
        insert into risk (risk_id, project_id, title, category, likelihood, impact, owner, raised_by, raised_at,
          status, escalation_level, patient_safety, health_it_safety_event, proximity_date, process_instance_id)
        values (:riskId, :projectId, :title, :category, :likelihood, :impact, :owner, :raisedBy, :raisedAt,
          :status, :escalationLevel, :patientSafety, :healthItSafetyEvent, :proximityDate, :processInstanceId)""")
        .paramSource(risk)
        .update();
  }

  public Optional<Risk> find(String riskId) {
    return jdbc.sql("select * from risk where risk_id = ?").param(riskId).query(Risk.class).optional();
  }

  public Risk get(String riskId) {
    return find(riskId).orElseThrow(() -> new IllegalStateException("No risk " + riskId));
  }

  /** Risks of a project, optionally filtered (null = any). */
  public List<Risk> findOfProject(String projectId, String band, String status, String category) {
    StringBuilder sql = new StringBuilder("select * from risk where project_id = ?");
    List<Object> params = new ArrayList<>(List.of(projectId));
    if (band != null) {
      sql.append(" and band = ?");
      params.add(band);
    }
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (category != null) {
      sql.append(" and category = ?");
      params.add(category);
    }
    sql.append(" order by score desc nulls last, raised_at");
    return jdbc.sql(sql.toString()).params(params).query(Risk.class).list();
  }

  public void updateScore(String riskId, int likelihood, int impact, int score, String band) {
    jdbc.sql("update risk set likelihood = ?, impact = ?, score = ?, band = ? where risk_id = ?")
        .params(likelihood, impact, score, band, riskId).update();
  }

  public void updateOwner(String riskId, String owner) {
    jdbc.sql("update risk set owner = ? where risk_id = ?").params(owner, riskId).update();
  }

  public void updateStatus(String riskId, String status) {
    jdbc.sql("update risk set status = ? where risk_id = ?").params(status, riskId).update();
  }

  public void updatePlan(String riskId, String strategy, String status, LocalDate nextReview) {
    jdbc.sql("update risk set response_strategy = ?, status = ?, next_review_on = ? where risk_id = ?")
        .params(strategy, status, nextReview, riskId).update();
  }

  public void updateNextReview(String riskId, LocalDate nextReview) {
    jdbc.sql("update risk set next_review_on = ? where risk_id = ?").params(nextReview, riskId).update();
  }

  public void updateEscalationLevel(String riskId, String level) {
    jdbc.sql("update risk set escalation_level = ? where risk_id = ?").params(level, riskId).update();
  }

  public void updateHarm(String riskId, String harm) {
    jdbc.sql("update risk set harm = ? where risk_id = ?").params(harm, riskId).update();
  }

  public void close(String riskId, String status, String issueId, OffsetDateTime at) {
    jdbc.sql("update risk set status = ?, issue_id = ?, closed_at = ? where risk_id = ?")
        .params(status, issueId, at, riskId).update();
  }

  // ---- history

  public void insertEvent(RiskEvent event) {
    String projectId = jdbc.sql("select project_id from risk where risk_id = ?").param(event.riskId())
        .query(String.class).single();
    audit.insert(AuditChain.projectChain(projectId), EVENTS, () -> {
      var keys = new GeneratedKeyHolder();
      jdbc.sql("""
          insert into risk_event (risk_id, at, actor, event, band, score, level, details)
          values (:riskId, :at, :actor, :event, :band, :score, :level, :details)""")
          .paramSource(event)
          .update(keys, "id");
      return keys.getKey().longValue();
    });
  }

  public List<RiskEvent> events(String riskId) {
    return jdbc.sql("select * from risk_event where risk_id = ? order by id").param(riskId).query(RiskEvent.class).list();
  }

  // ---- gate holds

  public void insertHold(GateHold hold) {
    jdbc.sql("insert into gate_hold (project_id, gate_id, risk_id, held_at) values (:projectId, :gateId, :riskId, :heldAt)")
        .paramSource(hold)
        .update();
  }

  public List<GateHold> activeHoldsOfRisk(String riskId) {
    return jdbc.sql("select * from gate_hold where risk_id = ? and released_at is null order by id")
        .param(riskId).query(GateHold.class).list();
  }

  public List<GateHold> activeHolds(String projectId) {
    return jdbc.sql("select * from gate_hold where project_id = ? and released_at is null order by gate_id, id")
        .param(projectId).query(GateHold.class).list();
  }

  public void releaseHolds(String riskId, OffsetDateTime at) {
    jdbc.sql("update gate_hold set released_at = ? where risk_id = ? and released_at is null").params(at, riskId).update();
  }

  /** Counts of open risks per likelihood x impact cell. */
  public List<int[]> heatmap(String projectId) {
    return jdbc.sql("""
        select likelihood, impact, count(*) as n from risk
        where project_id = ? and closed_at is null group by likelihood, impact""")
        .param(projectId)
        .query((rs, row) -> new int[] {rs.getInt("likelihood"), rs.getInt("impact"), rs.getInt("n")})
        .list();
  }
}
