package io.hitgov.system.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * HITGov's governance figures for operators and process owners ({@code hitgov_*} on
 * {@code /actuator/prometheus}), read from HITGov's own tables: projects per phase, gate decisions
 * per gate and outcome, open and overdue gate conditions, change requests per type and status, and
 * approved cost impact. The figures are read at most every 30 seconds, whatever the scrape rate.
 */
@Component
class GovernanceMetrics implements MeterBinder {

  static final List<String> PHASES = List.of("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9");
  static final List<String> GATES = List.of("G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8");
  static final List<String> OUTCOMES = List.of("GO", "GO_WITH_CONDITIONS", "RECYCLE", "NO_GO", "TERMINATE");
  static final List<String> CHANGE_TYPES = List.of("STANDARD", "NORMAL", "EMERGENCY");
  static final List<String> CHANGE_STATUSES = List.of("OPEN", "PRE_AUTHORIZED", "ASSESSED", "IN_APPROVAL", "APPROVED",
      "REJECTED", "IMPLEMENTED", "VERIFIED", "CLOSED");

  private final JdbcClient jdbc;
  private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  private record Snapshot(Instant at, Map<String, Long> counts) {}

  GovernanceMetrics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The figures, each one query: key, count. */
  static final Map<String, String> QUERIES = Map.of(
      "projects", "select current_phase, count(*) from project where status = 'ACTIVE' group by current_phase",
      "ended", "select status, count(*) from project where status <> 'ACTIVE' group by status",
      "gates", "select gate_id || '/' || outcome, count(*) from gate_record where kind = 'DECISION' "
          + "group by gate_id || '/' || outcome",
      "conditions", "select case when due_date < current_date then 'overdue' else 'open' end, count(*) "
          + "from gate_condition where status = 'OPEN' "
          + "group by case when due_date < current_date then 'overdue' else 'open' end",
      "changes", "select change_type || '/' || status, count(*) from change_request group by change_type || '/' || status",
      "cost", "select 'all', coalesce(sum(cost_impact), 0) from change_request where outcome = 'APPROVED'");

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String phase : PHASES) {
      gauge(registry, "hitgov.projects", "Active implementation projects per phase", "projects", phase,
          "phase", phase);
    }
    for (String status : List.of("CLOSED", "TERMINATED")) {
      gauge(registry, "hitgov.projects.ended", "Implementation projects closed or terminated", "ended", status,
          "status", status);
    }
    for (String gate : GATES) {
      for (String outcome : OUTCOMES) {
        gauge(registry, "hitgov.gate.decisions", "Stage gate decisions per gate and outcome", "gates",
            gate + "/" + outcome, "gate", gate, "outcome", outcome);
      }
    }
    for (String state : List.of("open", "overdue")) {
      gauge(registry, "hitgov.gate.conditions", "Open conditions of GO_WITH_CONDITIONS decisions", "conditions",
          state, "state", state);
    }
    for (String type : CHANGE_TYPES) {
      for (String status : CHANGE_STATUSES) {
        gauge(registry, "hitgov.change.requests", "Change requests per type and status", "changes",
            type + "/" + status, "type", type, "status", status);
      }
    }
    Gauge.builder("hitgov.change.approved.cost", () -> count("cost").getOrDefault("all", 0L))
        .description("Cumulative cost impact of approved change requests, all projects (USD)")
        .baseUnit("usd").register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, String query, String key,
      String... tags) {
    Gauge.builder(name, () -> count(query).getOrDefault(key, 0L)).description(description).tags(tags)
        .register(registry);
  }

  /** Counts per key of one query, cached for 30 seconds. */
  private Map<String, Long> count(String name) {
    Snapshot snapshot = cache.get(name);
    Instant now = clock.instant();
    if (snapshot != null && snapshot.at().plus(Duration.ofSeconds(30)).isAfter(now)) {
      return snapshot.counts();
    }
    String sql = QUERIES.get(name);
    Map<String, Long> counts = new ConcurrentHashMap<>();
    try {
      jdbc.sql(sql).query((rs, row) -> counts.put(String.valueOf(rs.getString(1)), rs.getLong(2))).list();
    } catch (RuntimeException e) {
      // a scrape never fails start-up or the scrape itself: the figure reads 0 until the tables answer
      return snapshot == null ? Map.of() : snapshot.counts();
    }
    cache.put(name, new Snapshot(now, counts));
    return counts;
  }
}
