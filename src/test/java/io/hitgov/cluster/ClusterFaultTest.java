package io.hitgov.cluster;

import static io.hitgov.cluster.ClusterSupport.ADMIN;
import static io.hitgov.cluster.ClusterSupport.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import io.hitgov.support.TasklistSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two HITGov JVMs against one fresh database on the local PostgreSQL, the fault suite of
 * docs/operations.md#fault-tests (F3, the database restart, is {@link ClusterDatabaseRestartTest}).
 * Both nodes start at the same moment on the empty database. Every step of the test models writes
 * the idempotency ledger (unique per instance and step) in the engine's transaction; after each
 * fault the ledger must hold each effect exactly once and nothing may be left running or failed.
 * Each test prints what it did. Nodes are killed when the class ends (or the JVM exits).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTest {

  private PostgresDatabase database;
  private ClusterDb db;
  private Path models;
  private ClusterNode a;
  private ClusterNode b;
  private final List<ClusterNode> started = new ArrayList<>();

  @BeforeAll
  void two_nodes_start_at_once_on_an_empty_database() {
    database = PostgresDatabase.createOrSkip();
    db = new ClusterDb(database.url(), database.user());
    db.createLedger();
    models = ClusterSupport.models("nodes");
    a = node(ClusterNode.on("A", database.url(), database.user(), models)).start();
    b = node(ClusterNode.on("B", database.url(), database.user(), models)).start();
    a.awaitReady();
    b.awaitReady();
    assertThat(db.count("select count(*) from act_re_deployment where name_ = 'hitgov'"))
        .as("two nodes starting together deploy the models once").isEqualTo(1);
    assertThat(db.count("select count(*) from model_deployment where state = 'DEPLOYED' and submitted_by = 'system'"))
        .as("the start-up deployment is recorded with its version").isEqualTo(1);
    System.out.printf("[cluster] nodes A (:%d) and B (:%d) started at once on an empty PostgreSQL database %s: "
        + "one engine schema, one deployment (%s)%n", a.port(), b.port(), database.url(),
        db.text("select deployment_id, app_version from model_deployment"));
  }

  @AfterAll
  void stop() {
    started.forEach(ClusterNode::close);
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void f1_a_thousand_instances_with_async_steps_and_timers_run_exactly_once_across_both_nodes() {
    int instances = 1000;
    ClusterSupport.startInstances(List.of(a, b), "ClusterLedgerProcess", "F1", instances, ClusterSupport.variables("PT1S"));
    ClusterDb.await("F1 instances ended", () -> db.ended("F1"), instances, Duration.ofMinutes(4));
    db.assertExactlyOnce("F1", "F1", instances, List.of("ServiceTask_StepOne", "ServiceTask_StepTwo"));
    assertThat(db.count("select count(distinct node) from cluster_ledger where business_key like 'F1%'"))
        .as("both nodes executed jobs").isEqualTo(2);
  }

  @Test
  @Order(2)
  void f4_two_users_completing_the_same_approval_on_different_nodes_one_wins_the_other_gets_a_4xx() throws Exception {
    int rounds = 3;
    for (int round = 0; round < rounds; round++) {
      String key = String.format("F4-%04d", round);
      Http.Response start = Http.at(a.base()).as(ADMIN, ADMIN_PASSWORD).postJson(
          "/engine-rest/process-definition/key/ClusterApprovalProcess/start", "{\"businessKey\":\"" + key + "\"}");
      assertThat(start.status()).as(start.toString()).isEqualTo(200);
      String taskId = Http.at(b.base()).as(ADMIN, ADMIN_PASSWORD)
          .get("/engine-rest/task?processInstanceBusinessKey=" + key).json().get(0).get("id").asText();
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<Http.Response> paula = CompletableFuture.supplyAsync(() -> completeAfter(go, a, "paula", taskId));
      CompletableFuture<Http.Response> peter = CompletableFuture.supplyAsync(() -> completeAfter(go, b, "peter", taskId));
      go.countDown();
      List<Integer> statuses = List.of(paula.get().status(), peter.get().status());
      assertThat(statuses).as("paula on A: " + paula.get() + ", peter on B: " + peter.get()).containsOnlyOnce(204);
      int loser = statuses.get(0) == 204 ? statuses.get(1) : statuses.get(0);
      assertThat(loser).as("the second completion is refused with a clear 4xx").isBetween(400, 499);
      System.out.printf("[cluster] F4 round %d: paula on A -> %d, peter on B -> %d%n", round, statuses.get(0), statuses.get(1));
    }
    ClusterDb.await("F4 instances ended", () -> db.ended("F4"), rounds, Duration.ofSeconds(30));
    db.assertExactlyOnce("F4", "F4", rounds, List.of("ServiceTask_RecordApproval"));
    assertThat(db.count("select count(*) from act_hi_taskinst t join act_hi_procinst p on t.proc_inst_id_ = p.id_ "
        + "where p.business_key_ like 'F4%' and t.end_time_ is not null")).as("one completed approval each").isEqualTo(rounds);
  }

  private static Http.Response completeAfter(CountDownLatch go, ClusterNode node, String user, String taskId) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Http.at(node.base()).as(user).postJson("/engine-rest/task/" + taskId + "/complete", "{}");
  }

  @Test
  @Order(3)
  void f5_a_failing_delegate_is_retried_by_its_cycle_then_an_incident_that_the_rest_api_resolves() {
    db.setSwitch("mail-down", 1);
    Http.Response start = Http.at(b.base()).as(ADMIN, ADMIN_PASSWORD).postJson(
        "/engine-rest/process-definition/key/ClusterMailProcess/start", "{\"businessKey\":\"F5-0000\"}");
    assertThat(start.status()).as(start.toString()).isEqualTo(200);
    String instance = start.json().get("id").asText();
    ClusterDb.await("F5 incident raised", () -> db.count(
        "select count(*) from act_ru_incident where proc_inst_id_ = ? and incident_type_ = 'failedJob'", instance), 1,
        Duration.ofSeconds(60));
    long attempts = db.count("select count(*) from cluster_attempt where business_key = 'F5-0000'");
    assertThat(attempts).as("R2/PT1S: the first execution and its retries, then the incident").isEqualTo(2);
    Http admin = Http.at(a.base()).as(ADMIN, ADMIN_PASSWORD);
    var incident = admin.get("/engine-rest/incident?processInstanceId=" + instance).json().get(0);
    assertThat(incident.get("incidentMessage").asText()).contains("Mail server down");
    String jobId = incident.get("configuration").asText();

    db.setSwitch("mail-down", 0);
    Http.Response retry = admin.put("/engine-rest/job/" + jobId + "/retries", "{\"retries\":1}");
    assertThat(retry.status()).as(retry.toString()).isEqualTo(204);
    ClusterDb.await("F5 instance ended after the incident was resolved", () -> db.ended("F5"), 1, Duration.ofSeconds(60));
    db.assertExactlyOnce("F5", "F5", 1, List.of("ServiceTask_SendMail"));
    System.out.printf("[cluster] F5: mail down -> %d attempts by the retry cycle, incident '%s'; retries set through "
        + "/engine-rest/job/{id}/retries on A -> instance ended, ledger 1 row%n", attempts,
        incident.get("incidentMessage").asText());
  }

  @Test
  @Order(4)
  void f2_kill_minus_9_of_a_node_mid_run_the_survivor_completes_everything_after_the_lock_expires() {
    int instances = 60;
    db.setSwitch("delay-ms", 400);
    try {
      ClusterSupport.startInstances(List.of(a, b), "ClusterLedgerProcess", "F2", instances, ClusterSupport.variables("PT1S"));
      ClusterDb.await("F2 steps running on A", () -> Math.min(5,
          db.count("select count(*) from cluster_attempt where business_key like 'F2%' and node = 'A'")), 5, Duration.ofSeconds(60));
      long lockedBeforeKill = db.count("select count(*) from act_ru_job where lock_owner_ is not null");
      long endedBeforeKill = db.ended("F2");
      a.kill();
      System.out.printf("[cluster] F2: kill -9 of node A with %d jobs locked, %d of %d instances ended%n",
          lockedBeforeKill, endedBeforeKill, instances);
      ClusterDb.await("F2 instances ended on the survivor B", () -> db.ended("F2"), instances, Duration.ofMinutes(3));
    } finally {
      db.setSwitch("delay-ms", 0);
    }
    db.assertExactlyOnce("F2", "F2", instances, List.of("ServiceTask_StepOne", "ServiceTask_StepTwo"));
  }

  @Test
  @Order(5)
  void f6_a_rolling_upgrade_never_rolls_a_model_back_and_both_versions_serve() throws IOException {
    String current = buildVersion();
    String next = nextVersion(current);
    Path nextModels = ClusterSupport.models("next");
    Path model = nextModels.resolve("processes/cluster-test/ClusterLedgerProcess.bpmn");
    Files.writeString(model, Files.readString(model).replace("name=\"Cluster ledger\"", "name=\"Cluster ledger (release " + next + ")\""));
    Path buildInfo = Files.createTempFile("build-info", ".properties");
    Files.writeString(buildInfo, Files.readString(Path.of("target/classes/META-INF/build-info.properties"))
        .replace("build.version=" + current, "build.version=" + next));
    long deployments = db.count("select count(*) from act_re_deployment");

    a.stop();
    a = node(ClusterNode.on("A", database.url(), database.user(), nextModels,
        "--spring.info.build.location=" + buildInfo.toUri())).start().awaitReady();
    assertThat(latestLedgerVersion()).as("node A on " + next + " deployed its changed model").isEqualTo(2);
    assertThat(db.text("select m.app_version from model_deployment m join act_re_procdef d on d.deployment_id_ = "
        + "m.engine_deployment_id where d.key_ = 'ClusterLedgerProcess' and d.version_ = 2")).isEqualTo(next + "; ");

    b.stop();
    b.start().awaitReady();
    assertThat(b.logText()).contains("Models not deployed: ").contains("newer than this node's " + current);
    assertThat(latestLedgerVersion()).as("node B on " + current + " did not roll the model back").isEqualTo(2);
    assertThat(db.count("select count(*) from act_re_deployment")).isEqualTo(deployments + 1);

    int instances = 40;
    ClusterSupport.startInstances(List.of(a, b), "ClusterLedgerProcess", "F6", instances, ClusterSupport.variables("PT1S"));
    ClusterDb.await("F6 instances ended", () -> db.ended("F6"), instances, Duration.ofMinutes(2));
    db.assertExactlyOnce("F6", "F6", instances, List.of("ServiceTask_StepOne", "ServiceTask_StepTwo"));
    assertThat(db.count("select count(*) from act_hi_procinst h join act_re_procdef d on h.proc_def_id_ = d.id_ "
        + "where h.business_key_ like 'F6%' and d.version_ = 2")).as("every instance ran the newer model").isEqualTo(instances);
    System.out.printf("[cluster] F6: A upgraded to %s deployed ClusterLedgerProcess v2; B on %s restarted and logged "
        + "that it keeps the newer models; %d instances through both nodes ran v2, no incident%n", next, current, instances);
  }

  @Test
  @Order(6)
  void f7_a_logged_in_webapp_user_stays_logged_in_through_the_load_balancer_when_their_node_dies() {
    ClusterSupport.requireOrSkip(LoadBalancer.binary() != null, "nginx (Debian package nginx)");
    try (LoadBalancer lb = LoadBalancer.inFrontOf(List.of(a, b))) {
      TasklistSession session = TasklistSession.loginAt(lb.base(), "paula");
      for (ClusterNode node : List.of(a, b)) {
        assertThat(session.via(node.base()).get("/camunda/api/admin/auth/user/default").body())
            .as("the session is known to node " + node.name()).contains("\"userId\":\"paula\"");
      }
      a.kill();
      System.out.println("[cluster] F7: paula logged in through nginx; kill -9 of node A");
      for (int i = 0; i < 4; i++) {
        Http.Response user = session.get("/camunda/api/admin/auth/user/default");
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.body()).contains("\"userId\":\"paula\"");
      }
      Http.Response query = session.postJson("task", "{}");
      assertThat(query.status()).as("a CSRF-protected call after the failover: " + query).isEqualTo(200);
      System.out.println("[cluster] F7: after the kill, 4 session reads and a CSRF-protected task query through nginx "
          + "answered 200 for paula (served by node B)");
    }
  }

  private long latestLedgerVersion() {
    return db.count("select max(version_) from act_re_procdef where key_ = 'ClusterLedgerProcess'");
  }

  private ClusterNode node(ClusterNode node) {
    started.add(node);
    return node;
  }

  static String buildVersion() throws IOException {
    return Files.readAllLines(Path.of("target/classes/META-INF/build-info.properties")).stream()
        .filter(line -> line.startsWith("build.version=")).map(line -> line.substring("build.version=".length()))
        .findFirst().orElseThrow();
  }

  /** The next minor release: 0.1.0-SNAPSHOT -> 0.2.0. */
  static String nextVersion(String version) {
    String[] parts = version.split("-", 2)[0].split("\\.");
    return parts[0] + "." + (Integer.parseInt(parts.length > 1 ? parts[1] : "0") + 1) + ".0";
  }
}
