package io.hitgov.shared.jdbc;

import java.lang.reflect.Constructor;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Maps rows to a record the way Spring's {@code JdbcClient} maps a record class given to
 * {@code query} (each component from the column of its own name or its underscored name,
 * {@code projectId} from {@code project_id}, read with {@link JdbcUtils#getResultSetValue} and
 * converted by the default conversion service), but finds the columns once per result set. Spring's
 * {@code SimplePropertyRowMapper} asks the result set for every component by name on every row, its
 * own name first: PostgreSQL's driver answers each miss with an {@link SQLException} whose message it
 * translates, so a row of a record with multi-word names cost one exception per such component
 * (docs/performance.md#row-mapping). Use {@code .query(Rows.of(Risk.class))}; one instance per query,
 * as it remembers its result set.
 */
public final class Rows<T extends Record> implements RowMapper<T> {

  private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();
  private static final ClassValue<Shape<?>> SHAPES = new ClassValue<>() {
    @Override
    protected Shape<?> computeValue(Class<?> type) {
      return new Shape<>(type);
    }
  };

  private final Shape<T> shape;
  /** The columns found for the result set being mapped; replaced in one write. */
  private Resolved resolved;

  private Rows(Shape<T> shape) {
    this.shape = shape;
  }

  /** A mapper for one query's rows. */
  @SuppressWarnings("unchecked")
  public static <T extends Record> RowMapper<T> of(Class<T> type) {
    return new Rows<>((Shape<T>) SHAPES.get(type));
  }

  @Override
  public T mapRow(ResultSet rs, int rowNum) throws SQLException {
    Resolved current = resolved;
    if (current == null || current.rs() != rs) {
      current = new Resolved(rs, shape.columns(rs.getMetaData()));
      resolved = current;
    }
    int[] columns = current.columns();
    Object[] args = new Object[columns.length];
    for (int i = 0; i < args.length; i++) {
      TypeDescriptor type = shape.types[i];
      args[i] = CONVERSION.convert(JdbcUtils.getResultSetValue(rs, columns[i], type.getType()), type);
    }
    return BeanUtils.instantiateClass(shape.constructor, args);
  }

  private record Resolved(ResultSet rs, int[] columns) {}

  /** A record's canonical constructor, its components' names and types. */
  private static final class Shape<T> {
    final Constructor<T> constructor;
    final String[] names;
    final TypeDescriptor[] types;

    Shape(Class<T> type) {
      constructor = BeanUtils.getResolvableConstructor(type);
      names = BeanUtils.getParameterNames(constructor);
      types = new TypeDescriptor[names.length];
      for (int i = 0; i < names.length; i++) {
        types[i] = new TypeDescriptor(new MethodParameter(constructor, i));
      }
    }

    /**
     * Each component's column (1-based): the column labelled with its name, else with its underscored
     * name, ignoring case. A component two columns would match is refused, as Spring's mapper fails on
     * it (it tries to set the second into the record); labels only, as PostgreSQL's driver matches.
     */
    int[] columns(ResultSetMetaData meta) throws SQLException {
      Map<String, Integer> byName = new HashMap<>();
      Map<String, Integer> labelled = new HashMap<>();
      for (int column = 1; column <= meta.getColumnCount(); column++) {
        String label = JdbcUtils.lookupColumnName(meta, column).toLowerCase(Locale.ROOT);
        byName.putIfAbsent(label, column);
        labelled.merge(label, 1, Integer::sum);
      }
      int[] columns = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        String own = names[i].toLowerCase(Locale.ROOT);
        String underscored = JdbcUtils.convertPropertyNameToUnderscoreName(names[i]);
        int matches = labelled.getOrDefault(own, 0)
            + (underscored.equals(own) ? 0 : labelled.getOrDefault(underscored, 0));
        if (matches != 1) {
          String record = constructor.getDeclaringClass().getSimpleName();
          String which = names[i] + " or " + underscored;
          throw new SQLException(matches == 0 ? "No column " + which + " for " + record
              : matches + " columns named " + which + " for one component of " + record, "42703");
        }
        columns[i] = byName.getOrDefault(own, byName.get(underscored));
      }
      return columns;
    }
  }
}
