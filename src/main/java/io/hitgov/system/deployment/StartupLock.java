package io.hitgov.system.deployment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One node of a cluster starts at a time (docs/adr/0005-cluster-schema-and-startup.md): on
 * PostgreSQL every node takes the session-level advisory lock {@link #KEY} before the engine builds,
 * and holds it until the application is ready (or its start fails). Under it run, one node after the
 * other: the engine's schema creation ({@code camunda.bpm.database.schema-update}, which fails for
 * all but one node when several create an empty schema at once), the admin user, the groups, the
 * filters, the start-up deployment of the models and the demo data. Flyway serializes HITGov's own
 * migrations with its own lock. Other databases (H2) are single-node and take no lock.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupLock extends AbstractProcessEnginePlugin implements ApplicationListener<ApplicationReadyEvent>,
    DisposableBean {

  /** The advisory lock key: "HITGOVST" as a number, the same on every node of one database. */
  static final long KEY = 0x484954474F565354L;
  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final Duration maxWait;
  private Connection held;

  public StartupLock(DataSource dataSource, ModelProperties properties) {
    this.dataSource = dataSource;
    this.maxWait = properties.startupLockTimeout();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    release();
  }

  @Override
  public void destroy() {
    release();
  }

  /** Waits for the lock (on PostgreSQL only); fails the start after {@code hitgov.models.startup-lock-timeout}. */
  synchronized void acquire() {
    if (held != null) {
      return;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      long started = System.nanoTime();
      long reported = started;
      while (!tryLock(connection)) {
        long now = System.nanoTime();
        if (Duration.ofNanos(now - started).compareTo(maxWait) > 0) {
          throw new IllegalStateException("Another HITGov node has been starting against this database for more than "
              + maxWait + " (advisory lock " + KEY + " held, see pg_locks); giving up");
        }
        if (Duration.ofNanos(now - reported).compareTo(REPORT_EVERY) >= 0 || reported == started) {
          LOG.info("Waiting for another node's start-up to finish (schema, deployment, identities) ...");
          reported = now;
        }
        Thread.sleep(250);
      }
      LOG.info("Start-up lock taken: this node creates or checks the engine schema and deploys the models alone");
      held = connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("Cannot take the start-up lock: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      closeQuietly(connection);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the start-up lock", e);
    }
  }

  synchronized void release() {
    if (held == null) {
      return;
    }
    try (PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(?)")) {
      unlock.setLong(1, KEY);
      unlock.execute();
      LOG.info("Start-up lock released");
    } catch (SQLException e) {
      LOG.warn("Could not release the start-up lock ({}); closing its connection releases it", e.getMessage());
    } finally {
      closeQuietly(held);
      held = null;
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      lock.setLong(1, KEY);
      try (ResultSet rs = lock.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the pool discards it
    }
  }
}
