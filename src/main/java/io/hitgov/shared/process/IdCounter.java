package io.hitgov.shared.process;

import com.zaxxer.hikari.HikariDataSource;
import io.hitgov.shared.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * The next number of a readable id, per scope (e.g. {@code RISK/EHR-2026-001}), safe under
 * concurrency on H2 and PostgreSQL alike: two creations never get the same number. Two ways to take one:
 * <ul>
 * <li>{@link #next}: inside the caller's transaction, under the scope's row lock until it commits, so
 * the numbers of a scope have no gaps; a second creation in the same scope waits for the first one's
 * commit. For records numbered in sequence that are created one at a time (gate review rounds, HIPAA
 * gates, model deployments).</li>
 * <li>{@link #nextAtOnce}: committed at once on the counter's own connections, so concurrent creations in
 * the same scope never wait for each other's transaction; a creation that fails after taking its number
 * leaves that number unused. For registers that many people add to at the same time (risks, change
 * requests).</li>
 * </ul>
 * The counter's own connections are a pool of two of the application's database (each statement commits by
 * itself, holding a row lock only while it runs): they never wait for a connection of the application's
 * pool, so a full pool cannot hold a creation that waits for a second connection. A scope's row is created
 * there as well (a lost race is harmless).
 */
@Component
public class IdCounter implements DisposableBean {

  /** Connections of the counter's own pool, per node. */
  public static final int OWN_CONNECTIONS = 2;

  private static final String POOL_NAME = "hitgov-id-counter";

  private static final String INCREMENT = "update id_counter set last_value = last_value + 1 where scope = ?";

  private final JdbcClient jdbc;
  private final Dialect dialect;
  private final DataSource own;

  public IdCounter(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dialect = new Dialect(dataSource);
    this.own = ownConnections(dataSource);
  }

  /** The next number of {@code scope}, taken in the caller's transaction: no gaps, one creation at a time. */
  public long next(String scope) {
    // the usual case (the row exists) is one statement: the UPDATE answers the new value
    Optional<Long> next = increment(scope);
    if (next.isEmpty()) {
      create(scope);
      next = increment(scope);
    }
    return next.orElseThrow(() -> new IllegalStateException("No id counter " + scope));
  }

  /**
   * The next number of {@code scope}, committed at once: concurrent creations do not wait for each other,
   * and a number whose creation fails later stays unused.
   */
  public long nextAtOnce(String scope) {
    Optional<Long> next = incrementAtOnce(scope);
    if (next.isEmpty()) {
      create(scope);
      next = incrementAtOnce(scope);
    }
    return next.orElseThrow(() -> new IllegalStateException("No id counter " + scope));
  }

  /** Creates the scope's row (value 0) on the counter's own connections; a row created meanwhile is fine. */
  private void create(String scope) {
    String insert = "insert into id_counter (scope, last_value) values (?, 0)";
    try (Connection connection = own.getConnection(); PreparedStatement statement = connection.prepareStatement(insert)) {
      statement.setString(1, scope);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) { // 23…: another creation made the row first
        throw translated(insert, e);
      }
    }
  }

  /**
   * {@link #increment} on a connection of the counter's own, given back as soon as the statement ran. Plain
   * JDBC on purpose: Spring's JDBC helpers would bind the connection to the caller's transaction and keep it
   * until that transaction ends, so that two long raises would hold both connections.
   */
  private Optional<Long> incrementAtOnce(String scope) {
    String update = dialect.updateReturning(INCREMENT, "last_value");
    try (Connection connection = own.getConnection(); PreparedStatement statement = connection.prepareStatement(update)) {
      statement.setString(1, scope);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw translated(update, e);
    }
  }

  private static RuntimeException translated(String sql, SQLException e) {
    RuntimeException translated = new SQLStateSQLExceptionTranslator().translate("id counter", sql, e);
    return translated != null ? translated : new IllegalStateException("id counter: " + sql, e);
  }

  /**
   * Increments the scope's counter in the caller's transaction, under its row lock until that commits, and
   * answers the new value (empty: no row yet).
   */
  private Optional<Long> increment(String scope) {
    return jdbc.sql(dialect.updateReturning(INCREMENT, "last_value")).param(scope).query(Long.class).optional();
  }

  /**
   * A pool of {@link #OWN_CONNECTIONS} with the application pool's database and credentials (and its
   * connection source where one is set, e.g. a counting proxy), committing each statement; a data source
   * that is not a pool opens a connection per use already and is used as it is.
   */
  private static DataSource ownConnections(DataSource application) {
    HikariDataSource pool;
    try {
      if (!application.isWrapperFor(HikariDataSource.class)) {
        return application;
      }
      pool = application.unwrap(HikariDataSource.class);
    } catch (SQLException e) {
      return application;
    }
    HikariDataSource own = new HikariDataSource();
    own.setPoolName(POOL_NAME);
    own.setMaximumPoolSize(OWN_CONNECTIONS);
    own.setMinimumIdle(1);
    own.setAutoCommit(true);
    if (pool.getDataSource() != null) {
      own.setDataSource(pool.getDataSource());
    } else {
      own.setJdbcUrl(pool.getJdbcUrl());
      own.setUsername(pool.getUsername());
      own.setPassword(pool.getPassword());
      if (pool.getDriverClassName() != null) {
        own.setDriverClassName(pool.getDriverClassName());
      }
      own.setDataSourceProperties(pool.getDataSourceProperties());
    }
    own.setSchema(pool.getSchema());
    own.setConnectionTimeout(pool.getConnectionTimeout());
    return own;
  }

  @Override
  public void destroy() {
    if (own instanceof HikariDataSource pool && pool.getPoolName().equals(POOL_NAME)) {
      pool.close();
    }
  }
}
