package io.hitgov.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts what the application sends to its database, exactly, with datasource-proxy wrapped around
 * the connections of the application's pool: SQL statements (each element of a JDBC batch counted), round
 * trips (each {@code execute*} call, a batch counting once, plus each {@code commit}/{@code rollback} of
 * a transaction that sent a statement) and commits. PostgreSQL's driver begins a transaction with its
 * first statement and sends no COMMIT or ROLLBACK for one that sent none (Camunda's job executor
 * commits such an empty transaction after every job), so those are not counted. Add it to an application as an initializer; counts are global (run one operation at a
 * time, job executor off). Definitions in docs/performance.md.
 */
public final class SqlCounter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** What one operation sent. {@code sql} lists each execution ({@code xN} for a batch of N). */
  public record Count(int statements, int roundTrips, int commits, List<String> sql) {

    /** Statements per table-and-verb, for reading a budget failure. */
    public Map<String, Integer> itemised() {
      Map<String, Integer> items = new TreeMap<>();
      for (String line : sql) {
        String normalized = oneLine(line).toLowerCase();
        String[] words = normalized.split(" ");
        String verb = words[0];
        String table = "?";
        for (int i = 0; i < words.length - 1; i++) {
          if (words[i].equals("from") || words[i].equals("into") || (verb.equals("update") && i == 0)) {
            table = words[i + 1];
            break;
          }
        }
        items.merge(verb + " " + table, 1, Integer::sum);
      }
      return items;
    }

    /** The executions whose statement starts with {@code start} (case as sent, on one line). */
    public long executions(String start) {
      return sql.stream().filter(line -> oneLine(line).startsWith(start)).count();
    }

    /**
     * The engine's writes (ACT_ tables) sent right after the same statement: one run of identical rows
     * sent as two JDBC batches.
     */
    public List<String> cutBatches() {
      List<String> cut = new java.util.ArrayList<>();
      for (int i = 1; i < sql.size(); i++) {
        String statement = oneLine(sql.get(i)).replaceAll(" x\\d+$", "");
        if (statement.matches("(?i)(insert into|update|delete from) ACT_.*")
            && statement.equals(oneLine(sql.get(i - 1)).replaceAll(" x\\d+$", ""))) {
          cut.add(statement);
        }
      }
      return cut;
    }

    /**
     * Executions by whose tables they touch: the engine's ({@code ACT_*}, authorization checks and
     * identity included) and HITGov's own (registers, audit chain, login throttle, sessions).
     */
    public String owners() {
      long engine = sql.stream().filter(line -> line.toUpperCase(java.util.Locale.ROOT).contains("ACT_")).count();
      return "engine " + engine + ", hitgov " + (sql.size() - engine);
    }

    /** Every execution, in order, one per line, for itemising an operation: {@code target/round-trips/<name>.sql}. */
    public void write(String name) {
      try {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "round-trips"));
        String file = name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "") + ".sql";
        java.nio.file.Files.write(dir.resolve(file), sql.stream().map(line -> oneLine(line) + ";").toList());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return statements + " statements, " + roundTrips + " round trips, " + commits + " commits " + itemised();
    }
  }

  /** A statement as MyBatis sends it, with its line breaks and indentation, on one line. */
  public static String oneLine(String sql) {
    return sql.replaceAll("\\s+", " ").trim();
  }

  private final List<String> sql = Collections.synchronizedList(new ArrayList<>());
  /** Connections whose transaction sent a statement: their commit or rollback goes to the database. */
  private final Set<String> inTransaction = ConcurrentHashMap.newKeySet();
  private int statements;
  private int roundTrips;
  private int commits;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // The pool keeps its type (Flyway derives its own data source from it); what it pools is counted.
        if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
          pool.setDataSource(wrap(new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())));
        }
        return bean;
      }
    });
  }

  /** {@code dataSource} behind the counting proxy. */
  public DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).name("counted").listener(new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

      @Override
      public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        int elements = 0;
        for (QueryInfo query : queryInfoList) {
          elements += Math.max(1, query.getParametersList().size());
        }
        if (execInfo.isBatch() && queryInfoList.size() == 1) {
          elements = Math.max(1, execInfo.getBatchSize());
        }
        String first = queryInfoList.isEmpty() ? "?" : queryInfoList.get(0).getQuery();
        if (inTransaction(execInfo)) {
          inTransaction.add(execInfo.getConnectionId());
        }
        synchronized (SqlCounter.this) {
          statements += elements;
          roundTrips++;
          sql.add(elements > 1 ? first + " x" + elements : first);
        }
      }
    }).afterMethod(this::afterMethod).build();
  }

  /** Whether the statement ran inside a transaction (auto-commit off), so its connection owes a commit or rollback. */
  static boolean inTransaction(ExecutionInfo execInfo) {
    try {
      return !execInfo.getStatement().getConnection().getAutoCommit();
    } catch (java.sql.SQLException e) {
      return true;
    }
  }

  /**
   * Whether a call on a connection sent COMMIT or ROLLBACK: {@code commit}, {@code rollback} or
   * {@code setAutoCommit(true)} (which commits) ending a transaction that sent a statement. Closing a
   * connection forgets it.
   */
  static boolean endsTransaction(MethodExecutionContext context, Set<String> inTransaction) {
    String method = context.getMethod().getName();
    String id = context.getConnectionInfo() == null ? null : context.getConnectionInfo().getConnectionId();
    if (!(context.getTarget() instanceof java.sql.Connection) || id == null) {
      return false;
    }
    return switch (method) {
      case "commit" -> inTransaction.remove(id);
      // a rollback to a savepoint is a round trip inside the transaction, which goes on
      case "rollback" -> context.getMethodArgs() != null && context.getMethodArgs().length > 0 || inTransaction.remove(id);
      case "setAutoCommit" -> Boolean.TRUE.equals(context.getMethodArgs()[0]) && inTransaction.remove(id);
      case "close" -> {
        inTransaction.remove(id);
        yield false;
      }
      default -> false;
    };
  }

  private void afterMethod(MethodExecutionContext context) {
    String method = context.getMethod().getName();
    if (endsTransaction(context, inTransaction)) {
      synchronized (this) {
        roundTrips++;
        if (!method.equals("rollback")) {
          commits++;
        }
      }
    }
  }

  /** Runs {@code operation} and answers what it sent to the database. */
  public Count count(Runnable operation) {
    return count(() -> {
      operation.run();
      return null;
    }).count();
  }

  /** Runs {@code operation} and answers its result with what it sent. */
  public <T> Counted<T> count(Supplier<T> operation) {
    synchronized (this) {
      statements = 0;
      roundTrips = 0;
      commits = 0;
      sql.clear();
    }
    T result = operation.get();
    synchronized (this) {
      return new Counted<>(result, new Count(statements, roundTrips, commits, List.copyOf(sql)));
    }
  }

  public record Counted<T>(T result, Count count) {}
}
