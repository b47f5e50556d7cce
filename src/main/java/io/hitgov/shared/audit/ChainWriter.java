package io.hitgov.shared.audit;

import io.hitgov.shared.jdbc.Dialect;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains and writes what a transaction appended to a chain: locks the head (on PostgreSQL first
 * trying the head this node last committed, {@link #writeOnKnownHead}), hashes each remembered row onto
 * it in order, and writes the entries and the chain's new head, before the commit ({@link AuditChain}
 * decides when).
 */
final class ChainWriter {

  /** A row to chain: its table, the part and the part's content as stored when it was written. */
  record Unchained(AuditedTable table, String part, CanonicalForm.Row row) {}

  /**
   * What a transaction appends to one chain: the rows not yet chained, and once the head is locked
   * (just before the commit) the head as this transaction leaves it and the entries to write.
   */
  static final class Pending {
    final String chainKey;
    final List<Unchained> rows = new ArrayList<>();
    AuditChain.Head head;
    boolean headChanged;
    final List<Object[]> entries = new ArrayList<>();

    Pending(String chainKey) {
      this.chainKey = chainKey;
    }
  }

  /** More entries than this (8 parameters each) go as a JDBC batch, far below PostgreSQL's 65,535 parameters. */
  private static final int MAX_ENTRIES_AT_ONCE = 1000;

  /** Chains whose head this node remembers (one per project); beyond this many it starts over. */
  private static final int MAX_KNOWN_HEADS = 20_000;

  private final JdbcTemplate jdbcTemplate;
  private final JdbcClient jdbc;
  /**
   * Each chain's head as this node last wrote it, by chain key, and whether its transaction committed
   * ({@link #writeOnKnownHead} takes only committed ones); PostgreSQL only.
   */
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  private final Dialect dialect;
  /** A transaction of its own ({@code REQUIRES_NEW}), for starting a new chain's head. */
  private final TransactionTemplate ownTransaction;

  /** A chain's head as this node wrote it; {@code committed} once its transaction has. */
  private record Known(AuditChain.Head head, boolean committed) {}

  ChainWriter(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate ownTransaction) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = jdbc;
    this.dialect = new Dialect(jdbcTemplate.getDataSource());
    this.ownTransaction = ownTransaction;
  }

  /**
   * Chains the remembered rows in order and writes them and the new head. The first write of a
   * transaction to a chain on PostgreSQL first tries the head this node last committed
   * ({@link #writeOnKnownHead}); otherwise, and when that head is no longer the chain's, it locks the
   * head ({@code SELECT ... FOR UPDATE}) and chains onto what it reads. The head written is
   * remembered until {@link #ended} says whether its transaction committed.
   */
  void write(Pending pending) {
    if (pending.rows.isEmpty()) {
      return;
    }
    if (pending.head == null && dialect.postgres() && writeOnKnownHead(pending)) {
      return;
    }
    if (pending.head == null) {
      pending.head = lockHead(pending.chainKey);
    }
    chainRows(pending);
    writeEntries(pending);
    remember(pending.head);
  }

  /** Hashes the remembered rows onto {@code pending.head} in order, as entries to write; the head moves on. */
  private static void chainRows(Pending pending) {
    for (Unchained unchained : pending.rows) {
      AuditChain.Head head = pending.head;
      long seq = head.seq() + 1;
      Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String hash = CanonicalForm.hash(head.chainKey(), seq, head.hash(), unchained.table().name(),
          unchained.row().id(), unchained.part(), recordedAt, unchained.row().content().get(unchained.part()));
      OffsetDateTime at = recordedAt.atOffset(ZoneOffset.UTC);
      pending.entries.add(new Object[] {head.chainKey(), seq, unchained.table().name(), unchained.row().id(),
          unchained.part(), head.hash(), hash, at});
      pending.head = new AuditChain.Head(head.chainKey(), seq, hash, at);
      pending.headChanged = true;
    }
    pending.rows.clear();
  }

  /**
   * PostgreSQL, the transaction's first write to a chain whose head this node wrote in a transaction
   * that committed: chains the rows onto that head and writes the new head only where the chain's
   * head is still that one, with the entries, in one statement (a data-modifying WITH whose INSERT
   * takes its rows only from the UPDATE's): one round trip instead of the lock's read and the write.
   * The UPDATE takes the head row's lock as the read would have. Answers false, having written
   * nothing and changed nothing of {@code pending}, when the head has moved on (another node
   * appended) or this node's last head is not committed yet (another thread of this node is
   * appending: its head is not what this transaction's snapshot sees, so the UPDATE could not match);
   * the caller then locks and reads the head, waiting for that other transaction as before.
   */
  private boolean writeOnKnownHead(Pending pending) {
    Known last = known.get(pending.chainKey);
    if (last == null || !last.committed() || pending.rows.size() > MAX_ENTRIES_AT_ONCE) {
      return false;
    }
    AuditChain.Head expected = last.head();
    List<Unchained> rows = List.copyOf(pending.rows);
    pending.head = expected;
    chainRows(pending);
    Known written = new Known(pending.head, false);
    if (!known.replace(pending.chainKey, last, written)) { // another thread of this node chained onto it first
      undo(pending, rows);
      return false;
    }
    StringBuilder sql = new StringBuilder("with head as (update audit_chain_head set seq = ?, head_hash = ?, "
        + "updated_at = ? where chain_key = ? and seq = ? and head_hash = ? returning chain_key), entries as ("
        + "insert into audit_chain_entry (chain_key, seq, table_name, row_id, part, prev_hash, row_hash, recorded_at) "
        + "select v.* from head cross join (values ");
    AuditChain.Head head = pending.head;
    List<Object> params = new ArrayList<>(List.of(head.seq(), head.hash(), head.updatedAt(), head.chainKey(),
        expected.seq(), expected.hash()));
    sql.append(entryRows(pending.entries, params)).append(") as v) select count(*) from head");
    long matched;
    try {
      matched = jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    } catch (RuntimeException e) {
      known.remove(pending.chainKey, written);
      undo(pending, rows);
      throw e;
    }
    if (matched == 0) {
      known.remove(pending.chainKey, written);
      undo(pending, rows);
      return false;
    }
    pending.entries.clear();
    pending.headChanged = false;
    return true;
  }

  /** {@code pending} as it was before {@link #writeOnKnownHead} chained its rows. */
  private static void undo(Pending pending, List<Unchained> rows) {
    pending.head = null;
    pending.headChanged = false;
    pending.entries.clear();
    pending.rows.clear();
    pending.rows.addAll(rows);
  }

  /** Remembers a chain's head as this node last wrote it, until its transaction ends (PostgreSQL). */
  private void remember(AuditChain.Head head) {
    if (!dialect.postgres()) {
      return;
    }
    if (known.size() >= MAX_KNOWN_HEADS && !known.containsKey(head.chainKey())) {
      known.clear();
    }
    known.put(head.chainKey(), new Known(head, false));
  }

  /**
   * The transaction that wrote {@code pending} ended: a committed head is the chain's and may be
   * written onto without reading it; a rolled-back one is forgotten. Only while it is still the
   * node's last head of the chain.
   */
  void ended(Pending pending, boolean committed) {
    if (pending.head == null) {
      return;
    }
    Known written = new Known(pending.head, false);
    if (committed) {
      known.replace(pending.chainKey, written, new Known(pending.head, true));
    } else {
      known.remove(pending.chainKey, written);
    }
  }

  private void writeEntries(Pending pending) {
    if (!pending.entries.isEmpty() && pending.entries.size() <= MAX_ENTRIES_AT_ONCE && pending.headChanged
        && dialect.postgres()) {
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
  private void writeAtOnce(Pending pending) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("with entries as (insert into audit_chain_entry (chain_key, seq, table_name, "
        + "row_id, part, prev_hash, row_hash, recorded_at) values ").append(entryRows(pending.entries, params))
        .append(") update audit_chain_head set seq = ?, head_hash = ?, updated_at = ? where chain_key = ?");
    AuditChain.Head head = pending.head;
    params.addAll(List.of(head.seq(), head.hash(), head.updatedAt(), head.chainKey()));
    jdbc.sql(sql.toString()).params(params).update();
    pending.entries.clear();
    pending.headChanged = false;
  }

  /** The entries as rows of a VALUES list (PostgreSQL, typed), their values appended to {@code params}. */
  private static String entryRows(List<Object[]> entries, List<Object> params) {
    StringBuilder rows = new StringBuilder();
    for (Object[] entry : entries) {
      rows.append(rows.length() == 0 ? "" : ", ").append("(?, cast(? as bigint), ?, ?, ?, ?, ?, cast(? as timestamptz))");
      params.addAll(List.of(entry));
    }
    return rows.toString();
  }

  /** Locks the chain's head row ({@code SELECT ... FOR UPDATE}); a new chain's head is created first, on its own. */
  private AuditChain.Head lockHead(String chainKey) {
    Optional<AuditChain.Head> head = selectForUpdate(chainKey);
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

  private Optional<AuditChain.Head> selectForUpdate(String chainKey) {
    return jdbc.sql("select chain_key, seq, head_hash, updated_at from audit_chain_head where chain_key = ? for update")
        .param(chainKey).query(AuditChain.HEAD).optional();
  }
}
