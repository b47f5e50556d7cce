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
  private ResultSet resolvedFor;
  private int[] columns;

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
    if (rs != resolvedFor) {
      columns = shape.columns(rs.getMetaData());
      resolvedFor = rs;
    }
    Object[] args = new Object[columns.length];
    for (int i = 0; i < args.length; i++) {
      TypeDescriptor type = shape.types[i];
      args[i] = CONVERSION.convert(JdbcUtils.getResultSetValue(rs, columns[i], type.getType()), type);
    }
    return BeanUtils.instantiateClass(shape.constructor, args);
  }

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

    /** Each component's column (1-based): its own name, else its underscored name; case-insensitive, first wins. */
    int[] columns(ResultSetMetaData meta) throws SQLException {
      Map<String, Integer> byName = new HashMap<>();
      for (int column = meta.getColumnCount(); column >= 1; column--) {
        byName.put(JdbcUtils.lookupColumnName(meta, column).toLowerCase(Locale.ROOT), column);
      }
      int[] columns = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        Integer column = byName.get(names[i].toLowerCase(Locale.ROOT));
        if (column == null) {
          column = byName.get(JdbcUtils.convertPropertyNameToUnderscoreName(names[i]));
        }
        if (column == null) {
          throw new SQLException("No column " + names[i] + " or " + JdbcUtils.convertPropertyNameToUnderscoreName(names[i])
              + " for " + constructor.getDeclaringClass().getSimpleName());
        }
        columns[i] = column;
      }
      return columns;
    }
  }
}
