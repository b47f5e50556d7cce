package io.hitgov.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F3: PostgreSQL restarted mid-run under two nodes (docs/operations.md#fault-tests). The database is
 * a throwaway server this test creates with Debian's {@code initdb}/{@code pg_ctl} on a free port
 * (the shared server is never restarted); its {@code pg_ctl restart -m fast} drops every connection
 * while jobs run. Both nodes must recover without any action, failed jobs be retried, nothing lost or
 * doubled in the ledger.
 */
class ClusterDatabaseRestartTest {

  @Test
  void f3_both_nodes_recover_from_a_database_restart_and_nothing_is_lost() {
    ClusterSupport.requireOrSkip(ScratchPostgres.binaries() != null,
        "PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin)");
    try (ScratchPostgres server = ScratchPostgres.start()) {
      server.createDatabase("hitgov_f3");
      ClusterDb db = new ClusterDb(server.url("hitgov_f3"), "postgres");
      db.createLedger();
      var models = ClusterSupport.models("f3");
      try (ClusterNode a = ClusterNode.on("F3A", db.url(), "postgres", models).start();
          ClusterNode b = ClusterNode.on("F3B", db.url(), "postgres", models).start()) {
        a.awaitReady();
        b.awaitReady();
        int instances = 200;
        // The first step's jobs are held (job definition suspended) while the instances start, then released
        // all at once: the database goes down while they queue and run (each step takes 200 ms).
        db.setSwitch("delay-ms", 200);
        Http admin = Http.at(a.base()).as(ClusterSupport.ADMIN, ClusterSupport.ADMIN_PASSWORD);
        String stepOne = admin.get("/engine-rest/job-definition?processDefinitionKey=ClusterLedgerProcess"
            + "&activityIdIn=ServiceTask_StepOne").json().get(0).get("id").asText();
        assertThat(admin.put("/engine-rest/job-definition/" + stepOne + "/suspended",
            "{\"suspended\":true,\"includeJobs\":true}").status()).isEqualTo(204);
        ClusterSupport.startInstances(List.of(a, b), "ClusterLedgerProcess", "F3", instances,
            ClusterSupport.variables("PT2S"));
        assertThat(admin.put("/engine-rest/job-definition/" + stepOne + "/suspended",
            "{\"suspended\":false,\"includeJobs\":true}").status()).isEqualTo(204);
        ClusterDb.await("F3 steps running", () -> Math.min(10,
            db.count("select count(*) from cluster_ledger where business_key like 'F3%'")), 10, Duration.ofSeconds(60));
        long endedBefore = db.ended("F3");
        long jobsBefore = db.count("select count(*) from act_ru_job");
        server.restart();
        System.out.printf("[cluster] F3: PostgreSQL restarted (pg_ctl restart -m fast) with %d of %d instances ended "
            + "and %d jobs waiting or running%n", endedBefore, instances, jobsBefore);
        assertThat(endedBefore).as("the restart hits a running workload").isLessThan(instances / 2);
        ClusterDb.await("F3 instances ended after the restart", () -> db.ended("F3"), instances, Duration.ofMinutes(3));
        db.assertExactlyOnce("F3", "F3", instances, List.of("ServiceTask_StepOne", "ServiceTask_StepTwo"));
        System.out.printf("[cluster] F3: failed job executions recorded in the job log: %d; both nodes alive: %s%n",
            db.count("select count(*) from act_hi_job_log where job_exception_msg_ is not null"), a.alive() && b.alive());
        assertThat(a.alive() && b.alive()).as("both nodes survived the restart").isTrue();
      }
    }
  }
}
