package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.shared.jdbc.Rows;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;

/**
 * {@link Rows} maps a record as Spring's {@code JdbcClient...query(Record.class)} does, column by
 * column, but looks the columns up once per result set instead of once per row and component; and
 * HITGov's repositories use it for every record they read.
 */
class RowsTest {

  enum Band { LOW, HIGH }

  record Sample(Long id, String projectId, int likelihood, boolean open, Band band, LocalDate goLiveDate,
      OffsetDateTime raisedAt, BigDecimal costImpact, Integer missingScore, String NAME) {}

  record Elsewhere(String projectId, String notThere) {}

  static final String CREATE = """
      create table sample (id bigint, project_id varchar(64), likelihood int, open boolean, band varchar(8),
        go_live_date date, raised_at timestamp with time zone, cost_impact numeric(12,2), missing_score int,
        name varchar(20), unused varchar(20))""";

  static final String INSERT = """
      insert into sample values
        (1, 'EHR-1', 3, true, 'HIGH', date '2027-03-01', timestamp with time zone '2026-12-02 09:30:00+01',
         12500.50, null, 'Pharmacy', 'x'),
        (2, 'EHR-2', 1, false, 'LOW', null, null, null, 4, null, null)""";

  @Test
  void maps_every_row_like_springs_record_mapper_looking_columns_up_once_per_result_set() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:rows-test;DB_CLOSE_DELAY=-1")) {
      db.createStatement().execute(CREATE);
      db.createStatement().execute(INSERT);
      Calls springCalls = new Calls();
      List<Sample> spring = read(db, "select * from sample order by id", new SimplePropertyRowMapper<>(Sample.class),
          springCalls);
      Calls ownCalls = new Calls();
      RowMapper<Sample> rows = Rows.of(Sample.class);
      List<Sample> own = read(db, "select * from sample order by id", rows, ownCalls);

      assertThat(own).hasSize(2).isEqualTo(spring);
      assertThat(own.get(0).projectId()).isEqualTo("EHR-1");
      assertThat(own.get(0).band()).isEqualTo(Band.HIGH);
      assertThat(own.get(0).costImpact()).isEqualByComparingTo("12500.50");
      assertThat(own.get(0).raisedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-12-02T08:30:00Z").toInstant());
      assertThat(own.get(0).NAME()).isEqualTo("Pharmacy");
      assertThat(own.get(1).goLiveDate()).isNull();
      assertThat(own.get(1).missingScore()).isEqualTo(4);
      assertThat(springCalls.byName.get()).as("Spring looks up each component on each row").isGreaterThanOrEqualTo(20);
      assertThat(ownCalls.byName.get()).as("no column asked for by name").isZero();
      assertThat(ownCalls.metaData.get()).as("the columns found once for the result set").isEqualTo(1);

      // the same mapper on a second result set finds that one's columns (another order)
      Calls again = new Calls();
      assertThat(read(db, "select unused, name, missing_score, cost_impact, raised_at, go_live_date, band, open,"
          + " likelihood, project_id, id from sample order by id", rows, again)).isEqualTo(spring);
      assertThat(again.metaData.get()).isEqualTo(1);
    }
  }

  @Test
  void a_component_without_its_column_is_refused_naming_both_names() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:rows-missing;DB_CLOSE_DELAY=-1")) {
      db.createStatement().execute(CREATE);
      db.createStatement().execute(INSERT);
      assertThatThrownBy(() -> read(db, "select * from sample", Rows.of(Elsewhere.class), new Calls()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("notThere").hasMessageContaining("not_there").hasMessageContaining("Elsewhere");
    }
  }

  @Test
  void a_component_two_columns_would_match_is_refused_as_spring_refuses_it() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:rows-twice;DB_CLOSE_DELAY=-1")) {
      db.createStatement().execute(CREATE);
      db.createStatement().execute(INSERT);
      String twice = "select s.*, s.project_id as projectid from sample s";
      assertThatThrownBy(() -> read(db, twice, new SimplePropertyRowMapper<>(Sample.class), new Calls()))
          .as("Spring's mapper").isInstanceOf(RuntimeException.class);
      assertThatThrownBy(() -> read(db, twice, Rows.of(Sample.class), new Calls()))
          .isInstanceOf(SQLException.class).hasMessageContaining("2 columns named projectId or project_id");
    }
  }

  /** Single-column types JdbcClient maps with its SingleColumnRowMapper: the only classes passed to query(Class). */
  static final Set<String> SINGLE_COLUMN = Set.of("String", "Long", "Integer", "Boolean", "Double", "Float", "Short",
      "Byte", "Character", "BigDecimal", "BigInteger", "LocalDate", "LocalDateTime", "LocalTime", "OffsetDateTime",
      "Instant", "UUID", "Date", "Timestamp");

  @Test
  void main_code_reads_records_through_rows_not_jdbc_clients_per_row_lookup() throws IOException {
    Pattern byClass = Pattern.compile("\\.query\\(\\s*((?:\\w+\\.)*([A-Z]\\w*))\\.class\\s*\\)");
    Pattern springMappers = Pattern.compile("new\\s+(DataClass|BeanProperty|SimpleProperty)RowMapper");
    List<String> findings = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        scanned++;
        String text = Files.readString(source);
        Matcher m = byClass.matcher(text);
        while (m.find()) {
          if (!SINGLE_COLUMN.contains(m.group(2))) {
            findings.add(source + ": .query(" + m.group(1) + ".class): use .query(Rows.of(" + m.group(1) + ".class))");
          }
        }
        Matcher mapper = springMappers.matcher(text);
        while (mapper.find()) {
          findings.add(source + ": " + mapper.group() + ": use Rows.of");
        }
      }
    }
    assertThat(scanned).isGreaterThan(100);
    assertThat(findings).isEmpty();
  }

  /** What a mapper asked of the result set: a column by name (any getter or lookup), its metadata. */
  static final class Calls {
    final AtomicInteger byName = new AtomicInteger();
    final AtomicInteger metaData = new AtomicInteger();
  }

  /** Reads {@code sql} through {@code mapper}, counting what it asks of the result set. */
  static <T> List<T> read(Connection db, String sql, RowMapper<T> mapper, Calls calls) throws Exception {
    List<T> rows = new ArrayList<>();
    try (ResultSet real = db.createStatement().executeQuery(sql)) {
      ResultSet counted = (ResultSet) Proxy.newProxyInstance(RowsTest.class.getClassLoader(),
          new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
            if (method.getParameterCount() > 0 && method.getParameterTypes()[0] == String.class) {
              calls.byName.incrementAndGet();
            }
            if (method.getName().equals("getMetaData")) {
              calls.metaData.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      for (int row = 0; counted.next(); row++) {
        rows.add(mapper.mapRow(counted, row));
      }
    }
    return rows;
  }
}
