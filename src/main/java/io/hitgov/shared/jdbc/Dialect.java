package io.hitgov.shared.jdbc;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The database HITGov runs on (PostgreSQL in production, H2 embedded), for the few statements whose
 * two forms differ; asked once, on first use.
 */
public final class Dialect {

  private final DataSource dataSource;
  private volatile Boolean postgres;

  public Dialect(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean postgres() {
    if (postgres == null) {
      try {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        postgres = product.toLowerCase(Locale.ROOT).contains("postgres");
      } catch (MetaDataAccessException e) {
        throw new IllegalStateException("Cannot tell the database", e);
      }
    }
    return postgres;
  }

  /**
   * An UPDATE that answers the {@code columns} of the rows it updated, as they are after it, in one
   * statement: PostgreSQL's {@code UPDATE … RETURNING}, H2's data change delta table.
   */
  public String updateReturning(String update, String columns) {
    return postgres() ? update + " returning " + columns : "select " + columns + " from final table (" + update + ")";
  }
}
