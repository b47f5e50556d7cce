package io.hitgov.shared.process;

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
  private final TransactionTemplate ownTransaction;

  public IdCounter(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public long next(String scope) {
    // the usual case (the row exists) is one UPDATE and one SELECT
    if (jdbc.sql("update id_counter set last_value = last_value + 1 where scope = ?").param(scope).update() == 0) {
      try {
        ownTransaction.executeWithoutResult(status ->
            jdbc.sql("insert into id_counter (scope, last_value) values (?, 0)").param(scope).update());
      } catch (DataIntegrityViolationException concurrentlyCreated) {
        // another creation made the row first: fine
      }
      jdbc.sql("update id_counter set last_value = last_value + 1 where scope = ?").param(scope).update();
    }
    return jdbc.sql("select last_value from id_counter where scope = ?").param(scope).query(Long.class).single();
  }
}
