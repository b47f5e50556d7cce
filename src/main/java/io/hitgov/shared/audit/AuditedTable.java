package io.hitgov.shared.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only table whose rows are chained by {@link AuditChain}: its name, its id column and the
 * columns hashed, in a fixed order. A row is hashed as one part ({@link #ROW}); a table with columns
 * written once after the insert (a disposition, say) declares them as a further part, chained when
 * they are written. The column lists are part of the canonical form: never change an existing
 * part's list (verification of older rows would fail), add a new part instead.
 */
public record AuditedTable(String name, String idColumn, Map<String, List<String>> parts) {

  /** The part hashed when the row is inserted. */
  public static final String ROW = "row";

  public AuditedTable {
    if (!name.matches("[a-z_][a-z0-9_]*") || !idColumn.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain table or column name: " + name + "." + idColumn);
    }
    if (parts.isEmpty() || !parts.containsKey(ROW)) {
      throw new IllegalArgumentException("Table " + name + " needs a part '" + ROW + "'");
    }
    parts.values().stream().flatMap(List::stream).filter(column -> !column.matches("[a-z_][a-z0-9_]*")).findAny()
        .ifPresent(column -> {
          throw new IllegalArgumentException("Not a plain column name: " + column);
        });
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parts.forEach((part, columns) -> copy.put(part, List.copyOf(columns)));
    parts = java.util.Collections.unmodifiableMap(copy);
  }

  /** A table hashed whole at its insert: {@code columns} are every column but the id. */
  public static AuditedTable of(String name, String idColumn, String... columns) {
    return new AuditedTable(name, idColumn, Map.of(ROW, List.of(columns)));
  }

  /** This table with a further part: columns written once, after the insert. */
  public AuditedTable withPart(String part, String... columns) {
    Map<String, List<String>> more = new LinkedHashMap<>(parts);
    if (more.put(part, List.of(columns)) != null) {
      throw new IllegalArgumentException("Table " + name + " already has a part " + part);
    }
    return new AuditedTable(name, idColumn, more);
  }

  /** Every hashed column, all parts. */
  public List<String> columns() {
    List<String> all = new ArrayList<>();
    parts.values().forEach(all::addAll);
    return all;
  }

  public List<String> columns(String part) {
    List<String> columns = parts.get(part);
    if (columns == null) {
      throw new IllegalArgumentException("Table " + name + " has no part " + part);
    }
    return columns;
  }
}
