package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.AppRunner;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import io.hitgov.support.Projects;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two changes of one project verified at the same time on PostgreSQL (whose row locks wait as long as
 * it takes): both move the budget. The first verification's transaction is held open after it moved the
 * budget; the second is verified meanwhile and waits for it. A budget computed from what the second
 * read before it waited would lose the first change's cost.
 */
class PostgresConcurrentBudgetTest {

  @Test
  void two_changes_verified_at_the_same_time_both_move_the_budget() throws Exception {
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      String[] args = Stream.concat(Stream.of(database.args()), Stream.of("--spring.datasource.url=" + database.url()))
          .toArray(String[]::new);
      try (ConfigurableApplicationContext context = AppRunner.start("test,postgres", args)) {
        Http http = Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        ProcessEngine processEngine = context.getBean(ProcessEngine.class);
        Projects.start(http, "PRJ-PG-BUDGET");
        String first = toVerification(http, processEngine, 10_000);
        String second = toVerification(http, processEngine, 20_000);

        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        CountDownLatch verified = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
          Future<?> held = threads.submit(() -> transaction.executeWithoutResult(status -> {
            ChangeSteps.verify(processEngine, first);
            verified.countDown();
            await(release);
          }));
          assertThat(verified.await(60, TimeUnit.SECONDS)).as("the first verification ran").isTrue();
          Future<?> other = threads.submit(() -> ChangeSteps.verify(processEngine, second));
          // the second verification waits for the project's row, which the first one holds
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
              + " and wait_event_type = 'Lock' and query like 'update project set budget%'", Integer.class) == 0) {
            assertThat(other.isDone()).as("the second verification should wait for the first").isFalse();
            assertThat(System.nanoTime()).as("the second verification waits").isLessThan(deadline);
            Thread.sleep(20);
          }
          release.countDown();
          held.get(60, TimeUnit.SECONDS);
          other.get(60, TimeUnit.SECONDS);
        } finally {
          release.countDown();
          threads.shutdownNow();
        }

        JsonNode log = http.as("stella").get("/api/projects/PRJ-PG-BUDGET/changes").json();
        assertThat(log.at("/totals/currentBudget").asLong()).as(log.toString()).isEqualTo(1_030_000);
        assertThat(log.get("baselineChanges").findValues("field").stream().map(JsonNode::asText)
            .filter("BUDGET"::equals)).hasSize(2);
        // each move recorded from the budget it found: 1,000,000 -> 1,010,000 -> 1,030,000
        assertThat(log.get("baselineChanges").findValuesAsText("oldValue")).containsExactlyInAnyOrder("1000000", "1010000");
        assertThat(log.get("baselineChanges").findValuesAsText("newValue")).containsExactlyInAnyOrder("1010000", "1030000");
        String lifecycle = processEngine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceBusinessKey("PRJ-PG-BUDGET")
            .processDefinitionKey(io.hitgov.lifecycle.ImplementationLifecycleProcess.KEY).singleResult().getId();
        assertThat(processEngine.getRuntimeService().getVariable(lifecycle, "budget")).isEqualTo(1_030_000L);
      }
    }
  }

  /** Raises a change of {@code cost} and takes it to its open verification. */
  private static String toVerification(Http http, ProcessEngine processEngine, long cost) {
    Map<String, Object> change = new HashMap<>(ChangeRequestProcessTest.change("PRJ-PG-BUDGET", "NORMAL", cost, 0));
    Http.Response raised = http.as("irene").postJson("/api/change-requests", Http.json(change));
    assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
    String instance = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(raised.json().get("changeRequestId").asText()).singleResult().getId();
    ChangeSteps.toVerification(processEngine, instance, "CHG-" + cost);
    return instance;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
