package io.hitgov.shared.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.hitgov.shared.audit.ChainWriter.Pending;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
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
 * Appending locks the chain's head row ({@code audit_chain_head}, SELECT ... FOR UPDATE), so the
 * nodes of a cluster append to one chain one after the other and never fork it, while different
 * projects append in parallel. Each entry ({@code audit_chain_entry}) holds the SHA-256 over the
 * row's canonical form ({@link CanonicalForm}) and the previous entry's hash.
 *
 * <p>Within a transaction the rows to chain are remembered as they are inserted (each as stored), and
 * the head is locked only just before the commit: then the rows are chained in order, and
 * {@link ChainWriter} writes the entries and the new head at once. The lock is held for those two
 * round trips and the commit, not for the whole transaction, so operations on one project no longer
 * wait for each other's engine work; at the commit chains are locked in the order of their keys, so two
 * transactions appending to the same two chains do not deadlock on them. A transaction of its own
 * inside another ({@code REQUIRES_NEW}) chains its rows at its own commit (docs/security-audit.md).
 *
 * <p>Repositories insert with {@link #insertReturning} or {@link #insert} (rows nothing reads back in the
 * transaction: {@link #insertAtCommit}, batched at the commit; {@link #writeOnce} around an UPDATE filling a
 * table's write-once part) after {@link #register registering} the table; depends on nothing else of HITGov.
 */
@Component
public class AuditChain {

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final TransactionTemplate transaction;
  private final TransactionTemplate ownTransaction;
  private final Map<String, AuditedTable> tables = new ConcurrentHashMap<>();
  private final ChainWriter writer;
  private final ReturningInserts inserts;

  public AuditChain(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.writer = new ChainWriter(jdbcTemplate, jdbc);
    this.inserts = new ReturningInserts(jdbcTemplate);
    this.transaction = new TransactionTemplate(transactionManager);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
      Pending pending = pending(chainKey);
      T id = insert.get();
      append(pending, table, AuditedTable.ROW, id);
      return id;
    });
  }

  /**
   * Inserts one row with {@code sql} (an INSERT with {@code ?} parameters) and chains it from the
   * values the INSERT itself returns (JDBC generated keys naming every hashed column: PostgreSQL's
   * {@code RETURNING}), so the row is hashed exactly as stored without reading it back: one round
   * trip instead of two. Answers the new row's id as text.
   */
  public String insertReturning(String chainKey, AuditedTable table, String sql, Object... params) {
    requireRegistered(table);
    return transaction.execute(status -> {
      Pending pending = pending(chainKey);
      CanonicalForm.Row row = inserts.insertOne(table, sql, params);
      chain(pending, table, AuditedTable.ROW, row);
      return row.id();
    });
  }

  /**
   * Inserts one row like {@link #insertReturning}, but just before the transaction commits, in one JDBC
   * batch with the other rows the transaction leaves to its commit with the same statement (one round
   * trip for them all), and chains them then, in the order they were given. For rows that nothing reads
   * back from the database within the transaction (the caller keeps what it wrote); their ids are known
   * only after the commit. Outside a transaction, or while it commits, the row is inserted at once.
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
      Pending pending = pending(chainKey);
      write.run();
      append(pending, table, part, id);
    });
  }

  /** A chain's head: its last sequence number and hash. */
  public record Head(String chainKey, long seq, String hash, OffsetDateTime updatedAt) {}

  private static final RowMapper<Head> HEAD = (rs, row) -> new Head(rs.getString(1),
      rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class));

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

  private Head lockHead(String chainKey) {
    Optional<Head> head = selectForUpdate(chainKey);
    if (head.isEmpty()) {
      try {
        ownTransaction.executeWithoutResult(status -> jdbc.sql(
                "insert into audit_chain_head (chain_key, seq, head_hash, updated_at) values (?, 0, ?, ?)")
            .params(chainKey, CanonicalForm.GENESIS, OffsetDateTime.now(ZoneOffset.UTC)).update());
      } catch (DataIntegrityViolationException concurrentlyCreated) {
        // another node or thread started the chain first: fine
      }
      head = selectForUpdate(chainKey);
    }
    return head.orElseThrow(() -> new IllegalStateException("Audit chain " + chainKey + " has no head"));
  }

  private Optional<Head> selectForUpdate(String chainKey) {
    return jdbc.sql("select chain_key, seq, head_hash, updated_at from audit_chain_head where chain_key = ? for update")
        .param(chainKey).query(HEAD).optional();
  }

  /** The chains the current transaction appends to, by key (locked in this order); written before its commit. */
  private static final class Transactional {
    final Map<String, Pending> chains = new TreeMap<>();
    final ReturningInserts.Waiting waiting = new ReturningInserts.Waiting();
    boolean committing;
  }

  /** This transaction's rows for the chain; outside a transaction (or while committing) a pending of its own. */
  private Pending pending(String chainKey) {
    if (chainKey == null || chainKey.isBlank() || chainKey.length() > 200) {
      throw new IllegalArgumentException("Not a chain key: " + chainKey);
    }
    Transactional current = current();
    if (current == null || current.committing) {
      return new ChainWriter.Pending(chainKey);
    }
    return current.chains.computeIfAbsent(chainKey, ChainWriter.Pending::new);
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
    current.waiting.insert(inserts, (pending, table, row) -> chain(pending, table, AuditedTable.ROW, row));
    current.chains.values().forEach(this::write);
  }

  /** Locks the head (once per transaction), chains the remembered rows in order and writes them with the new head. */
  private void write(Pending pending) {
    writer.write(pending, this::lockHead);
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
