package io.hitgov.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.hitgov.risk.AuditRace;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tamper-evident audit on H2: the append-only tables refuse UPDATE and DELETE, and
 * {@code GET /api/audit/verify} finds a row altered, deleted or inserted around the application
 * (by someone who dropped the trigger, as the schema owner can), naming chain, table and row.
 */
@HitgovSpringTest
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AuditChainTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired io.hitgov.system.audit.AuditMonitor monitor;
  @Autowired javax.sql.DataSource dataSource;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
  }

  @Autowired org.springframework.context.ApplicationContext context;

  private String raiseRisk(String projectId) {
    io.hitgov.support.Projects.register(context, projectId);
    Http.Response risk = http.as("carla").postJson("/api/risks", Http.json(java.util.Map.of("projectId", projectId,
        "title", "Dose range rule missing", "category", "PATIENT_SAFETY", "likelihood", 2, "impact", 4,
        "owner", "conrad")));
    assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
    return risk.json().get("riskId").asText();
  }

  private JsonNode verify() {
    Http.Response verify = http.as("paula").get("/api/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    return verify.json();
  }

  private static List<JsonNode> breaks(JsonNode report, String table, String rowId) {
    return StreamSupport.stream(report.get("breaks").spliterator(), false)
        .filter(b -> table.equals(b.path("table").asText()) && rowId.equals(b.path("rowId").asText()))
        .toList();
  }

  private static List<JsonNode> breaksOfChain(JsonNode report, String chain) {
    return StreamSupport.stream(report.get("breaks").spliterator(), false)
        .filter(b -> chain.equals(b.path("chain").asText())).toList();
  }

  @Test
  void verify_is_for_the_pmo_and_operators() {
    assertThat(http.get("/api/audit/verify").status()).isEqualTo(401);
    Http.Response forbidden = http.as("maria").get("/api/audit/verify");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.body()).contains("verify the audit chains");
    assertThat(http.as("paula").get("/api/audit/verify").status()).isEqualTo(200);
    assertThat(http.as("admin").get("/api/audit/verify").status()).isEqualTo(200);
    assertThat(http.as("maria").get("/api/audit/heads").status()).isEqualTo(403);
    assertThat(http.as("paula").get("/api/audit/verify?chain=project:X&hash=" + "a".repeat(64)).body()).contains("seq");
    assertThat(http.as("paula").get("/api/audit/verify?chain=project:X&hash=" + "a".repeat(64)).status()).isEqualTo(400);
    assertThat(http.as("paula").get("/api/audit/verify?chain=project:X&seq=x&hash=" + "a".repeat(64)).status())
        .isEqualTo(400);
    assertThat(http.as("paula").get("/api/audit/verify?chain=project:X&seq=1&hash=zz").status()).isEqualTo(400);
  }

  @Test
  void risk_history_is_chained_per_project_and_verifies_intact() {
    String riskId = raiseRisk("EHR-AUD-1");
    JsonNode report = verify();
    assertThat(breaksOfChain(report, "project:EHR-AUD-1")).isEmpty();
    assertThat(report.get("chainsChecked").asInt()).isPositive();
    long events = jdbc.sql("select count(*) from risk_event where risk_id = ?").param(riskId).query(Long.class).single()
        + registrationEvents("EHR-AUD-1");
    JsonNode heads = http.as("admin").get("/api/audit/heads").json();
    JsonNode head = StreamSupport.stream(heads.get("chains").spliterator(), false)
        .filter(h -> h.get("chainKey").asText().equals("project:EHR-AUD-1")).findFirst().orElseThrow();
    assertThat(head.get("seq").asLong()).isEqualTo(events);
    assertThat(head.get("hash").asText()).matches("[0-9a-f]{64}");
    assertThat(heads.get("digest").asText()).isEqualTo(report.get("headsDigest").asText());

    String metrics = http.as("admin").get("/actuator/prometheus").body();
    assertThat(metrics).contains("hitgov_audit_chains{").contains("hitgov_audit_breaks{")
        .contains("hitgov_audit_last_verification_seconds{");
  }

  @Test
  void the_daily_publication_logs_the_digest_and_every_head(org.springframework.boot.test.system.CapturedOutput output) {
    raiseRisk("EHR-AUD-5");
    monitor.publish();
    JsonNode heads = http.as("admin").get("/api/audit/heads").json();
    JsonNode head = StreamSupport.stream(heads.get("chains").spliterator(), false)
        .filter(h -> h.get("chainKey").asText().equals("project:EHR-AUD-5")).findFirst().orElseThrow();
    assertThat(output.getOut()).containsPattern("Audit chain heads: \\d+ chains, digest [0-9a-f]{64}")
        .contains("Audit chain head project:EHR-AUD-5 seq=" + head.get("seq").asLong() + " hash=" + head.get("hash").asText());
  }

  @Test
  void the_append_only_tables_refuse_update_and_delete() {
    String riskId = raiseRisk("EHR-AUD-2");
    assertThatThrownBy(() -> jdbc.sql("update risk_event set details = 'rewritten' where risk_id = ?").param(riskId).update())
        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from risk_event where risk_id = ?").param(riskId).update())
        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
    assertThat(breaksOfChain(verify(), "project:EHR-AUD-2")).isEmpty();
  }

  @Test
  void a_row_altered_deleted_or_inserted_in_the_database_is_reported_with_chain_table_and_row() {
    String riskId = raiseRisk("EHR-AUD-3");
    List<Long> ids = jdbc.sql("select id from risk_event where risk_id = ? order by id").param(riskId).query(Long.class).list();
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
    assertThat(breaksOfChain(verify(), "project:EHR-AUD-3")).isEmpty();

    // an attacker with the owner's rights drops the trigger and edits the history
    jdbc.sql("drop trigger risk_event_append_only").update();
    try {
      jdbc.sql("update risk_event set details = 'nothing happened' where id = ?").param(ids.get(0)).update();
      jdbc.sql("delete from risk_event where id = ?").param(ids.get(1)).update();
      jdbc.sql("insert into risk_event (risk_id, at, actor, event, details) values (?, current_timestamp, 'mallory', 'CLOSED', 'forged')")
          .param(riskId).update();
    } finally {
      jdbc.sql("create trigger risk_event_append_only before update, delete on risk_event for each row "
          + "call 'io.hitgov.shared.audit.AppendOnlyTrigger'").update();
    }
    long forged = jdbc.sql("select max(id) from risk_event").query(Long.class).single();

    JsonNode report = verify();
    assertThat(report.get("intact").asBoolean()).isFalse();
    List<JsonNode> altered = breaks(report, "risk_event", ids.get(0).toString());
    assertThat(altered).hasSize(1);
    assertThat(altered.get(0).get("chain").asText()).isEqualTo("project:EHR-AUD-3");
    assertThat(altered.get(0).get("problem").asText()).isEqualTo("ROW_ALTERED");
    assertThat(altered.get(0).get("expected").asText()).matches("[0-9a-f]{64}")
        .isNotEqualTo(altered.get(0).get("actual").asText());
    assertThat(breaks(report, "risk_event", ids.get(1).toString()))
        .extracting(b -> b.get("problem").asText()).containsExactly("ROW_MISSING");
    assertThat(breaks(report, "risk_event", Long.toString(forged)))
        .extracting(b -> b.get("problem").asText()).containsExactly("UNCHAINED_ROW");

    String metrics = http.as("admin").get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("hitgov_audit_breaks\\{[^}]*\\} [1-9]");
  }

  @Test
  void two_nodes_appending_to_one_project_at_once_keep_one_linear_chain() throws Exception {
    String riskId = raiseRisk("EHR-AUD-4");
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      for (int n = 0; n < 2; n++) {
        pools.add(pool(4));
      }
      AuditRace.run(List.of(pools.get(0), pools.get(1)), riskId, 4, 15);
    } finally {
      pools.forEach(HikariDataSource::close);
    }
    assertLinear("project:EHR-AUD-4", riskId, 2 * 4 * 15);
  }

  @Test
  void an_open_transaction_does_not_hold_its_projects_chain_until_it_commits() throws Exception {
    String riskId = raiseRisk("EHR-AUD-5");
    List<HikariDataSource> pools = new ArrayList<>();
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int n = 0; n < 2; n++) {
        pools.add(pool(2));
      }
      Future<?> held = AuditRace.appendAndHold(pools.get(0), riskId, "held open", appended, release);
      assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
      // the held transaction has appended and not committed: another node's append to the same chain goes through
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> AuditRace.append(pools.get(1), riskId,
          "committed first"));
      try {
        other.get(30, TimeUnit.SECONDS);
      } finally {
        release.countDown();
      }
      held.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pools.forEach(HikariDataSource::close);
    }
    // chained in the order of the commits: the held row after the one committed while it was open
    assertThat(seqOfEvent(riskId, "committed first")).isLessThan(seqOfEvent(riskId, "held open"));
    assertLinear("project:EHR-AUD-5", riskId, 2);
  }

  @Test
  void a_nested_transaction_of_its_own_is_chained_when_it_commits_even_if_the_outer_one_fails() throws Exception {
    String riskId = raiseRisk("EHR-AUD-6");
    try (HikariDataSource pool = pool(3)) {
      AuditRace.appendInsideAFailingTransaction(pool, riskId, "rolled back", "committed inside");
    }
    assertThat(jdbc.sql("select count(*) from risk_event where risk_id = ? and details = ?")
        .params(riskId, "rolled back").query(Long.class).single()).isZero();
    assertThat(seqOfEvent(riskId, "committed inside")).isPositive();
    assertLinear("project:EHR-AUD-6", riskId, 1);
  }

  @Test
  void a_raised_risks_history_inserted_at_the_commit_keeps_its_order_in_ids_and_in_the_chain() {
    // a fast-tracked risk writes five history rows in one transaction: one JDBC batch just before the commit
    String riskId = raiseRisk("EHR-AUD-7");
    List<String> byId = jdbc.sql("select event from risk_event where risk_id = ? order by id").param(riskId)
        .query(String.class).list();
    List<String> bySeq = jdbc.sql("select r.event from audit_chain_entry e join risk_event r on e.table_name = "
        + "'risk_event' and e.row_id = cast(r.id as varchar(200)) where r.risk_id = ? order by e.seq")
        .param(riskId).query(String.class).list();
    assertThat(byId).hasSize(5).startsWith("RAISED", "SCORED").endsWith("ESCALATED").isEqualTo(bySeq);
    Http.Response shown = http.as("paula").get("/api/risks/" + riskId);
    assertThat(shown.json().get("history").findValues("id")).as("ids known once committed").hasSize(5)
        .allSatisfy(id -> assertThat(id.isNumber()).isTrue());
    assertLinear("project:EHR-AUD-7", riskId, 5);
  }

  @Test
  void rows_left_to_the_commit_and_rows_inserted_at_once_are_chained_in_the_order_they_were_written() throws Exception {
    String kept = raiseRisk("EHR-AUD-8");
    String other = raiseRisk("EHR-AUD-8");
    try (HikariDataSource pool = pool(2)) {
      AuditRace.appendKeptOtherKept(pool, kept, other, "first", "second", "third");
    }
    assertThat(seqOfEvent(kept, "first")).isLessThan(seqOfEvent(other, "second"));
    assertThat(seqOfEvent(other, "second")).isLessThan(seqOfEvent(kept, "third"));
    assertThat(idOfEvent(kept, "first")).isLessThan(idOfEvent(other, "second"));
    assertThat(idOfEvent(other, "second")).isLessThan(idOfEvent(kept, "third"));
    assertThat(breaksOfChain(verify(), "project:EHR-AUD-8")).isEmpty();
  }

  @Test
  void a_row_left_to_the_commit_that_the_database_refuses_fails_the_commit_and_leaves_nothing() throws Exception {
    String riskId = raiseRisk("EHR-AUD-9");
    long seqBefore = jdbc.sql("select seq from audit_chain_head where chain_key = ?").param("project:EHR-AUD-9")
        .query(Long.class).single();
    RuntimeException thrown;
    try (HikariDataSource pool = pool(2)) {
      thrown = AuditRace.appendThenOneTooLong(pool, riskId, "refused with its neighbour");
    }
    assertThat(thrown).isInstanceOf(DataAccessException.class);
    assertThat(jdbc.sql("select count(*) from risk_event where details = ?").param("refused with its neighbour")
        .query(Long.class).single()).as("the valid row of the same transaction is rolled back too").isZero();
    assertThat(jdbc.sql("select seq from audit_chain_head where chain_key = ?").param("project:EHR-AUD-9")
        .query(Long.class).single()).isEqualTo(seqBefore);
    assertThat(breaksOfChain(verify(), "project:EHR-AUD-9")).isEmpty();
  }

  private long idOfEvent(String riskId, String details) {
    return jdbc.sql("select id from risk_event where risk_id = ? and details = ?").params(riskId, details)
        .query(Long.class).single();
  }

  /** A second connection pool on the test database, as another node has it. */
  private HikariDataSource pool(int size) throws java.sql.SQLException {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
    pool.setUsername("sa");
    pool.setPassword("");
    pool.setMaximumPoolSize(size);
    return pool;
  }

  private long seqOfEvent(String riskId, String details) {
    return jdbc.sql("select e.seq from audit_chain_entry e join risk_event r on e.table_name = 'risk_event'"
        + " and e.row_id = cast(r.id as varchar(200)) where r.risk_id = ? and r.details = ?")
        .params(riskId, details).query(Long.class).single();
  }

  /** The project's own records in its chain (its registration), besides the risk's. */
  private long registrationEvents(String projectId) {
    return jdbc.sql("select count(*) from project_event where project_id = ?").param(projectId).query(Long.class).single();
  }

  private void assertLinear(String chain, String riskId, int appended) {
    long events = jdbc.sql("select count(*) from risk_event where risk_id = ?").param(riskId).query(Long.class).single();
    assertThat(events).isGreaterThanOrEqualTo(appended);
    events += registrationEvents(chain.substring("project:".length()));
    JsonNode report = verify();
    assertThat(breaksOfChain(report, chain)).isEmpty();
    // linear: sequence numbers 1..n, each previous hash used once (no fork), the head the last entry
    List<Long> seqs = jdbc.sql("select seq from audit_chain_entry where chain_key = ? order by seq").param(chain)
        .query(Long.class).list();
    assertThat(seqs).hasSize((int) events);
    assertThat(seqs.get(seqs.size() - 1)).isEqualTo(events);
    assertThat(jdbc.sql("select count(distinct prev_hash) from audit_chain_entry where chain_key = ?").param(chain)
        .query(Long.class).single()).isEqualTo(events);
    assertThat(jdbc.sql("select seq from audit_chain_head where chain_key = ?").param(chain).query(Long.class).single())
        .isEqualTo(events);
  }
}
