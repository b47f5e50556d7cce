package io.hitgov.shared.audit;

import io.hitgov.shared.audit.ChainWriter.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * INSERTs into audited tables that answer their rows as stored: JDBC generated keys naming the id and
 * every hashed column (PostgreSQL's {@code RETURNING}), so a row is hashed exactly as stored without
 * reading it back. Rows of one table and statement go as one JDBC batch: one round trip for them all,
 * the rows answered in the order they were added.
 */
final class ReturningInserts {

  private final JdbcTemplate jdbcTemplate;

  ReturningInserts(JdbcTemplate jdbcTemplate) {
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Inserts one row with {@code sql} (an INSERT with {@code ?} parameters) and answers it as stored. */
  CanonicalForm.Row insertOne(AuditedTable table, String sql, Object... params) {
    return insertAll(table, sql, List.<Object[]>of(params)).get(0);
  }

  /** Inserts the rows (one JDBC batch when there are several) and answers them as stored, in order. */
  List<CanonicalForm.Row> insertAll(AuditedTable table, String sql, List<Object[]> rows) {
    String[] columns = Stream.concat(Stream.of(table.idColumn()), table.columns().stream()).distinct()
        .toArray(String[]::new);
    return jdbcTemplate.execute((Connection connection) -> connection.prepareStatement(sql, columns),
        (PreparedStatement statement) -> {
          if (rows.size() == 1) {
            new ArgumentPreparedStatementSetter(rows.get(0)).setValues(statement);
            statement.executeUpdate();
          } else {
            for (Object[] row : rows) {
              new ArgumentPreparedStatementSetter(row).setValues(statement);
              statement.addBatch();
            }
            statement.executeBatch();
          }
          List<CanonicalForm.Row> stored = new ArrayList<>(rows.size());
          try (ResultSet keys = statement.getGeneratedKeys()) {
            while (stored.size() < rows.size() && keys.next()) {
              stored.add(CanonicalForm.read(keys, table));
            }
          }
          if (stored.size() != rows.size()) {
            throw new IllegalStateException("The insert into " + table.name() + " returned " + stored.size()
                + " of its " + rows.size() + " rows to chain");
          }
          return stored;
        });
  }

  /**
   * What a transaction inserts just before its commit, in the order given: each run of rows with the
   * same table and statement is one batch (as MyBatis batches the engine's), so the rows are inserted
   * and chained in the order they were written.
   */
  static final class Waiting {

    private record Row(Pending pending, AuditedTable table, String sql, Object[] params) {
      boolean sameStatement(Row other) {
        return table.equals(other.table) && sql.equals(other.sql);
      }
    }

    /** Hands a row inserted at the commit, as stored, to its chain. */
    interface Chain {
      void chain(Pending pending, AuditedTable table, CanonicalForm.Row row);
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Pending pending, AuditedTable table, String sql, Object[] params) {
      rows.add(new Row(pending, table, sql, params.clone()));
    }

    /** Inserts every waiting row, one batch per run of one statement, and chains each; nothing waits afterwards. */
    void insert(ReturningInserts inserts, Chain chain) {
      List<Row> all = List.copyOf(rows);
      rows.clear();
      for (int from = 0; from < all.size(); ) {
        int to = from + 1;
        while (to < all.size() && all.get(to).sameStatement(all.get(from))) {
          to++;
        }
        List<Row> batch = all.subList(from, to);
        Row first = batch.get(0);
        List<CanonicalForm.Row> stored = inserts.insertAll(first.table(), first.sql(),
            batch.stream().map(Row::params).toList());
        for (int i = 0; i < batch.size(); i++) {
          chain.chain(batch.get(i).pending(), first.table(), stored.get(i));
        }
        from = to;
      }
    }
  }
}
