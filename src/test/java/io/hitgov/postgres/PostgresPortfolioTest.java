package io.hitgov.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.AppRunner;
import io.hitgov.support.Engine;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portfolio watch on PostgreSQL: its lock row, the set-based reads and the findings table work
 * there as on H2; a stalled go-live becomes one incident, a second run adds none, and
 * GET /api/portfolio shows it.
 */
class PostgresPortfolioTest {

  @Test
  void the_portfolio_watch_runs_on_postgresql() {
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      String[] args = Stream.concat(Stream.of(database.args()), Stream.of("--spring.datasource.url=" + database.url()))
          .toArray(String[]::new);
      try (ConfigurableApplicationContext context = AppRunner.start("test,postgres", args)) {
        Http http = Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        ProcessEngine processEngine = context.getBean(ProcessEngine.class);
        Engine engine = new Engine(processEngine);
        // started 150 days ago: a go-live 20 days away is too close to start today (minimum phase lengths)
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now()
            .minus(java.time.Duration.ofDays(150))));
        Http.Response started;
        try {
          started = http.as("paula").postJson("/api/projects", Http.json(java.util.Map.of("projectId", "EHR-PG-W",
              "projectName", "Pharmacy upgrade", "goLiveDate", LocalDate.now().plusDays(20).toString(), "budget", 500_000,
              "sponsor", "evelyn", "projectManager", "maria", "vendorSelectionRequired", false)));
        } finally {
          org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        assertThat(started.status()).as(started.body()).isBetween(200, 201);
        for (int run = 0; run < 2; run++) {
          var watch = http.as("paula").post("/api/portfolio/watch", "application/json", "");
          assertThat(watch.status()).as(watch.body()).isEqualTo(202);
          engine.executeDueJobs(watch.json().get("processInstanceId").asText());
        }
        assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentType("stalledGoLive").count())
            .as("one incident after two runs").isEqualTo(1);
        var page = http.as("maria").get("/api/portfolio?stalled=true").json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("projects").get(0).get("stalled").findValuesAsText("type")).contains("stalledGoLive");
        assertThat(http.as("maria").get("/api/portfolio/risk-heat-map").json().get("cells")).hasSize(25);
      }
    }
  }
}
