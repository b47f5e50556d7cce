package io.hitgov.shared.process;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hitgov.shared.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The next number of a readable id, per scope (e.g. {@code RISK/EHR-2026-001}), safe under
 * concurrency on H2 and PostgreSQL alike: two creations never get the same number. Two ways to take one:
 * <ul>
 * <li>{@link #next}: inside the caller's transaction, under the scope's row lock until it commits, so
 * the numbers of a scope have no gaps; a second creation in the same scope waits for the first one's
 * commit. For records numbered in sequence that are created one at a time (gate review rounds, HIPAA
 * gates, model deployments).</li>
 * <li>{@link #nextAtOnce}: committed at once on the counter's own connection, so concurrent creations in
 * the same scope never wait for each other's transaction; a creation that fails after taking its number
 * leaves that number unused (logged as a warning when its transaction rolls back). For registers that many
 * people add to at the same time (risks, change requests).</li>
 * </ul>
 * The counter's own connection is a pool of {@link #OWN_CONNECTIONS} configured as the application's pool
 * (copied from it, opened with the application) whose statements commit by themselves, holding a row lock
 * only while they run, and which is given back as soon as its statement ran: it never waits for a
 * connection of the application's pool, so a full pool cannot hold a creation that waits for a second
 * connection. A scope's row is created there as well (a lost race is harmless). Without a pool of its own
 * (an application data source that is not a Hikari pool, or the node shutting down) {@link #nextAtOnce}
 * works as {@link #next}.
 */
@Component
public class IdCounter implements DisposableBean {

  /** Connections of the counter's own pool, per node. */
  public static final int OWN_CONNECTIONS = 1;

  private static final Logger log = LoggerFactory.getLogger(IdCounter.class);
  private static final String POOL_NAME = "hitgov-id-counter";
  private static final String INCREMENT = "update id_counter set last_value = last_value + 1 where scope = ?";
  private static final String INSERT = "insert into id_counter (scope, last_value) values (?, 0)";
  /** PostgreSQL's and H2's SQL state of a duplicate key. */
  private static final String DUPLICATE_KEY = "23505";

  private final JdbcClient jdbc;
  private final Dialect dialect;
  /** The counter's own pool; null when the application's data source is not a Hikari pool. */
  private final HikariDataSource own;
  private final TransactionTemplate ownTransaction;

  public IdCounter(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.dialect = new Dialect(dataSource);
    this.own = ownPool(dataSource);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
    if (!ownPoolOpen()) {
      return next(scope);
    }
    Optional<Long> next;
    try {
      next = incrementAtOnce(scope);
      if (next.isEmpty()) {
        create(scope);
        next = incrementAtOnce(scope);
      }
    } catch (OwnPoolClosed closedMeanwhile) {
      return next(scope); // the node began to shut down after the check above: the caller's transaction numbers
    }
    long number = next.orElseThrow(() -> new IllegalStateException("No id counter " + scope));
    warnIfRolledBack(scope, number);
    return number;
  }

  private boolean ownPoolOpen() {
    return own != null && !own.isClosed();
  }

  /** Creates the scope's row (value 0), committed at once; a row another creation made meanwhile is fine. */
  private void create(String scope) {
    if (!ownPoolOpen()) {
      try {
        ownTransaction.executeWithoutResult(status -> jdbc.sql(INSERT).param(scope).update());
      } catch (DuplicateKeyException concurrentlyCreated) {
        // another creation made the row first: fine
      }
      return;
    }
    try (Connection connection = own.getConnection(); PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, scope);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (!DUPLICATE_KEY.equals(e.getSQLState())) { // a duplicate: another creation made the row first
        throw translated(INSERT, e);
      }
    }
  }

  /**
   * {@link #increment} on the counter's own connection, given back as soon as the statement ran. Plain
   * JDBC on purpose: Spring's JDBC helpers would bind the connection to the caller's transaction and keep it
   * until that transaction ends, so that one long raise would hold it.
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

  /** A number whose creation rolled back stays unused: the log says which, for whoever asks about the gap. */
  private static void warnIfRolledBack(String scope, long number) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status == STATUS_ROLLED_BACK) {
            log.warn("Number {} of {} stays unused: the creation that took it was rolled back", number, scope);
          }
        }
      });
    }
  }

  private RuntimeException translated(String sql, SQLException e) {
    if (own != null && own.isClosed()) {
      return new OwnPoolClosed();
    }
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
   * A pool of {@link #OWN_CONNECTIONS} configured as the application's Hikari pool (its database, credentials,
   * initialization, timeouts, metrics and connection source, e.g. a counting proxy), committing each
   * statement, opened now: a database that refuses it stops the start, not a raise. Null for a data source
   * that is not a Hikari pool.
   */
  private static HikariDataSource ownPool(DataSource application) {
    try {
      if (!application.isWrapperFor(HikariDataSource.class)) {
        return null;
      }
      HikariConfig config = new HikariConfig();
      application.unwrap(HikariDataSource.class).copyStateTo(config);
      config.setPoolName(POOL_NAME);
      config.setMaximumPoolSize(OWN_CONNECTIONS);
      config.setMinimumIdle(OWN_CONNECTIONS);
      config.setAutoCommit(true);
      return new HikariDataSource(config);
    } catch (SQLException e) {
      return null;
    }
  }

  /** The counter's own pool was closed between the check and the statement (the node is shutting down). */
  private static final class OwnPoolClosed extends RuntimeException {
    OwnPoolClosed() {
      super(null, null, false, false);
    }
  }

  @Override
  public void destroy() {
    if (own != null) {
      own.close();
    }
  }
}
