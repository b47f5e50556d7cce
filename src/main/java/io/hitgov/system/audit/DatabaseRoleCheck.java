package io.hitgov.system.audit;

import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, warns at start-up when the role HITGov connects as may UPDATE the append-only tables
 * (one role for owner and application, or a superuser; docs/security-audit.md). {@link SuperuserGuard}
 * refuses a superuser in {@code prod}.
 */
@Component
class DatabaseRoleCheck implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoleCheck.class);

  private final JdbcClient jdbc;
  private final AuditChain chain;

  DatabaseRoleCheck(JdbcClient jdbc, AuditChain chain) {
    this.jdbc = jdbc;
    this.chain = chain;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String product = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
        .getDatabaseProductName()).single();
    if (!"PostgreSQL".equals(product)) {
      return;
    }
    String role = jdbc.sql("select current_user").query(String.class).single();
    List<String> writable = chain.tables().stream().map(AuditedTable::name)
        .filter(table -> Boolean.TRUE.equals(jdbc.sql("select has_table_privilege(?, 'UPDATE')").param(table)
            .query(Boolean.class).single()))
        .sorted().toList();
    if (!writable.isEmpty()) {
      LOG.warn("The database role '{}' may UPDATE the append-only tables {}: connect as a role with SELECT and INSERT "
          + "only on them (docs/security-audit.md); the audit chains still detect changes", role, writable);
    }
  }
}
