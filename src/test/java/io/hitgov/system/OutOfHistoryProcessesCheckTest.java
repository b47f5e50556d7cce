package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.HitgovApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An operator who lists a governance process in {@code hitgov.engine.processes-out-of-history}
 * after its versions were deployed (docs/adr/0008) gets a refused start naming the process and what
 * in it would run without history; the deployment policy alone would not see those versions again.
 */
class OutOfHistoryProcessesCheckTest {

  @Test
  void listing_an_already_deployed_process_with_user_tasks_refuses_to_start() {
    String url = "jdbc:h2:mem:out-of-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0", "--spring.datasource.url=" + url,
        "--logging.level.root=WARN", "--hitgov.demo.data=false").close();

    assertThatThrownBy(() -> new SpringApplicationBuilder(HitgovApplication.class).run("--server.port=0",
            "--spring.datasource.url=" + url, "--logging.level.root=WARN", "--hitgov.demo.data=false",
            "--hitgov.engine.processes-out-of-history=NotificationDeliveryProcess,ChangeRequestProcess").close())
        .hasStackTraceContaining("hitgov.engine.processes-out-of-history lists ChangeRequestProcess, whose version 1")
        .hasStackTraceContaining("userTask")
        .hasStackTraceContaining("take ChangeRequestProcess off the list");
  }
}
