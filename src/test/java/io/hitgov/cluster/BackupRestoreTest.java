package io.hitgov.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.HitgovApplication;
import io.hitgov.hipaa.HipaaRows;
import io.hitgov.stagegate.GateRows;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The backup procedure of docs/operations.md#backups, end to end: a node fills a database (the demo
 * project with its tasks, a risk and a change request, a HIPAA gate with its evidence rows, a gate
 * record, instances waiting on timers); {@code pg_dump --format=custom} while it runs;
 * {@code pg_restore --no-owner} into a fresh database; a node started on the copy finds every
 * project, task, gate record and HIPAA evidence row, the audit chains verify, and the timers fire.
 */
class BackupRestoreTest {

  private static final List<String> COUNTED = List.of(
      "select count(*) from project",
      "select count(*) from act_ru_task",
      "select count(*) from gate_record",
      "select count(*) from hipaa_evidence",
      "select count(*) from risk",
      "select count(*) from change_request",
      "select count(*) from audit_chain_entry");

  @Test
  void a_dump_restored_into_a_fresh_database_runs_on_with_every_record_and_timer() throws Exception {
    Path bin = ScratchPostgres.binaries();
    ClusterSupport.requireOrSkip(bin != null, "pg_dump / pg_restore (PostgreSQL client binaries)");
    Path models = ClusterSupport.models("backup");
    Path dump = Files.createTempFile("hitgov-", ".dump");
    try (PostgresDatabase source = PostgresDatabase.createOrSkip(); PostgresDatabase copy = PostgresDatabase.createOrSkip()) {
      ClusterDb sourceDb = new ClusterDb(source.url(), source.user());
      sourceDb.createLedger();
      Map<String, Long> before;
      try (ConfigurableApplicationContext node = start(source, models, false)) {
        Http http = Http.at("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port"));
        Http.Response gate = http.as("sophia").postJson("/engine-rest/process-definition/key/HipaaAuditGateProcess/start",
            "{\"variables\":{\"projectId\":{\"value\":\"EHR-DEMO-001\",\"type\":\"String\"}}}");
        assertThat(gate.status()).as(gate.toString()).isEqualTo(200);
        GateRows.appendDecision(node, "EHR-DEMO-001", "G0", "stella", "steeringCommittee", "GO", "Backup test gate decision");
        HipaaRows.appendEvidence(node, "EHR-DEMO-001", "DMS-4711", "sophia");
        for (int i = 0; i < 5; i++) {
          Http.Response started = http.as(ClusterSupport.ADMIN, ClusterSupport.ADMIN_PASSWORD).postJson(
              "/engine-rest/process-definition/key/ClusterLedgerProcess/start", "{\"businessKey\":\"BK-000" + i
                  + "\",\"variables\":" + ClusterSupport.variables("PT20S") + "}");
          assertThat(started.status()).as(started.toString()).isEqualTo(200);
        }
        ManagementService management = node.getBean(ManagementService.class);
        management.createJobQuery().activityId("ServiceTask_StepOne").list().forEach(job -> management.executeJob(job.getId()));
        before = counts(sourceDb);
        assertThat(sourceDb.count("select count(*) from act_ru_job where handler_type_ = 'timer-intermediate-transition' "
            + "and process_instance_id_ in (select id_ from act_hi_procinst where business_key_ like 'BK-%')"))
            .as("the five instances wait on their timers when the dump is taken").isEqualTo(5);
        assertThat(before.values()).as("something of each kind to back up: " + before).doesNotContain(0L);
        run(bin.resolve("pg_dump").toString(), "--format=custom", "--no-owner", "--file=" + dump,
            "--host=" + host(source), "--port=" + port(source), "--username=" + source.user(), name(source));
        System.out.printf("[cluster] backup: pg_dump of %s while its node ran (%d bytes): %s%n", name(source),
            Files.size(dump), before);
      }
      run(bin.resolve("pg_restore").toString(), "--no-owner", "--exit-on-error", "--single-transaction",
          "--host=" + host(copy), "--port=" + port(copy), "--username=" + copy.user(), "--dbname=" + name(copy),
          dump.toString());
      ClusterDb copyDb = new ClusterDb(copy.url(), copy.user());
      try (ConfigurableApplicationContext node = start(copy, models, true)) {
        Map<String, Long> restored = counts(copyDb);
        assertThat(restored).as("the restored database holds what the dump held").isEqualTo(before);
        Http http = Http.at("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port"));
        var project = http.as("paula").get("/api/projects/EHR-DEMO-001").json();
        assertThat(project.path("projectId").asText()).as(project.toString()).isEqualTo("EHR-DEMO-001");
        var evidence = http.as("paula").get("/api/projects/EHR-DEMO-001/hipaa-gate/evidence").json();
        assertThat(evidence.toString()).as("the evidence package shows the restored evidence row").contains("DMS-4711");
        assertThat(http.as("paula").get("/api/projects/EHR-DEMO-001/gates").status()).isEqualTo(200);
        var verify = http.as("paula").get("/api/audit/verify").json();
        assertThat(verify.get("breaks")).as(verify.toString()).isEmpty();
        ClusterDb.await("restored timers fired", () -> copyDb.ended("BK-"), 5, Duration.ofSeconds(90));
        copyDb.assertExactlyOnce("restore", "BK-", 5, List.of("ServiceTask_StepOne", "ServiceTask_StepTwo"));
        System.out.printf("[cluster] restore: pg_restore into %s, node started on it: %s restored, audit chains "
            + "intact, the 5 waiting timers fired%n", name(copy), restored);
      }
    } finally {
      Files.deleteIfExists(dump);
    }
  }

  private static ConfigurableApplicationContext start(PostgresDatabase database, Path models, boolean jobs) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--POSTGRES_URL=" + database.url(), "--POSTGRES_USER=" + database.user(), "--POSTGRES_PASSWORD=" + database.password(),
        "--hitgov.models.processes-location=" + models.resolve("processes").toUri(),
        "--hitgov.models.forms-location=" + models.resolve("forms").toUri(),
        "--hitgov.cluster-test.node=" + (jobs ? "restored" : "source"),
        "--camunda.bpm.job-execution.enabled=" + jobs,
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--logging.level.root=WARN"));
    return new SpringApplicationBuilder(HitgovApplication.class).profiles("postgres", "cluster-test")
        .run(args.toArray(String[]::new));
  }

  private static Map<String, Long> counts(ClusterDb db) {
    Map<String, Long> counts = new LinkedHashMap<>();
    COUNTED.forEach(sql -> counts.put(sql, db.count(sql)));
    return counts;
  }

  private static String name(PostgresDatabase database) {
    return database.url().substring(database.url().lastIndexOf('/') + 1);
  }

  private static String host(PostgresDatabase database) {
    String hostPort = database.url().replaceFirst("jdbc:postgresql://", "").replaceFirst("/.*", "");
    return hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
  }

  private static String port(PostgresDatabase database) {
    String hostPort = database.url().replaceFirst("jdbc:postgresql://", "").replaceFirst("/.*", "");
    return hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
  }

  private static void run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", System.getenv().getOrDefault("HITGOV_TEST_POSTGRES_PASSWORD", ""));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
  }
}
