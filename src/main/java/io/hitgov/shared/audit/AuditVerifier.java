package io.hitgov.shared.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes every chain from the rows as they are now, in one consistent snapshot (a read-only,
 * repeatable-read transaction), and reports each break: a row altered or deleted, an entry removed,
 * re-linked or re-ordered, a head that is not its chain's last entry, a row or write-once part that
 * was never chained, and an anchor (a head copied earlier, e.g. from an evidence export) that is no
 * longer in its chain.
 */
@Component
public class AuditVerifier {

  /** Kinds of break. */
  public enum Problem {
    /** The row's content no longer hashes to its entry: it was altered. */
    ROW_ALTERED,
    /** The entry's row is gone. */
    ROW_MISSING,
    /** The entry does not link to the previous entry's hash. */
    LINK_BROKEN,
    /** Entries are missing between two sequence numbers. */
    SEQUENCE_GAP,
    /** The head does not name the chain's last entry. */
    HEAD_MISMATCH,
    /** A row, or a filled write-once part, has no entry: written around the application. */
    UNCHAINED_ROW,
    /** An entry names a table HITGov does not audit. */
    UNKNOWN_TABLE,
    /** An anchor (a head copied earlier) is not in its chain any more. */
    ANCHOR_MISSING
  }

  /** One break: the chain, the entry's sequence number, the table, row and part, what was expected and found. */
  public record Break(String chain, Long seq, String table, String rowId, String part, Problem problem,
      String expected, String actual) {

    /** A break of a whole chain (its head, an anchor): no table, row or part. */
    static Break ofChain(String chain, long seq, Problem problem, String expected, String actual) {
      return new Break(chain, seq, null, null, null, problem, expected, actual);
    }

    /** A row or write-once part that no chain entry covers. */
    static Break unchained(String table, String rowId, String part) {
      return new Break(null, null, table, rowId, part, Problem.UNCHAINED_ROW, "an entry", null);
    }
  }

  /** A head copied earlier: the chain's entry {@code seq} must still have this hash. */
  public record Anchor(String chain, long seq, String hash) {}

  public record Report(OffsetDateTime verifiedAt, int chainsChecked, long rows, String headsDigest,
      List<Break> breaks) {

    public boolean intact() {
      return breaks.isEmpty();
    }
  }

  private record Entry(String chain, long seq, String table, String rowId, String part, String prevHash,
      String rowHash, Instant recordedAt) {}

  private final AuditChain chain;
  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;

  public AuditVerifier(AuditChain chain, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.chain = chain;
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactionManager);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Report verify() {
    return verify(List.of());
  }

  public Report verify(List<Anchor> anchors) {
    return snapshot.execute(status -> run(anchors));
  }

