package io.hitgov.shared.process;

import io.hitgov.shared.jdbc.Dialect;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The next number of a readable id, per scope (e.g. {@code RISK/EHR-2026-001}), safe under
 * concurrency on H2 and PostgreSQL alike: the scope's counter row is created once in its own short
 * transaction (a lost race there is harmless), then incremented under its row lock inside the
 * caller's transaction, so two creations never get the same number.
 */
@Component
public class IdCounter {

  private final JdbcClient jdbc;
  private final Dialect dialect;
  private final TransactionTemplate ownTransaction;

  public IdCounter(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.dialect = new Dialect(dataSource);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public long next(String scope) {
    // the usual case (the row exists) is one statement: the UPDATE answers the new value
    Optional<Long> next = increment(scope);
    if (next.isEmpty()) {
      try {
        ownTransaction.executeWithoutResult(status ->
            jdbc.sql("insert into id_counter (scope, last_value) values (?, 0)").param(scope).update());
      } catch (DataIntegrityViolationException concurrentlyCreated) {
        // another creation made the row first: fine
      }
      next = increment(scope);
    }
    return next.orElseThrow(() -> new IllegalStateException("No id counter " + scope));
  }

  /** Increments the scope's counter under its row lock and answers the new value (empty: no row yet). */
  private Optional<Long> increment(String scope) {
    String update = "update id_counter set last_value = last_value + 1 where scope = ?";
    return jdbc.sql(dialect.updateReturning(update, "last_value")).param(scope).query(Long.class).optional();
  }
}
