package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.NewRiskEvent;
import io.hitgov.shared.audit.AuditChain;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two HITGov "nodes" appending to one project's audit chain at once: each node is the risk
 * repository on its own connection pool with its own {@link AuditChain}, as two application
 * instances against one database have them; every thread appends risk history rows of one risk.
 */
public final class AuditRace {

  private AuditRace() {}

  /** A node: its risk repository and its audit chain (which remembers the chains' heads it wrote). */
  private record Node(RiskRepository risks, AuditChain chain) {}

  /** Each pool's node; a closed pool's stays, a few per test run. */
  private static final java.util.Map<DataSource, Node> NODES = new java.util.concurrent.ConcurrentHashMap<>();

  /** The node on {@code pool}: the same for every call with that pool. */
  private static Node nodeOf(DataSource pool) {
    return NODES.computeIfAbsent(pool, p -> {
      AuditChain chain = AuditChain.on(p);
      return new Node(new RiskRepository(new org.springframework.jdbc.core.JdbcTemplate(p), chain), chain);
    });
  }

  /** A node's risk repository on {@code pool}. */
  private static RiskRepository node(DataSource pool) {
    return nodeOf(pool).risks();
  }

  /**
   * On {@code pool}'s node, appends one event of {@code riskId} (details {@code details}) inside a
   * transaction that stays open, counting down {@code appended}, until {@code release} is counted down.
   */
  public static Future<?> appendAndHold(DataSource pool, String riskId, String details, CountDownLatch appended,
      CountDownLatch release) {
    RiskRepository node = node(pool);
    TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      return holder.submit(() -> transaction.executeWithoutResult(status -> {
        node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "holder", "REVIEWED", null, null, null, details));
        appended.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }));
    } finally {
      holder.shutdown();
    }
  }

  /**
   * In a transaction that appends one event (details {@code outerDetails}) and then fails, appends
   * another ({@code innerDetails}) in a REQUIRES_NEW transaction of its own, which commits.
   */
  public static void appendInsideAFailingTransaction(DataSource pool, String riskId, String outerDetails,
      String innerDetails) {
    RiskRepository node = node(pool);
    DataSourceTransactionManager manager = new DataSourceTransactionManager(pool);
    TransactionTemplate inner = new TransactionTemplate(manager);
    inner.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    try {
      new TransactionTemplate(manager).executeWithoutResult(status -> {
        node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "outer", "REVIEWED", null, null, null,
            outerDetails));
        inner.executeWithoutResult(s -> node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "inner",
            "REVIEWED", null, null, null, innerDetails)));
        throw new IllegalStateException("the outer transaction fails");
      });
    } catch (IllegalStateException expected) {
      // rolled back, as intended
    }
  }

  /**
   * In one transaction on {@code pool}'s node: reads the history of {@code keptRiskId} (so its new rows
   * are left to the commit), appends {@code details[0]} to it, then {@code details[1]} to {@code otherRiskId}
   * (whose history it does not keep: inserted at once), then {@code details[2]} to the first again.
   */
  public static void appendKeptOtherKept(DataSource pool, String keptRiskId, String otherRiskId, String... details) {
    RiskRepository node = node(pool);
    new TransactionTemplate(new DataSourceTransactionManager(pool)).executeWithoutResult(status -> {
      node.events(keptRiskId);
      node.insertEvent(new NewRiskEvent(keptRiskId, OffsetDateTime.now(), "mixed", "REVIEWED", null, null, null,
          details[0]));
      node.insertEvent(new NewRiskEvent(otherRiskId, OffsetDateTime.now(), "mixed", "REVIEWED", null, null, null,
          details[1]));
      node.insertEvent(new NewRiskEvent(keptRiskId, OffsetDateTime.now(), "mixed", "REVIEWED", null, null, null,
          details[2]));
    });
  }

  /**
   * In one transaction on {@code pool}'s node that keeps {@code riskId}'s history: appends an event
   * (details {@code details}), then one whose event name is longer than its column, which fails only
   * when the rows left to the commit are inserted. Answers what the commit threw.
   */
  public static RuntimeException appendThenOneTooLong(DataSource pool, String riskId, String details) {
    RiskRepository node = node(pool);
    try {
      new TransactionTemplate(new DataSourceTransactionManager(pool)).executeWithoutResult(status -> {
        node.events(riskId);
        node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "kept", "REVIEWED", null, null, null,
            details));
        node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "kept", "X".repeat(40), null, null, null,
            details));
      });
    } catch (RuntimeException thrown) {
      return thrown;
    }
    throw new IllegalStateException("the commit should have failed");
  }

  /**
   * On one node: a transaction appends an event (details {@code rolledBack}), has the chain written
   * (a read of the head writes what the transaction appended), and then fails; the node then appends
   * another ({@code committed}) in a transaction of its own. The failed transaction wrote a head the
   * database never kept; the node must not chain onto it.
   */
  public static void rollBackAfterTheChainIsWrittenThenAppend(DataSource pool, String riskId, String rolledBack,
      String committed) {
    AuditChain chain = nodeOf(pool).chain();
    RiskRepository node = node(pool);
    String chainKey = AuditChain.projectChain(node.find(riskId).orElseThrow().projectId());
    try {
      new TransactionTemplate(new DataSourceTransactionManager(pool)).executeWithoutResult(status -> {
        node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "failing", "REVIEWED", null, null, null,
            rolledBack));
        chain.head(chainKey);
        throw new IllegalStateException("the transaction fails after its chain was written");
      });
    } catch (IllegalStateException expected) {
      // rolled back, as intended
    }
    node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "after", "REVIEWED", null, null, null, committed));
  }

  /** Appends one event of {@code riskId} on {@code pool}'s node in a transaction of its own. */
  public static void append(DataSource pool, String riskId, String details) {
    node(pool).insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), "other", "REVIEWED", null, null, null, details));
  }

  /** Runs {@code threadsPerNode} threads on each pool's node, each appending {@code rowsPerThread} events of {@code riskId}. */
  public static void run(List<DataSource> pools, String riskId, int threadsPerNode, int rowsPerThread)
      throws Exception {
    List<RiskRepository> nodes = pools.stream().map(AuditRace::node).toList();
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * threadsPerNode);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (int n = 0; n < nodes.size(); n++) {
        RiskRepository node = nodes.get(n);
        for (int t = 0; t < threadsPerNode; t++) {
          String actor = "node" + n + "-thread" + t;
          results.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < rowsPerThread; i++) {
              node.insertEvent(new NewRiskEvent(riskId, OffsetDateTime.now(), actor, "REVIEWED", null, null, null,
                  actor + " review " + i));
            }
            return null;
          }));
        }
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
