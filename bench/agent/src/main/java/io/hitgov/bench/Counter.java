package io.hitgov.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Exact JDBC counts (datasource-proxy): statements (each batch element), round trips (each execute, a
 * batch once, plus each commit and rollback of a transaction that sent a statement) and commits. Counts only threads that asked to be counted
 * ({@link #countThisThread}), or every thread but the excluded one in {@link #countAllThreads} mode (job
 * executor, servlet threads).
 */
public final class Counter {

  static final AtomicLong STATEMENTS = new AtomicLong();
  static final AtomicLong ROUND_TRIPS = new AtomicLong();
  static final AtomicLong COMMITS = new AtomicLong();
  private static final ThreadLocal<Boolean> COUNTED = ThreadLocal.withInitial(() -> false);
  private static volatile boolean all;
  /** Connections whose transaction sent a statement since it began. */
  private static final java.util.Set<String> IN_TRANSACTION = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static volatile Thread excluded;

  private Counter() {}

  public record Snapshot(long statements, long roundTrips, long commits) {
    Snapshot minus(Snapshot before) {
      return new Snapshot(statements - before.statements, roundTrips - before.roundTrips, commits - before.commits);
    }
  }

  static Snapshot now() {
    return new Snapshot(STATEMENTS.get(), ROUND_TRIPS.get(), COMMITS.get());
  }

  static void countThisThread(boolean counted) {
    COUNTED.set(counted);
  }

  static void countAllThreads(boolean on, Thread except) {
    excluded = except;
    all = on;
  }

  private static boolean counted() {
    return COUNTED.get() || all && Thread.currentThread() != excluded;
  }

  static DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).name("bench").listener(new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

      @Override
      public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        if (inTransaction(execInfo)) { // on every thread: a counted commit may end a transaction begun uncounted
          IN_TRANSACTION.add(execInfo.getConnectionId());
        }
        if (!counted()) {
          return;
        }
        long elements = 0;
        for (QueryInfo query : queryInfoList) {
          elements += Math.max(1, query.getParametersList().size());
        }
        if (execInfo.isBatch() && queryInfoList.size() == 1) {
          elements = Math.max(1, execInfo.getBatchSize());
        }
        STATEMENTS.addAndGet(elements);
        ROUND_TRIPS.incrementAndGet();
      }
    }).afterMethod(Counter::afterMethod).build();
  }

  /** Whether the statement ran inside a transaction (auto-commit off), so its connection owes a commit or rollback. */
  private static boolean inTransaction(ExecutionInfo execInfo) {
    try {
      return !execInfo.getStatement().getConnection().getAutoCommit();
    } catch (java.sql.SQLException e) {
      return true;
    }
  }

  /**
   * A commit or rollback is a round trip only when its transaction sent a statement: PostgreSQL's driver
   * begins a transaction with the first statement and sends no COMMIT or ROLLBACK for one that sent
   * none (Camunda's job executor commits such an empty transaction after every job). {@code
   * setAutoCommit(true)} commits an open transaction; closing a connection forgets it.
   */
  private static void afterMethod(MethodExecutionContext context) {
    String method = context.getMethod().getName();
    String id = context.getConnectionInfo() == null ? null : context.getConnectionInfo().getConnectionId();
    if (!(context.getTarget() instanceof java.sql.Connection) || id == null) {
      return;
    }
    boolean ends = switch (method) {
      case "commit" -> IN_TRANSACTION.remove(id);
      // a rollback to a savepoint is a round trip inside the transaction, which goes on
      case "rollback" -> context.getMethodArgs() != null && context.getMethodArgs().length > 0 || IN_TRANSACTION.remove(id);
      case "setAutoCommit" -> Boolean.TRUE.equals(context.getMethodArgs()[0]) && IN_TRANSACTION.remove(id);
      case "close" -> {
        IN_TRANSACTION.remove(id);
        yield false;
      }
      default -> false;
    };
    if (ends && counted()) {
      ROUND_TRIPS.incrementAndGet();
      if (!method.equals("rollback")) {
        COMMITS.incrementAndGet();
      }
    }
  }
}
