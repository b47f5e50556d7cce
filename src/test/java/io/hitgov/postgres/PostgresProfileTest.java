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
      }
      try (ConfigurableApplicationContext context = AppRunner.start("test,postgres", args)) {
        assertThat(context.getBean(RepositoryService.class).createDeploymentQuery().count())
            .as("a restart on PostgreSQL with unchanged models deploys nothing").isEqualTo(deployments);
      }
    }
  }
}
