package io.hitgov.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The cluster tests' view of the database: the idempotency ledger (created before any node starts,
 * written by {@link ClusterLedgerDelegate}) and the invariants checked after each fault.
 */
final class ClusterDb {

  private final String url;
  private final String user;

  ClusterDb(String url, String user) {
    this.url = url;
    this.user = user;
  }

  String url() {
    return url;
  }

  /** The ledger (one row per instance and step: unique), the attempts (every real execution) and the switches. */
  void createLedger() {
    execute("create table cluster_ledger (business_key varchar(64) not null, activity_id varchar(64) not null, "
        + "node varchar(16) not null, attempt_id varchar(36) not null, at timestamp default current_timestamp, "
        + "constraint cluster_ledger_once unique (business_key, activity_id))");
    execute("create table cluster_attempt (business_key varchar(64) not null, activity_id varchar(64) not null, "
        + "node varchar(16) not null, at timestamp default current_timestamp)");
    execute("create table cluster_switch (name varchar(32) primary key, switch_value bigint not null)");
  }

  void setSwitch(String name, long value) {
    execute("delete from cluster_switch where name = '" + name + "'");
    execute("insert into cluster_switch (name, switch_value) values ('" + name + "', " + value + ")");
  }

  void execute(String sql) {
    try (Connection connection = connect(); var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql, Object... params) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  String text(String sql, Object... params) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        StringBuilder text = new StringBuilder();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int c = 1; c <= columns; c++) {
            text.append(c > 1 ? " " : "").append(rs.getString(c));
          }
          text.append("; ");
        }
        return text.toString();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  long ended(String prefix) {
    return count("select count(*) from act_hi_procinst where business_key_ like ? and end_time_ is not null", prefix + "%");
  }

  /** Waits until {@code target} reaches {@code expected}, printing progress; fails after {@code timeout}. */
  static void await(String what, LongSupplier target, long expected, Duration timeout) {
    long started = System.nanoTime();
    long lastReport = started;
    long value = -1;
    while (System.nanoTime() - started < timeout.toNanos()) {
      try {
        value = target.getAsLong();
      } catch (IllegalStateException databaseDown) {
        value = -1;
      }
      if (value == expected) {
        System.out.printf("[cluster] %s: %d after %.1f s%n", what, value, (System.nanoTime() - started) / 1e9);
        return;
      }
      if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
        System.out.printf("[cluster] %s: %d of %d after %.0f s%n", what, value, expected, (System.nanoTime() - started) / 1e9);
        lastReport = System.nanoTime();
      }
      ClusterNode.sleep(500);
    }
    throw new AssertionError(what + ": " + value + " instead of " + expected + " within " + timeout);
  }

  /**
   * The invariants after a run: every started instance ended exactly once, each step's effect is in
   * the ledger exactly once, nothing is left in the runtime tables, no incident; prints the ledger
   * and the real executions (duplicates are at-least-once re-executions whose effect rolled back).
   */
  void assertExactlyOnce(String label, String prefix, int instances, List<String> activities) {
    String like = prefix + "%";
    assertThat(count("select count(*) from act_hi_procinst where business_key_ like ?", like))
        .as(label + ": instances started").isEqualTo(instances);
    assertThat(ended(prefix)).as(label + ": instances ended").isEqualTo(instances);
    for (String activity : activities) {
      assertThat(count("select count(*) from cluster_ledger where business_key like ? and activity_id = ?", like, activity))
          .as(label + ": ledger rows of " + activity).isEqualTo(instances);
    }
    assertThat(count("select count(*) from cluster_ledger where business_key like ?", like))
        .as(label + ": ledger rows").isEqualTo((long) instances * activities.size());
    String ofInstances = " where process_instance_id_ in (select id_ from act_hi_procinst where business_key_ like ?)";
    assertThat(count("select count(*) from act_ru_job" + ofInstances, like)).as(label + ": jobs left").isZero();
    assertThat(count("select count(*) from act_ru_incident" + ofInstances.replace("process_instance_id_", "proc_inst_id_"), like))
        .as(label + ": incidents").isZero();
    assertThat(count("select count(*) from act_ru_execution" + ofInstances.replace("process_instance_id_", "proc_inst_id_"), like))
        .as(label + ": executions left").isZero();
    long attempts = count("select count(*) from cluster_attempt where business_key like ?", like);
    System.out.printf("[cluster] %s: %d instances ended once; ledger %d rows (by node: %s); real executions %d "
            + "(re-executions rolled back: %d); jobs, executions and incidents left: 0%n", label, instances,
        (long) instances * activities.size(),
        text("select node, count(*) from cluster_ledger where business_key like ? group by node order by node", like),
        attempts, attempts - (long) instances * activities.size());
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }
}
