package io.hitgov.shared.audit;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.hitgov.shared.audit.ChainWriter.Pending;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tamper-evident audit: every row of an append-only table is chained, inside the transaction that
 * inserts it, to the previous record of the same chain (one chain per project, key
 * {@link #projectChain(String)}; other keys, e.g. {@code models}, for records of no project).
 * Appending locks the chain's head row ({@code audit_chain_head}, SELECT ... FOR UPDATE, or on
 * PostgreSQL the UPDATE of the head this node last committed, {@link ChainWriter}), so the nodes of a
 * cluster append to one chain one after the other and never fork it, while different projects append
 * in parallel. Each entry ({@code audit_chain_entry}) holds the SHA-256 over the
 * row's canonical form ({@link CanonicalForm}) and the previous entry's hash.
 *
 * <p>Within a transaction the rows to chain are remembered as inserted (as stored); the head is locked
 * just before the commit, the rows chained in order and {@link ChainWriter} writes the entries and the
 * new head at once: operations on one project wait for each other's last round trips only, not their
 * engine work. Chains are locked in key order (no deadlock between two transactions appending to the
 * same two chains); a {@code REQUIRES_NEW} transaction chains at its own commit (docs/security-audit.md).
 *
 * <p>Repositories insert with {@link #insertReturning} or {@link #insert} (rows nothing reads back in the
 * transaction: {@link #insertAtCommit}, batched at the commit; {@link #writeOnce} around an UPDATE filling a
 * table's write-once part) after {@link #register registering} the table; depends on nothing else of HITGov.
 */
@Component
public class AuditChain {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Map<String, AuditedTable> tables = new ConcurrentHashMap<>();
  private final ChainWriter writer;
  private final ReturningInserts inserts;

  public AuditChain(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.inserts = new ReturningInserts(jdbcTemplate);
    this.transaction = new TransactionTemplate(transactionManager);
    TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.writer = new ChainWriter(jdbcTemplate, jdbc, ownTransaction);
  }

  /** A chain on its own connection pool, as a second node would have it (tests, tools). */
  public static AuditChain on(DataSource dataSource) {
    return new AuditChain(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
  }

  /** The chain of a project's records. */
  public static String projectChain(String projectId) {
    return "project:" + projectId;
  }

  /** Makes a table known to verification; idempotent. */
  public AuditedTable register(AuditedTable table) {
    AuditedTable known = tables.putIfAbsent(table.name(), table);
    if (known != null && !known.equals(table)) {
      throw new IllegalStateException("Audited table " + table.name() + " is registered twice, differently");
    }
    return table;
  }

  public Collection<AuditedTable> tables() {
    return List.copyOf(tables.values());
  }

  Optional<AuditedTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /**
   * Runs {@code insert} (which returns the new row's id) and chains the row's {@link AuditedTable#ROW}
   * part, in the caller's transaction or in a new one.
   */
  public <T> T insert(String chainKey, AuditedTable table, Supplier<T> insert) {
    requireRegistered(table);
    return transaction.execute(status -> {
      Pending pending = written(chainKey);
      T id = insert.get();
      append(pending, table, AuditedTable.ROW, id);
      return id;
    });
  }

  /**
   * Inserts one row with {@code sql} (an INSERT with {@code ?} parameters) and chains it as the INSERT
   * returns it ({@link ReturningInserts}: hashed as stored, no read-back). Answers the new row's id as text.
   */
  public String insertReturning(String chainKey, AuditedTable table, String sql, Object... params) {
    requireRegistered(table);
    return transaction.execute(status -> {
      Pending pending = written(chainKey);
      CanonicalForm.Row row = inserts.insertOne(table, sql, params);
      chain(pending, table, AuditedTable.ROW, row);
      return row.id();
    });
  }

  /**
   * Inserts one row like {@link #insertReturning}, but later: with the rows the transaction left to its
   * commit after it, one JDBC batch per run of one statement (one round trip for a run), just before the
   * commit or before the transaction's next immediate write to any chain, so every chain keeps the order
   * in which rows were written. For rows nothing reads back from the database within the transaction (the
   * caller keeps what it wrote); their ids are known only after the commit. Outside a transaction, or
   * while it commits, the row is inserted at once.
   */
  public void insertAtCommit(String chainKey, AuditedTable table, String sql, Object... params) {
    requireRegistered(table);
    Transactional current = current();
    if (current == null || current.committing) {
      insertReturning(chainKey, table, sql, params);
      return;
    }
    current.waiting.add(pending(chainKey), table, sql, params);
  }

  /** Runs {@code write} (an UPDATE filling the write-once {@code part} of row {@code id}) and chains that part. */
  public void writeOnce(String chainKey, AuditedTable table, String part, Object id, Runnable write) {
    requireRegistered(table);
    table.columns(part);
    transaction.executeWithoutResult(status -> {
      Pending pending = written(chainKey);
      write.run();
      append(pending, table, part, id);
    });
  }

  /** A chain's head: its last sequence number and hash. */
  public record Head(String chainKey, long seq, String hash, OffsetDateTime updatedAt) {}

  static final RowMapper<Head> HEAD = (rs, row) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3),
      rs.getObject(4, OffsetDateTime.class));

  public Optional<Head> head(String chainKey) {
    flushPending();
    return jdbc.sql("select chain_key, seq, head_hash, updated_at from audit_chain_head where chain_key = ?")
        .param(chainKey).query(HEAD).optional();
  }

  /** Every chain's head, by chain key. */
  public List<Head> heads() {
    flushPending();
    return jdbc.sql("select chain_key, seq, head_hash, updated_at from audit_chain_head order by chain_key")
        .query(HEAD).list();
  }

  /** SHA-256 over every head, one line {@code chainKey seq hash} each, sorted by chain key: one value to compare. */
  public static String digest(List<Head> heads) {
    StringBuilder lines = new StringBuilder();
    heads.stream().sorted(java.util.Comparator.comparing(Head::chainKey))
        .forEach(h -> lines.append(h.chainKey()).append(' ').append(h.seq()).append(' ').append(h.hash()).append('\n'));
    return CanonicalForm.sha256(lines.toString());
  }

  private void requireRegistered(AuditedTable table) {
    if (!table.equals(tables.get(table.name()))) {
      throw new IllegalStateException("Audited table " + table.name() + " is not registered");
    }
  }

  /** The chains the current transaction appends to, by key (locked in this order); written before its commit. */
  private static final class Transactional {
    final Map<String, Pending> chains = new TreeMap<>();
    /** Chains appended to while the transaction commits (written at once): their heads end with it too. */
    final List<Pending> late = new java.util.ArrayList<>();
    final ReturningInserts.Waiting waiting = new ReturningInserts.Waiting();
    boolean committing;
  }

  /** This transaction's rows for the chain; outside a transaction (or while committing) a pending of its own. */
  private Pending pending(String chainKey) {
    if (chainKey == null || chainKey.isBlank() || chainKey.length() > 200) {
      throw new IllegalArgumentException("Not a chain key: " + chainKey);
    }
    Transactional current = current();
    if (current == null) {
      return new ChainWriter.Pending(chainKey);
    }
    if (current.committing) {
      Pending late = new ChainWriter.Pending(chainKey);
      current.late.add(late);
      return late;
    }
    return current.chains.computeIfAbsent(chainKey, ChainWriter.Pending::new);
  }

  /** The chain's rows, after the rows the transaction left to its commit: each chain keeps the order of writing. */
  private Pending written(String chainKey) {
    Transactional current = current();
    if (current != null && !current.committing) {
      insertWaiting(current);
    }
    return pending(chainKey);
  }

  private void insertWaiting(Transactional current) {
    current.waiting.insert(inserts, (pending, table, row) -> chain(pending, table, AuditedTable.ROW, row));
  }

  private Transactional current() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Transactional current = (Transactional) TransactionSynchronizationManager.getResource(this);
    if (current == null) {
      Transactional created = new Transactional();
      TransactionSynchronizationManager.bindResource(this, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          AuditChain.this.flush(created);
          // anything appended after this point (another synchronization) is written at once
          created.committing = true;
        }

        // a REQUIRES_NEW (or NOT_SUPPORTED) scope inside this transaction appends on its own, not into this one
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResourceIfPossible(AuditChain.this);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.unbindResourceIfPossible(AuditChain.this);
          TransactionSynchronizationManager.bindResource(AuditChain.this, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(AuditChain.this);
          created.chains.values().forEach(pending -> writer.ended(pending, status == STATUS_COMMITTED));
          created.late.forEach(pending -> writer.ended(pending, status == STATUS_COMMITTED));
        }
      });
      current = created;
    }
    return current;
  }

  private void flushPending() {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.getResource(this) instanceof Transactional current) {
      flush(current);
    }
  }

  private void flush(Transactional current) {
    insertWaiting(current);
    current.chains.values().forEach(this::write);
  }

  /** Locks the head (once per transaction), chains the remembered rows in order and writes them with the new head. */
  private void write(Pending pending) {
    writer.write(pending);
  }

  private void append(Pending pending, AuditedTable table, String part, Object id) {
    if (id == null) {
      throw new IllegalStateException("No id for the new row of " + table.name());
    }
    CanonicalForm.Row row = jdbc.sql("select * from " + table.name() + " where " + table.idColumn() + " = ?")
        .param(id)
        .query((rs, n) -> CanonicalForm.read(rs, table))
        .optional()
        .orElseThrow(() -> new IllegalStateException("No row " + id + " in " + table.name() + " to chain"));
    chain(pending, table, part, row);
  }

  private void chain(Pending pending, AuditedTable table, String part, CanonicalForm.Row row) {
    pending.rows.add(new ChainWriter.Unchained(table, part, row));
    Transactional current = current();
    if (current == null || current.committing || current.chains.get(pending.chainKey) != pending) {
      write(pending);
    }
  }
}
