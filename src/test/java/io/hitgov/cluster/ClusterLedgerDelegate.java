package io.hitgov.cluster;

import io.hitgov.shared.process.ModelCallable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test-only delegate of the cluster and fault tests (profile {@code cluster-test}, never in the
 * product jar; its models live in {@code src/test/resources/cluster/processes} and pass the model
 * policy like any other). Every execution first counts itself in {@code cluster_attempt} on its own
 * connection (committed at once, so it counts real executions, duplicates included), then writes
 * {@code cluster_ledger} in the engine's transaction under a unique key (business key, activity): a
 * step whose effect committed twice would fail there. The test's switches in {@code cluster_switch}
 * slow every step down ({@code delay-ms}) or take the "mail server" down ({@code mail-down}).
 */
@Component("clusterLedger")
@Profile("cluster-test")
@ModelCallable(processes = {"ClusterLedgerProcess", "ClusterApprovalProcess", "ClusterMailProcess"})
public class ClusterLedgerDelegate implements JavaDelegate {

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final String node;

  public ClusterLedgerDelegate(JdbcClient jdbc, DataSource dataSource,
      @Value("${hitgov.cluster-test.node:node}") String node) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.node = node;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    String businessKey = execution.getProcessBusinessKey();
    String activity = execution.getCurrentActivityId();
    countAttempt(businessKey, activity);
    if (activity.equals("ServiceTask_SendMail") && switchValue("mail-down") > 0) {
      throw new IllegalStateException("Mail server down (cluster test switch mail-down)");
    }
    long delay = switchValue("delay-ms");
    if (delay > 0) {
      Thread.sleep(delay);
    }
    jdbc.sql("insert into cluster_ledger (business_key, activity_id, node, attempt_id) values (?, ?, ?, ?)")
        .params(businessKey, activity, node, UUID.randomUUID().toString())
        .update();
  }

  private long switchValue(String name) {
    return jdbc.sql("select coalesce(max(switch_value), 0) from cluster_switch where name = ?").param(name)
        .query(Long.class).single();
  }

  private void countAttempt(String businessKey, String activity) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "insert into cluster_attempt (business_key, activity_id, node) values (?, ?, ?)")) {
      connection.setAutoCommit(true);
      insert.setString(1, businessKey);
      insert.setString(2, activity);
      insert.setString(3, node);
      insert.executeUpdate();
    }
  }
}
