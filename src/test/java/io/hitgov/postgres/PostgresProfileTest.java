package io.hitgov.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.AppRunner;
import io.hitgov.support.Http;
import io.hitgov.support.PostgresDatabase;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code postgres} profile against a real PostgreSQL server: the schema is created, the models
 * deploy once, a restart deploys nothing, and the REST API is secured the same way.
 */
class PostgresProfileTest {

  @Test
  void the_postgres_profile_runs_on_postgresql() {
    try (PostgresDatabase database = PostgresDatabase.createOrSkip()) {
      String[] args = Stream.concat(Stream.of(database.args()), Stream.of("--spring.datasource.url=" + database.url()))
          .toArray(String[]::new);
      long deployments;
      try (ConfigurableApplicationContext context = AppRunner.start("test,postgres", args)) {
        assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        RepositoryService repository = context.getBean(RepositoryService.class);
        deployments = repository.createDeploymentQuery().count();
        assertThat(deployments).isEqualTo(1);
        assertThat(repository.createProcessDefinitionQuery().count()).isPositive();

        Http http = Http.on(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        assertThat(http.get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(http.as("paula").get("/engine-rest/process-definition").status()).isEqualTo(200);
        assertThat(http.as("fiona").get("/engine-rest/deployment").json()).isEmpty();

        // HITGov's own tables on PostgreSQL: the risk register and the HIPAA gate records.
        io.hitgov.support.Projects.register(context, "EHR-PG-1");
        Http.Response risk = http.as("carla").postJson("/api/risks", "{\"projectId\":\"EHR-PG-1\",\"title\":\"Dose rule\","
            + "\"category\":\"PATIENT_SAFETY\",\"likelihood\":2,\"impact\":4,\"owner\":\"conrad\"}");
        assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
        assertThat(http.as("paula").get("/api/projects/EHR-PG-1/risks?band=HIGH").json()).hasSize(1);
        assertThat(http.as("paula").get("/api/risks/heatmap?projectId=EHR-PG-1").json().get("openRisks").asInt()).isEqualTo(1);
        assertThat(http.as("paula").get("/api/projects/EHR-PG-1/gate-holds").json()).hasSize(2);
        assertThat(http.as("paula").get("/api/risks/RISK-EHR-PG-1-1").json().get("history"))
            .extracting(n -> n.get("event").asText()).contains("RAISED", "SCORED", "GATE_HOLD", "FAST_TRACK", "ESCALATED");

        Http.Response gate = http.as("sophia").postJson("/engine-rest/process-definition/key/HipaaAuditGateProcess/start",
            "{\"variables\":{\"projectId\":{\"value\":\"EHR-PG-1\",\"type\":\"String\"},"
                + "\"goLiveDate\":{\"value\":\"2027-03-01\",\"type\":\"String\"}}}");
        assertThat(gate.status()).as(gate.toString()).isEqualTo(200);
        var evidence = http.as("paula").get("/api/projects/EHR-PG-1/hipaa-gate/evidence").json();
        assertThat(evidence.at("/gate/gateId").asText()).isEqualTo("HIPAA-EHR-PG-1-1");
        assertThat(evidence.get("specifications")).hasSize(63);
        assertThat(http.as("paula").get("/api/projects/EHR-PG-1/hipaa-gate/evidence?format=csv").body().split("\r\n"))
            .hasSize(64);
      }
      try (ConfigurableApplicationContext context = AppRunner.start("test,postgres", args)) {
        assertThat(context.getBean(RepositoryService.class).createDeploymentQuery().count())
            .as("a restart on PostgreSQL with unchanged models deploys nothing").isEqualTo(deployments);
      }
    }
  }
}
