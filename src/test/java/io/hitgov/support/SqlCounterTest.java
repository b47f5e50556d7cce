package io.hitgov.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.SqlCounter.Count;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How the counter counts a transaction's end (docs/performance.md, "Definitions"): COMMIT and ROLLBACK
 * are round trips only for a transaction that sent a statement, as PostgreSQL's driver sends neither
 * for one that sent none.
 */
class SqlCounterTest {

  final SqlCounter counter = new SqlCounter();
  final DataSource counted = counter.wrap(new DriverManagerDataSource("jdbc:h2:mem:sqlcounter;DB_CLOSE_DELAY=-1", "sa", ""));

  @Test
  void a_transaction_that_sent_nothing_ends_without_a_round_trip() throws SQLException {
    try (Connection connection = counted.getConnection()) {
      connection.setAutoCommit(false);
      Count empty = counter.count(() -> run(connection::commit));
      assertThat(empty.roundTrips()).isZero();
      assertThat(empty.commits()).isZero();
      Count rolledBack = counter.count(() -> run(connection::rollback));
      assertThat(rolledBack.roundTrips()).isZero();
    }
  }

  @Test
  void a_transaction_that_sent_a_statement_ends_with_one() throws SQLException {
    try (Connection connection = counted.getConnection()) {
      connection.setAutoCommit(false);
      Count committed = counter.count(() -> run(() -> {
        select(connection);
        connection.commit();
        connection.commit(); // nothing sent since: no round trip
      }));
      assertThat(committed.roundTrips()).isEqualTo(2);
      assertThat(committed.commits()).isOne();
      Count rolledBack = counter.count(() -> run(() -> {
        select(connection);
        connection.rollback();
      }));
      assertThat(rolledBack.roundTrips()).isEqualTo(2);
      assertThat(rolledBack.commits()).isZero();
      Count switchedBack = counter.count(() -> run(() -> {
        select(connection);
        connection.setAutoCommit(true); // commits the open transaction
      }));
      assertThat(switchedBack.roundTrips()).isEqualTo(2);
      assertThat(switchedBack.commits()).isOne();
      connection.setAutoCommit(false);
      Count toASavepoint = counter.count(() -> run(() -> {
        select(connection);
        java.sql.Savepoint savepoint = connection.setSavepoint();
        select(connection);
        connection.rollback(savepoint); // a round trip; the transaction goes on
        connection.commit();
      }));
      assertThat(toASavepoint.roundTrips()).isEqualTo(4);
      assertThat(toASavepoint.commits()).isOne();
    }
  }

  @Test
  void a_statement_outside_a_transaction_is_one_round_trip() throws SQLException {
    try (Connection connection = counted.getConnection()) {
      Count count = counter.count(() -> run(() -> select(connection)));
      assertThat(count.roundTrips()).isOne();
      connection.setAutoCommit(false);
      assertThat(counter.count(() -> run(connection::commit)).roundTrips()).as("no transaction was open").isZero();
    }
  }

  static void select(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("select 1");
    }
  }

  interface Jdbc {
    void run() throws SQLException;
  }

  static void run(Jdbc jdbc) {
    try {
      jdbc.run();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
