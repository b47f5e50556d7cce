package io.hitgov.shared.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 only: refuses UPDATE and DELETE on an append-only table (PostgreSQL refuses them through the
 * application role's privileges instead). Created by {@code db/vendor/h2}. The schema owner can drop
 * the trigger: the hash chain is what detects such changes.
 */
public class AppendOnlyTrigger implements Trigger {

  private String table;

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
    this.table = tableName;
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("Table " + table + " is append-only: rows are never updated or deleted", "42501");
  }
}
