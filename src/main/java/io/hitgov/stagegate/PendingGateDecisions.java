package io.hitgov.stagegate;

import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The gate reviews waiting for their decision, across the portfolio, in one statement: a review
 * round that was opened and has no decision yet. For the portfolio watch (overdue gate decisions);
 * the gate record's rows stay inside stage gates.
 */
@Service
public class PendingGateDecisions {

  /** The open review round of a project's gate and when it opened. */
  public record PendingGate(String projectId, String gateId, String reviewId, int round, OffsetDateTime openedAt) {}

  private final JdbcClient jdbc;

  public PendingGateDecisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per project, its oldest review round without a decision. */
  public Map<String, PendingGate> pending() {
    Map<String, PendingGate> pending = new HashMap<>();
    jdbc.sql("""
        select o.project_id, o.gate_id, o.review_id, o.round, o.at as opened_at from gate_record o
        where o.kind = 'OPENED' and not exists (select 1 from gate_record d
          where d.review_id = o.review_id and d.round = o.round and d.kind = 'DECISION')
        order by o.at""")
        .query(Rows.of(PendingGate.class)).list()
        .forEach(gate -> pending.putIfAbsent(gate.projectId(), gate));
    return pending;
  }
}
