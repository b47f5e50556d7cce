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
 * batch once, plus each commit and rollback) and commits. Counts only threads that asked to be counted
 * ({@link #countThisThread}), or every thread but the excluded one in {@link #countAllThreads} mode (job
 * executor, servlet threads).
 */
public final class Counter {

  static final AtomicLong STATEMENTS = new AtomicLong();
  static final AtomicLong ROUND_TRIPS = new AtomicLong();
  static final AtomicLong COMMITS = new AtomicLong();
  private static final ThreadLocal<Boolean> COUNTED = ThreadLocal.withInitial(() -> false);
  private static volatile boolean all;
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

  private static void afterMethod(MethodExecutionContext context) {
    String method = context.getMethod().getName();
    if (context.getTarget() instanceof java.sql.Connection && (method.equals("commit") || method.equals("rollback"))
        && counted()) {
      ROUND_TRIPS.incrementAndGet();
      if (method.equals("commit")) {
        COMMITS.incrementAndGet();
      }
    }
  }
}