  private Report run(List<Anchor> anchors) {
    List<Break> breaks = new ArrayList<>();
    Map<String, List<Entry>> chains = new LinkedHashMap<>();
    jdbc.sql("""
        select chain_key, seq, table_name, row_id, part, prev_hash, row_hash, recorded_at
        from audit_chain_entry order by chain_key, seq""")
        .query((rs, n) -> new Entry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
        .list()
        .forEach(e -> chains.computeIfAbsent(e.chain(), k -> new ArrayList<>()).add(e));

    // the rows as they are now, per audited table
    Map<String, Map<String, CanonicalForm.Row>> rows = new HashMap<>();
    for (AuditedTable table : chain.tables()) {
      Map<String, CanonicalForm.Row> byId = new HashMap<>();
      jdbc.sql("select * from " + table.name()).query((rs, n) -> CanonicalForm.read(rs, table)).list()
          .forEach(row -> byId.put(row.id(), row));
      rows.put(table.name(), byId);
    }

    Map<String, AuditChain.Head> heads = new LinkedHashMap<>();
    chain.heads().forEach(h -> heads.put(h.chainKey(), h));
    Set<String> chained = new HashSet<>();
    long checked = 0;
    for (Map.Entry<String, List<Entry>> c : chains.entrySet()) {
      String previousHash = CanonicalForm.GENESIS;
      long expectedSeq = 1;
      for (Entry e : c.getValue()) {
        checked++;
        chained.add(e.table() + "\u0000" + e.rowId() + "\u0000" + e.part());
        if (e.seq() != expectedSeq) {
          breaks.add(new Break(e.chain(), e.seq(), e.table(), e.rowId(), e.part(), Problem.SEQUENCE_GAP,
              "seq " + expectedSeq, "seq " + e.seq()));
        }
        if (!e.prevHash().equals(previousHash)) {
          breaks.add(new Break(e.chain(), e.seq(), e.table(), e.rowId(), e.part(), Problem.LINK_BROKEN,
              previousHash, e.prevHash()));
        }
        Map<String, CanonicalForm.Row> tableRows = rows.get(e.table());
        if (tableRows == null) {
          breaks.add(new Break(e.chain(), e.seq(), e.table(), e.rowId(), e.part(), Problem.UNKNOWN_TABLE,
              "an audited table", e.table()));
        } else {
          CanonicalForm.Row row = tableRows.get(e.rowId());
          String content = row == null ? null : row.content().get(e.part());
          if (content == null) {
            breaks.add(new Break(e.chain(), e.seq(), e.table(), e.rowId(), e.part(), Problem.ROW_MISSING,
                e.rowHash(), null));
          } else {
            String actual = CanonicalForm.hash(e.chain(), e.seq(), e.prevHash(), e.table(), e.rowId(), e.part(),
                e.recordedAt(), content);
            if (!actual.equals(e.rowHash())) {
              breaks.add(new Break(e.chain(), e.seq(), e.table(), e.rowId(), e.part(), Problem.ROW_ALTERED,
                  e.rowHash(), actual));
            }
          }
        }
        previousHash = e.rowHash();
        expectedSeq = e.seq() + 1;
      }
      AuditChain.Head head = heads.get(c.getKey());
      Entry last = c.getValue().get(c.getValue().size() - 1);
      if (head == null || head.seq() != last.seq() || !head.hash().equals(last.rowHash())) {
        breaks.add(Break.ofChain(c.getKey(), last.seq(), Problem.HEAD_MISMATCH,
            last.seq() + " " + last.rowHash(), head == null ? null : head.seq() + " " + head.hash()));
      }
    }
    for (AuditChain.Head head : heads.values()) {
      if (!chains.containsKey(head.chainKey()) && head.seq() != 0) {
        breaks.add(Break.ofChain(head.chainKey(), head.seq(), Problem.HEAD_MISMATCH,
            "0 " + CanonicalForm.GENESIS, head.seq() + " " + head.hash()));
      }
    }

    // rows and write-once parts written around the application (rows older than the chain excepted)
    Map<String, Long> legacy = new HashMap<>();
    jdbc.sql("select table_name, max_id from audit_chain_legacy")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
        .forEach(entry -> legacy.put(entry.getKey(), entry.getValue()));
    for (AuditedTable table : chain.tables()) {
      long legacyMax = legacy.getOrDefault(table.name(), 0L);
      for (CanonicalForm.Row row : rows.get(table.name()).values()) {
        if (isLegacy(row.id(), legacyMax)) {
          continue;
        }
        for (String part : table.parts().keySet()) {
          boolean required = part.equals(AuditedTable.ROW) || !row.empty().get(part);
          if (required && !chained.contains(table.name() + "\u0000" + row.id() + "\u0000" + part)) {
            breaks.add(Break.unchained(table.name(), row.id(), part));
          }
        }
      }
    }

    for (Anchor anchor : anchors) {
      String found = chains.getOrDefault(anchor.chain(), List.of()).stream().filter(e -> e.seq() == anchor.seq())
          .map(Entry::rowHash).findFirst().orElse(null);
      if (!anchor.hash().equalsIgnoreCase(String.valueOf(found))) {
        breaks.add(Break.ofChain(anchor.chain(), anchor.seq(), Problem.ANCHOR_MISSING, anchor.hash(), found));
      }
    }
    return new Report(OffsetDateTime.now(ZoneOffset.UTC), chains.size(), checked,
        AuditChain.digest(List.copyOf(heads.values())), List.copyOf(breaks));
  }

  private static boolean isLegacy(String id, long legacyMax) {
    try {
      return Long.parseLong(id) <= legacyMax;
    } catch (NumberFormatException notNumeric) {
      return false;
    }
  }
}
