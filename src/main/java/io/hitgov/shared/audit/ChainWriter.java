package io.hitgov.shared.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes what a transaction appended to a chain: its entries and the chain's new head, before the
 * commit ({@link AuditChain} decides when).
 */
final class ChainWriter {

  /** More entries than this (8 parameters each) go as a JDBC batch, far below PostgreSQL's 65,535 parameters. */
  private static final int MAX_ENTRIES_AT_ONCE = 1000;

  private final JdbcTemplate jdbcTemplate;
  private final JdbcClient jdbc;
  private volatile Boolean postgres;

  ChainWriter(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = jdbc;
  }

  void write(AuditChain.Pending pending) {
    if (!pending.entries.isEmpty() && pending.entries.size() <= MAX_ENTRIES_AT_ONCE && pending.headChanged
        && postgres()) {
      writeAtOnce(pending);
      return;
    }
    if (!pending.entries.isEmpty()) {
      jdbcTemplate.batchUpdate("""
          insert into audit_chain_entry (chain_key, seq, table_name, row_id, part, prev_hash, row_hash, recorded_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", pending.entries);
      pending.entries.clear();
    }
    if (pending.headChanged) {
      AuditChain.Head head = pending.head;
      jdbc.sql("update audit_chain_head set seq = ?, head_hash = ?, updated_at = ? where chain_key = ?")
          .params(head.seq(), head.hash(), head.updatedAt(), head.chainKey())
          .update();
      pending.headChanged = false;
    }
  }

  /**
   * PostgreSQL: the entries and the new head in one statement (a data-modifying WITH), one round
   * trip instead of two.
   */
  private void writeAtOnce(AuditChain.Pending pending) {
    StringBuilder sql = new StringBuilder("with entries as (insert into audit_chain_entry (chain_key, seq, table_name, "
        + "row_id, part, prev_hash, row_hash, recorded_at) values ");
    List<Object> params = new ArrayList<>();
    for (Object[] entry : pending.entries) {
      sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
      params.addAll(List.of(entry));
    }
    sql.append(") update audit_chain_head set seq = ?, head_hash = ?, updated_at = ? where chain_key = ?");
    AuditChain.Head head = pending.head;
    params.addAll(List.of(head.seq(), head.hash(), head.updatedAt(), head.chainKey()));
    jdbc.sql(sql.toString()).params(params).update();
    pending.entries.clear();
    pending.headChanged = false;
  }

  private boolean postgres() {
    if (postgres == null) {
      try {
        postgres = org.springframework.jdbc.support.JdbcUtils.extractDatabaseMetaData(jdbcTemplate.getDataSource(),
            java.sql.DatabaseMetaData::getDatabaseProductName).toLowerCase(java.util.Locale.ROOT).contains("postgres");
      } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
        throw new IllegalStateException("Cannot tell the database", e);
      }
    }
    return postgres;
  }
}
