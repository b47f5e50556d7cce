package io.hitgov.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.support.AppRunner;
import io.hitgov.risk.AuditRace;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tamper-evident audit on PostgreSQL with the two roles of docs/security-audit.md: Flyway migrates
 * as the schema owner, HITGov connects as the application role, which cannot UPDATE or DELETE the
 * append-only tables; a row the owner alters directly is reported by {@code GET /api/audit/verify};
 * two nodes (two connection pools) appending to one project at once keep one linear chain.
 */
class PostgresAuditTest {

  @Test
  void the_application_role_only_appends_and_verify_finds_what_the_owner_altered() throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String owner = "hitgov_owner_" + suffix;
    String app = "hitgov_app_" + suffix;
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      try {
        // what docker/postgres-init.sh does: an owner of the database and its schema, an application role
        // that may use and create in the schema (Camunda's tables) but owns nothing of HITGov's
        try (Connection admin = DriverManager.getConnection(database.url(), database.user(), database.password());
            Statement sql = admin.createStatement()) {
          sql.execute("create role " + owner + " login");
          sql.execute("create role " + app + " login");
          sql.execute("alter database " + database.url().substring(database.url().lastIndexOf('/') + 1) + " owner to " + owner);
          sql.execute("alter schema public owner to " + owner);
          sql.execute("grant usage, create on schema public to " + app);
        }
        try (ConfigurableApplicationContext context = AppRunner.start("test,postgres",
            "--POSTGRES_URL=" + database.url(), "--POSTGRES_USER=" + app, "--POSTGRES_PASSWORD=" + database.password(),
            "--POSTGRES_OWNER_USER=" + owner, "--POSTGRES_OWNER_PASSWORD=" + database.password())) {
          Http http = Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
          String riskId = raiseRisk(context, http, "EHR-PGA-1");
          JsonNode intact = http.as("paula").get("/api/audit/verify").json();
          assertThat(intact.get("breaks")).as(intact.toString()).isEmpty();

          // the application role: SELECT and INSERT only on every audited table
          try (Connection connection = DriverManager.getConnection(database.url(), app, database.password());
              Statement sql = connection.createStatement()) {
            assertThat(sql.executeQuery("select current_user").next()).isTrue();
            List<AuditedTable> tables = new ArrayList<>(context.getBean(AuditChain.class).tables());
            assertThat(tables).extracting(AuditedTable::name).contains("gate_record", "risk_event", "hipaa_evidence",
                "hipaa_signoff", "hipaa_baa", "change_approval", "project_event");
            for (AuditedTable table : tables) {
              String column = table.columns(AuditedTable.ROW).get(0);
              assertRefused(sql, "update " + table.name() + " set " + column + " = " + column);
              assertRefused(sql, "delete from " + table.name());
            }
            assertRefused(sql, "update audit_chain_entry set row_hash = row_hash");
            assertRefused(sql, "delete from audit_chain_entry");
            assertRefused(sql, "truncate risk_event");
            // the one write-once part: a disposition may be filled in
            sql.executeUpdate("update hipaa_evidence set disposition = disposition where disposition is null");
          }

          // two nodes append to one project's chain at once
          String raceRisk = raiseRisk(context, http, "EHR-PGA-2");
          List<HikariDataSource> pools = new ArrayList<>();
          try {
            for (int n = 0; n < 2; n++) {
              HikariDataSource pool = new HikariDataSource();
              pool.setJdbcUrl(database.url());
              pool.setUsername(app);
              pool.setPassword(database.password());
              pool.setMaximumPoolSize(4);
              pools.add(pool);
            }
            AuditRace.run(List.of(pools.get(0), pools.get(1)), raceRisk, 4, 15);
          } finally {
            pools.forEach(HikariDataSource::close);
          }
          JsonNode afterRace = http.as("paula").get("/api/audit/verify").json();
          assertThat(afterRace.get("breaks")).as(afterRace.toString()).isEmpty();
          try (Connection connection = DriverManager.getConnection(database.url(), owner, database.password());
              Statement sql = connection.createStatement()) {
            var counts = sql.executeQuery("select count(*), count(distinct prev_hash), max(seq) from audit_chain_entry "
                + "where chain_key = 'project:EHR-PGA-2'");
            counts.next();
            var events = connection.createStatement().executeQuery(
                "select count(*) from risk_event where risk_id = '" + raceRisk + "'");
            events.next();
            assertThat(events.getLong(1)).isGreaterThanOrEqualTo(2 * 4 * 15);
            assertThat(counts.getLong(1)).as("one entry per row, and the project's registration")
                .isEqualTo(events.getLong(1) + projectEvents(connection, "EHR-PGA-2"));
            assertThat(counts.getLong(2)).as("no fork: every previous hash once").isEqualTo(counts.getLong(1));
            assertThat(counts.getLong(3)).as("sequence 1..n").isEqualTo(counts.getLong(1));
          }

          // the owner alters a row directly
          long rowId;
          try (Connection connection = DriverManager.getConnection(database.url(), owner, database.password());
              Statement sql = connection.createStatement()) {
            var row = sql.executeQuery("select min(id) from risk_event where risk_id = '" + riskId + "'");
            row.next();
            rowId = row.getLong(1);
            assertThat(sql.executeUpdate("update risk_event set details = 'nothing to see' where id = " + rowId)).isEqualTo(1);
          }
          JsonNode report = http.as("admin").get("/api/audit/verify").json();
          assertThat(report.get("intact").asBoolean()).isFalse();
          assertThat(StreamSupport.stream(report.get("breaks").spliterator(), false)
              .map(b -> b.get("problem").asText() + " " + b.path("chain").asText() + " " + b.path("table").asText()
                  + " " + b.path("rowId").asText()))
              .containsExactly("ROW_ALTERED project:EHR-PGA-1 risk_event " + rowId);
        }
      } finally {
        try (Connection admin = DriverManager.getConnection(database.url(), database.user(), database.password());
            Statement sql = admin.createStatement()) {
          sql.execute("alter database " + database.url().substring(database.url().lastIndexOf('/') + 1) + " owner to "
              + database.user());
        } catch (SQLException ignored) {
          // the database is dropped below anyway
        }
        database.close();
        try (Connection admin = DriverManager.getConnection(database.url().replaceAll("/[^/]+$", "/postgres"),
            database.user(), database.password());
            Statement sql = admin.createStatement()) {
          sql.execute("drop role if exists " + app);
          sql.execute("drop role if exists " + owner);
        }
      }
    }
  }

  @Test
  void prod_refuses_to_connect_as_a_superuser() {
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      assertThatThrownBy(() -> AppRunner.start("test,postgres,prod", "--POSTGRES_URL=" + database.url(),
              "--POSTGRES_USER=" + database.user(), "--POSTGRES_PASSWORD=" + database.password(),
              "--HITGOV_ADMIN_USER=operator", "--HITGOV_ADMIN_PASSWORD=Str0ng-operator-secret")
          .close())
          .hasStackTraceContaining("Refusing to run as the PostgreSQL superuser '" + database.user() + "'");
    }
  }

  private static long projectEvents(Connection connection, String projectId) throws java.sql.SQLException {
    var rows = connection.createStatement().executeQuery(
        "select count(*) from project_event where project_id = '" + projectId + "'");
    rows.next();
    return rows.getLong(1);
  }

  private static String raiseRisk(org.springframework.context.ApplicationContext context, Http http, String projectId) {
    io.hitgov.support.Projects.register(context, projectId);
    Http.Response risk = http.as("carla").postJson("/api/risks", Http.json(Map.of("projectId", projectId,
        "title", "Dose range rule missing", "category", "PATIENT_SAFETY", "likelihood", 2, "impact", 4,
        "owner", "conrad")));
    assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
    return risk.json().get("riskId").asText();
  }

  private static void assertRefused(Statement sql, String statement) {
    assertThatThrownBy(() -> sql.executeUpdate(statement)).as(statement)
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(statement + ": " + e.getMessage()).isEqualTo("42501"));
  }
}
