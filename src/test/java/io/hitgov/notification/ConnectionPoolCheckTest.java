package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.HitgovApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A pool that cannot serve every job thread twice (an e-mail delivery job holds two connections)
 * stops the start with a message naming both settings, instead of job threads waiting on each
 * other's connections until they time out (Camunda's 10 job threads on Hikari's 10 connections);
 * so does a pool without auto-commit, which would undo each mail's mark as sent.
 */
class ConnectionPoolCheckTest {

  @Test
  void a_pool_smaller_than_twice_the_job_threads_refuses_to_start() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:mem:pool-check;DB_CLOSE_DELAY=-1", "--logging.level.root=WARN",
            "--spring.datasource.hikari.maximum-pool-size=10", "--camunda.bpm.job-execution.max-pool-size=10")
        .close())
        .hasStackTraceContaining("spring.datasource.hikari.maximum-pool-size is 10")
        .hasStackTraceContaining("camunda.bpm.job-execution.max-pool-size is 10")
        .hasStackTraceContaining("at least 21");
  }

  @Test
  void a_pool_without_auto_commit_refuses_to_start() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:mem:pool-check-commit;DB_CLOSE_DELAY=-1", "--logging.level.root=WARN",
            "--spring.datasource.hikari.auto-commit=false")
        .close())
        .hasStackTraceContaining("spring.datasource.hikari.auto-commit is false");
  }
}
