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
      AtomicInteger springLookups = new AtomicInteger();
      List<Sample> spring = read(db, new SimplePropertyRowMapper<>(Sample.class), springLookups);
      AtomicInteger ownLookups = new AtomicInteger();
      RowMapper<Sample> rows = Rows.of(Sample.class);
      List<Sample> own = read(db, rows, ownLookups);

      assertThat(own).hasSize(2).isEqualTo(spring);
      assertThat(own.get(0).projectId()).isEqualTo("EHR-1");
      assertThat(own.get(0).band()).isEqualTo(Band.HIGH);
      assertThat(own.get(0).costImpact()).isEqualByComparingTo("12500.50");
      assertThat(own.get(0).raisedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-12-02T08:30:00Z").toInstant());
      assertThat(own.get(0).NAME()).isEqualTo("Pharmacy");
      assertThat(own.get(1).goLiveDate()).isNull();
      assertThat(own.get(1).missingScore()).isEqualTo(4);
      assertThat(springLookups.get()).as("Spring looks up each component on each row").isGreaterThanOrEqualTo(20);
      assertThat(ownLookups.get()).as("no lookup by name per row").isZero();

      // the same mapper on a second result set finds that one's columns (another order)
      List<Sample> again = new ArrayList<>();
      try (ResultSet rs = db.createStatement().executeQuery(
          "select unused, name, missing_score, cost_impact, raised_at, go_live_date, band, open, likelihood,"
              + " project_id, id from sample order by id")) {
        for (int row = 0; rs.next(); row++) {
          again.add(rows.mapRow(rs, row));
        }
      }
      assertThat(again).isEqualTo(spring);
    }
  }

  @Test
  void a_component_without_its_column_is_refused_naming_both_names() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:rows-missing;DB_CLOSE_DELAY=-1")) {
      db.createStatement().execute(CREATE);
      db.createStatement().execute(INSERT);
      assertThatThrownBy(() -> read(db, Rows.of(Elsewhere.class), new AtomicInteger()))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("notThere").hasMessageContaining("not_there").hasMessageContaining("Elsewhere");
    }
  }

  /** Single-column types JdbcClient maps with its SingleColumnRowMapper: the only classes passed to query(Class). */
  static final Set<String> SINGLE_COLUMN = Set.of("String", "Long", "Integer", "Boolean", "Double", "LocalDate",
      "OffsetDateTime", "BigDecimal");

  @Test
  void main_code_reads_records_through_rows_not_jdbc_clients_per_row_lookup() throws IOException {
    Pattern byClass = Pattern.compile("\\.query\\(\\s*([A-Z][A-Za-z0-9_]*)\\.class\\s*\\)");
    List<String> findings = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        scanned++;
        Matcher m = byClass.matcher(Files.readString(source));
        while (m.find()) {
          if (!SINGLE_COLUMN.contains(m.group(1))) {
            findings.add(source + ": .query(" + m.group(1) + ".class): use .query(Rows.of(" + m.group(1) + ".class))");
          }
        }
      }
    }
    assertThat(scanned).isGreaterThan(100);
    assertThat(findings).isEmpty();
  }

  /** Reads the sample table through {@code mapper}, counting the result set's lookups of a column by name. */
  static <T> List<T> read(Connection db, RowMapper<T> mapper, AtomicInteger lookups) throws Exception {
    List<T> rows = new ArrayList<>();
    try (ResultSet real = db.createStatement().executeQuery("select * from sample order by id")) {
      ResultSet counted = (ResultSet) Proxy.newProxyInstance(RowsTest.class.getClassLoader(),
          new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
            if (method.getName().equals("findColumn")) {
              lookups.incrementAndGet();
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
