package io.hitgov.shared.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2 only: a row of an append-only table with write-once columns (a disposition, say) may be
 * updated only to fill columns that are still empty; no value is ever changed or removed, and rows
 * are never deleted. Created by {@code db/vendor/h2}.
 */
public class WriteOnceTrigger implements Trigger {

  private String table;

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
    this.table = tableName;
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    if (newRow == null) {
      throw new SQLException("Table " + table + " is append-only: rows are never deleted", "42501");
    }
    for (int i = 0; i < oldRow.length; i++) {
      if (oldRow[i] != null && !Objects.equals(oldRow[i], newRow[i])) {
        throw new SQLException("Table " + table + " is append-only: a written value is never changed", "42501");
      }
    }
  }
}
