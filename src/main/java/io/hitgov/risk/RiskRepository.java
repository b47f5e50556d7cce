package io.hitgov.risk;

import io.hitgov.shared.jdbc.Rows;
import io.hitgov.shared.process.TransactionMemo;
import java.util.Map;
import io.hitgov.risk.RiskRecords.GateHold;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RaisedRisk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The risk register: current state per risk, insert-only history, gate holds. */
@Repository
class RiskRepository {

  private static final int MAX_REMEMBERED = 20_000;

  /** The risks this transaction has read or written, by id (see {@link #find}). */
  private final TransactionMemo<String, Risk> risks = new TransactionMemo<>();
  /** The history of risks this transaction has read or created, by risk id, kept up to date by {@link #insertEvent}. */
  private final TransactionMemo<String, List<RiskEvent>> histories = new TransactionMemo<>();
  private final Map<String, String> projectOfRisk = new java.util.concurrent.ConcurrentHashMap<>();

  /** The risk history, append-only, chained per project (docs/security-audit.md). */
  public static final AuditedTable EVENTS = AuditedTable.of("risk_event", "id", "risk_id", "at", "actor", "event", "band",
      "score", "level", "details");

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final AuditChain audit;

  public RiskRepository(JdbcTemplate jdbcTemplate, AuditChain audit) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.audit = audit;
    audit.register(EVENTS);
  }

  public void insert(RaisedRisk risk) {
    jdbc.sql("""
        insert into risk (risk_id, project_id, title, category, likelihood, impact, owner, raised_by, raised_at,
          status, escalation_level, patient_safety, health_it_safety_event, proximity_date, process_instance_id)
        values (:riskId, :projectId, :title, :category, :likelihood, :impact, :owner, :raisedBy, :raisedAt,
          :status, :escalationLevel, :patientSafety, :healthItSafetyEvent, :proximityDate, :processInstanceId)""")
        .paramSource(risk)
        .update();
    risks.put(risk.riskId(), risk.asRow()); // every column is the value just inserted
    histories.put(risk.riskId(), new ArrayList<>()); // a new risk has no history yet
    rememberProject(risk.riskId(), risk.projectId());
  }

  /**
   * The risk, read once per transaction: a process step reads the same risk several times (score,
   * fast track, ownership, escalation, the form's display values). Every write of this repository
   * replaces or evicts the remembered row, so a read after a write sees it; other transactions cannot
   * change a row this one is writing anyway (row lock), and one that only reads keeps READ COMMITTED's
   * view of its first read.
   */
  public Optional<Risk> find(String riskId) {
    Risk cached = risks.get(riskId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Risk> found = jdbc.sql("select * from risk where risk_id = ?").param(riskId).query(Rows.of(Risk.class)).optional();
    found.ifPresent(risk -> risks.put(riskId, risk));
    found.ifPresent(risk -> rememberProject(riskId, risk.projectId()));
    return found;
  }

  /** A risk's project never changes: remembered (bounded) so that history records need no read for their chain. */
  private String projectOf(String riskId) {
    String projectId = projectOfRisk.get(riskId);
    return projectId != null ? projectId : get(riskId).projectId();
  }

  private void rememberProject(String riskId, String projectId) {
    if (projectOfRisk.size() >= MAX_REMEMBERED) {
      projectOfRisk.clear();
    }
    projectOfRisk.put(riskId, projectId);
  }

  private void evict(String riskId) {
    risks.evict(riskId);
  }

  public Risk get(String riskId) {
    return find(riskId).orElseThrow(() -> new IllegalStateException("No risk " + riskId));
  }

  /** Risks of a project, highest score first. */
  public List<Risk> findOfProject(String projectId) {
    return jdbc.sql("select * from risk where project_id = ? order by score desc nulls last, raised_at")
        .param(projectId).query(Rows.of(Risk.class)).list();
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
    return jdbc.sql(sql.toString()).params(params).query(Rows.of(Risk.class)).list();
  }

  public void updateScore(String riskId, int likelihood, int impact, int score, String band) {
    Risk before = risks.get(riskId);
    risks.evict(riskId);
    if (before != null) {
      // the row as this UPDATE leaves it, so the scoring step needs no second read
      risks.put(riskId, before.withScore(likelihood, impact, score, band));
    }
    jdbc.sql("update risk set likelihood = ?, impact = ?, score = ?, band = ? where risk_id = ?")
        .params(likelihood, impact, score, band, riskId).update();
  }

  public void updateOwner(String riskId, String owner) {
    evict(riskId);
    jdbc.sql("update risk set owner = ? where risk_id = ?").params(owner, riskId).update();
  }

  public void updateStatus(String riskId, String status) {
    evict(riskId);
    jdbc.sql("update risk set status = ? where risk_id = ?").params(status, riskId).update();
  }

  public void updatePlan(String riskId, String strategy, String status, LocalDate nextReview) {
    evict(riskId);
    jdbc.sql("update risk set response_strategy = ?, status = ?, next_review_on = ? where risk_id = ?")
        .params(strategy, status, nextReview, riskId).update();
  }

  public void updateNextReview(String riskId, LocalDate nextReview) {
    evict(riskId);
    jdbc.sql("update risk set next_review_on = ? where risk_id = ?").params(nextReview, riskId).update();
  }

  public void updateEscalationLevel(String riskId, String level) {
    Risk before = risks.get(riskId);
    evict(riskId);
    if (before != null) {
      // the row as this UPDATE leaves it: the escalated task's form shows it without a second read
      risks.put(riskId, new Risk(riskId, before.projectId(), before.title(), before.category(), before.likelihood(),
          before.impact(), before.score(), before.band(), before.owner(), before.raisedBy(), before.raisedAt(),
          before.status(), before.responseStrategy(), level, before.patientSafety(), before.healthItSafetyEvent(),
          before.harm(), before.proximityDate(), before.nextReviewOn(), before.processInstanceId(), before.issueId(),
          before.closedAt()));
    }
    jdbc.sql("update risk set escalation_level = ? where risk_id = ?").params(level, riskId).update();
  }

  public void updateHarm(String riskId, String harm) {
    evict(riskId);
    jdbc.sql("update risk set harm = ? where risk_id = ?").params(harm, riskId).update();
  }

  public void close(String riskId, String status, String issueId, OffsetDateTime at) {
    evict(riskId);
    jdbc.sql("update risk set status = ?, issue_id = ?, closed_at = ? where risk_id = ?")
        .params(status, issueId, at, riskId).update();
  }

  // ---- history

  /**
   * Appends to the history, chained from the values the INSERT returns (no read-back). When this
   * transaction keeps the risk's history (it read it, or raised the risk), the row is inserted just
   * before the commit with the transaction's other history rows, in one JDBC batch (raising a
   * fast-tracked risk writes five), and the kept history answers every read until then; its new
   * rows' ids are known after the commit. Otherwise the row is inserted at once.
   */
  public void insertEvent(RiskRecords.NewRiskEvent event) {
    String projectId = projectOf(event.riskId());
    List<RiskEvent> history = histories.get(event.riskId());
    Object[] values = {event.riskId(), event.at(), event.actor(), event.event(), event.band(), event.score(),
        event.level(), event.details()};
    if (history == null) {
      audit.insertReturning(AuditChain.projectChain(projectId), EVENTS, INSERT_EVENT, values);
      return;
    }
    audit.insertAtCommit(AuditChain.projectChain(projectId), EVENTS, INSERT_EVENT, values);
    history.add(new RiskEvent(null, event.riskId(), event.at(), event.actor(), event.event(), event.band(),
        event.score(), event.level(), event.details()));
  }

  private static final String INSERT_EVENT = """
      insert into risk_event (risk_id, at, actor, event, band, score, level, details)
      values (?, ?, ?, ?, ?, ?, ?, ?)""";

  /** The risk's history, oldest first; read once per transaction (then kept up to date by {@link #insertEvent}). */
  public List<RiskEvent> events(String riskId) {
    List<RiskEvent> history = histories.get(riskId);
    if (history == null) {
      history = new ArrayList<>(jdbc.sql("select * from risk_event where risk_id = ? order by id").param(riskId)
          .query(Rows.of(RiskEvent.class)).list());
      histories.put(riskId, history);
    }
    return List.copyOf(history);
  }

  // ---- gate holds

  /** The risk holds each of {@code gateIds} of its project from {@code at} (one JDBC batch). */
  public void insertHolds(String projectId, String riskId, List<String> gateIds, OffsetDateTime at) {
    jdbcTemplate.batchUpdate("insert into gate_hold (project_id, gate_id, risk_id, held_at) values (?, ?, ?, ?)",
        gateIds.stream().map(gateId -> new Object[] {projectId, gateId, riskId, at}).toList());
  }

  public List<GateHold> activeHoldsOfRisk(String riskId) {
    return jdbc.sql("select * from gate_hold where risk_id = ? and released_at is null order by id")
        .param(riskId).query(Rows.of(GateHold.class)).list();
  }

  public List<GateHold> activeHolds(String projectId) {
    return jdbc.sql("select * from gate_hold where project_id = ? and released_at is null order by gate_id, id")
        .param(projectId).query(Rows.of(GateHold.class)).list();
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
