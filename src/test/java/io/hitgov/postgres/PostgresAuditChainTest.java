package io.hitgov.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.hitgov.risk.AuditRace;
import io.hitgov.support.AppRunner;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import io.hitgov.support.Projects;
import io.hitgov.support.SqlCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit chains on PostgreSQL, where a node writes a transaction's first entries onto the head it
 * last committed, in one statement that holds only while that head is still the chain's: several
 * nodes and threads appending to one chain at once, a head written by a transaction that then rolled
 * back, and a transaction of a warm node held open while another node commits (the remembered head
 * is then stale), all leave one linear chain that verifies, and a node that wrote the head last
 * writes the next entries without reading the head.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAuditChainTest {

  final SqlCounter counter = new SqlCounter();
  PostgresDatabase database;
  ConfigurableApplicationContext context;
  JdbcClient jdbc;
  Http http;

  @BeforeAll
  void start() {
    database = PostgresDatabase.createOrSkip();
    context = AppRunner.start("test,postgres", List.of(counter), Stream.concat(Stream.of(database.args()),
        Stream.of("--spring.datasource.url=" + database.url())).toArray(String[]::new));
    jdbc = context.getBean(JdbcClient.class);
    http = Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void two_nodes_of_four_threads_appending_to_one_chain_at_once_keep_one_linear_chain() throws Exception {
    String riskId = raiseRisk("EHR-PGA-1");
    try (HikariDataSource first = pool(); HikariDataSource second = pool()) {
      AuditRace.run(List.of(first, second), riskId, 4, 15);
    }
    assertLinear("EHR-PGA-1");
  }

  @Test
  void a_head_written_by_a_transaction_that_rolled_back_is_not_chained_onto() {
    String riskId = raiseRisk("EHR-PGA-2");
    try (HikariDataSource pool = pool()) {
      AuditRace.append(pool, riskId, "before");
      AuditRace.rollBackAfterTheChainIsWrittenThenAppend(pool, riskId, "rolled back", "after the rollback");
    }
    assertThat(jdbc.sql("select count(*) from risk_event where details = 'rolled back'").query(Long.class).single())
        .isZero();
    assertThat(jdbc.sql("select count(*) from risk_event where details = 'after the rollback'").query(Long.class)
        .single()).isOne();
    assertLinear("EHR-PGA-2");
  }

  @Test
  void a_node_whose_remembered_head_another_node_moved_on_chains_onto_the_real_head() throws Exception {
    String riskId = raiseRisk("EHR-PGA-3");
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (HikariDataSource holder = pool(); HikariDataSource other = pool()) {
      AuditRace.append(holder, riskId, "warms the holder's head");
      Future<?> held = AuditRace.appendAndHold(holder, riskId, "held open", appended, release);
      assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture.runAsync(() -> AuditRace.append(other, riskId, "committed first")).get(30, TimeUnit.SECONDS);
      release.countDown();
      held.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
    }
    assertThat(seqOf("committed first")).isLessThan(seqOf("held open"));
    assertLinear("EHR-PGA-3");
  }

  @Test
  void the_node_that_wrote_a_chains_head_writes_its_next_entries_without_reading_the_head() {
    raiseRisk("EHR-PGA-4");
    var second = counter.count(() -> http.as("carla").postJson("/api/risks", risk("EHR-PGA-4")));
    assertThat(second.result().status()).isEqualTo(201);
    assertThat(second.count().sql()).map(SqlCounter::oneLine)
        .noneMatch(sql -> sql.contains("from audit_chain_head where chain_key = ? for update"))
        .anyMatch(sql -> sql.startsWith("with head as (update audit_chain_head"));
    assertLinear("EHR-PGA-4");
  }

  String raiseRisk(String projectId) {
    Projects.register(context, projectId);
    Http.Response risk = http.as("carla").postJson("/api/risks", risk(projectId));
    assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
    return risk.json().get("riskId").asText();
  }

  static String risk(String projectId) {
    return Http.json(Map.of("projectId", projectId, "title", "Dose range rule missing", "category", "PATIENT_SAFETY",
        "likelihood", 2, "impact", 4, "owner", "conrad"));
  }

  /** A second connection pool on the test database, as another node has it. */
  HikariDataSource pool() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(database.url());
    pool.setUsername(database.user());
    pool.setPassword(database.password());
    pool.setMaximumPoolSize(4);
    return pool;
  }

  long seqOf(String details) {
    return jdbc.sql("select e.seq from audit_chain_entry e join risk_event r on e.table_name = 'risk_event'"
        + " and e.row_id = cast(r.id as varchar(200)) where r.details = ?").param(details).query(Long.class).single();
  }

  /** The project's chain: every record of the project chained once, sequence 1..n, no fork, verified intact. */
  void assertLinear(String projectId) {
    String chain = "project:" + projectId;
    long records = jdbc.sql("""
        select (select count(*) from risk_event e join risk r on r.risk_id = e.risk_id where r.project_id = ?)
             + (select count(*) from project_event where project_id = ?)""")
        .params(projectId, projectId).query(Long.class).single();
    List<Long> seqs = jdbc.sql("select seq from audit_chain_entry where chain_key = ? order by seq").param(chain)
        .query(Long.class).list();
    List<Long> expected = new ArrayList<>();
    for (long seq = 1; seq <= records; seq++) {
      expected.add(seq);
    }
    assertThat(seqs).isEqualTo(expected);
    assertThat(jdbc.sql("select count(distinct prev_hash) from audit_chain_entry where chain_key = ?").param(chain)
        .query(Long.class).single()).isEqualTo(records);
    assertThat(jdbc.sql("select seq from audit_chain_head where chain_key = ?").param(chain).query(Long.class).single())
        .isEqualTo(records);
    Http.Response verify = http.as("paula").get("/api/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    JsonNode breaks = verify.json().get("breaks");
    assertThat(StreamSupport.stream(breaks.spliterator(), false).filter(b -> chain.equals(b.path("chain").asText())))
        .isEmpty();
  }
}
