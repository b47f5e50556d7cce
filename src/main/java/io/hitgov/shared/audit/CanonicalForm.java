package io.hitgov.shared.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical form of a chained row, and the hash over it. One line per column, in the table's
 * declared order, {@code name=value}, the value typed and explicit:
 * {@code null}; {@code s:"..."} (JSON string escaping); {@code i:42}; {@code n:1.5} (decimals without
 * trailing zeros); {@code b:true}; {@code d:2026-03-01}; {@code t:2026-03-01T08:00:00.123456Z}
 * (timestamps with time zone as the UTC instant, ISO-8601); {@code l:2026-03-01T08:00} (without).
 * The entry hash is SHA-256 (lower-case hex) over a header (format version, chain, sequence number,
 * previous hash, table, row id, part, recording instant) followed by the row lines. Rows are always
 * hashed as the database returns them, at append (read back, or returned by the INSERT itself) and
 * at verification alike, so both see the values exactly as stored (precision, time zone).
 */
final class CanonicalForm {

  static final String FORMAT = "hitgov-audit-chain/1";
  static final String GENESIS = "0".repeat(64);

  private CanonicalForm() {}

  /** One row of a table as read from the database: its id, and per part the canonical lines and whether all are null. */
  record Row(String id, Map<String, String> content, Map<String, Boolean> empty) {}

  static Row read(ResultSet rs, AuditedTable table) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      index.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    Map<String, String> content = new LinkedHashMap<>();
    Map<String, Boolean> empty = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> part : table.parts().entrySet()) {
      StringBuilder lines = new StringBuilder();
      boolean allNull = true;
      for (String column : part.getValue()) {
        Integer i = index.get(column);
        if (i == null) {
          throw new IllegalStateException("Audited table " + table.name() + " has no column " + column);
        }
        String value = value(rs, i, meta);
        allNull &= value.equals("null");
        lines.append(column).append('=').append(value).append('\n');
      }
      content.put(part.getKey(), lines.toString());
      empty.put(part.getKey(), allNull);
    }
    Integer id = index.get(table.idColumn());
    if (id == null) {
      throw new IllegalStateException("Audited table " + table.name() + " has no column " + table.idColumn());
    }
    return new Row(rs.getString(id), content, empty);
  }

  static String value(ResultSet rs, int i, ResultSetMetaData meta) throws SQLException {
    int type = meta.getColumnType(i);
    switch (type) {
      case Types.BOOLEAN, Types.BIT -> {
        boolean value = rs.getBoolean(i);
        return rs.wasNull() ? "null" : "b:" + value;
      }
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long value = rs.getLong(i);
        return rs.wasNull() ? "null" : "i:" + value;
      }
      case Types.NUMERIC, Types.DECIMAL -> {
        BigDecimal value = rs.getBigDecimal(i);
        return value == null ? "null" : "n:" + value.stripTrailingZeros().toPlainString();
      }
      case Types.DATE -> {
        LocalDate value = rs.getObject(i, LocalDate.class);
        return value == null ? "null" : "d:" + value;
      }
      case Types.TIMESTAMP_WITH_TIMEZONE -> {
        return instant(rs.getObject(i, OffsetDateTime.class));
      }
      case Types.TIMESTAMP -> {
        String typeName = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        if (typeName.contains("tz") || typeName.contains("time zone")) {
          return instant(rs.getObject(i, OffsetDateTime.class));
        }
        LocalDateTime value = rs.getObject(i, LocalDateTime.class);
        return value == null ? "null" : "l:" + value;
      }
      default -> {
        String value = rs.getString(i);
        return value == null ? "null" : "s:" + json(value);
      }
    }
  }

  private static String instant(OffsetDateTime value) {
    return value == null ? "null" : "t:" + DateTimeFormatter.ISO_INSTANT.format(value.toInstant());
  }

  /** The entry hash over the header and the row's canonical lines. */
  static String hash(String chainKey, long seq, String previousHash, String table, String rowId, String part,
      Instant recordedAt, String content) {
    String text = FORMAT + "\n"
        + "chain=" + json(chainKey) + "\n"
        + "seq=" + seq + "\n"
        + "prev=" + previousHash + "\n"
        + "table=" + table + "\n"
        + "row=" + json(rowId) + "\n"
        + "part=" + part + "\n"
        + "recorded=" + DateTimeFormatter.ISO_INSTANT.format(recordedAt) + "\n"
        + content;
    return sha256(text);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
