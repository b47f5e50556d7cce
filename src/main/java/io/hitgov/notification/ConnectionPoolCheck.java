package io.hitgov.notification;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the connection pool cannot serve every job thread twice, or hands out
 * connections without auto-commit. An e-mail delivery job ({@link NotificationDelivery}) holds the
 * job's connection and marks each mail sent by an update committed at once outside its transaction,
 * on a second connection (auto-commit: without it the pool would roll the mark back when the
 * connection is returned, and the mail would be sent again): with as many job threads as connections, every
 * thread can hold one and wait for a second until all time out (Camunda's default of 10 job threads
 * and Hikari's default of 10 connections did exactly that). The pool must hold at least twice
 * {@code camunda.bpm.job-execution.max-pool-size}, plus one for requests (docs/operations.md#connection-pool).
 */
@Component
class ConnectionPoolCheck implements InitializingBean {

  private final DataSource dataSource;
  private final CamundaBpmProperties camunda;

  ConnectionPoolCheck(DataSource dataSource, CamundaBpmProperties camunda) {
    this.dataSource = dataSource;
    this.camunda = camunda;
  }

  @Override
  public void afterPropertiesSet() throws SQLException {
    if (!dataSource.isWrapperFor(HikariDataSource.class)) {
      return;
    }
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    if (!pool.isAutoCommit()) {
      throw new IllegalStateException("spring.datasource.hikari.auto-commit is false: each e-mail is marked sent by "
          + "an update that commits by itself, outside any transaction (docs/notifications.md); keep it true");
    }
    if (!camunda.getJobExecution().isEnabled()) {
      return;
    }
    int jobThreads = camunda.getJobExecution().getMaxPoolSize();
    int connections = pool.getMaximumPoolSize();
    int needed = 2 * jobThreads + 1;
    if (connections < needed) {
      throw new IllegalStateException("spring.datasource.hikari.maximum-pool-size is " + connections + " but "
          + "camunda.bpm.job-execution.max-pool-size is " + jobThreads + ": each e-mail delivery job needs two"
          + " connections at once, so the pool needs at least " + needed
          + " (raise the pool, e.g. HITGOV_DB_POOL_SIZE, or lower the job threads)");
    }
  }
}
