package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * PortfolioWatchOnDemandProcess: a PMO member runs the watch from Tasklist (the start dialog lists the
 * process with its start form; starting it starts PortfolioWatchProcess as that member, whose sweep
 * then runs); nobody outside pmo and the operators may start it.
 */
@HitgovSpringTest
class PortfolioWatchOnDemandProcessTest {

  static final String START = "/engine-rest/process-definition/key/" + PortfolioWatchOnDemandProcess.KEY + "/start";

  @Autowired ProcessEngine processEngine;
  @LocalServerPort int port;

  long watches() {
    return processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PortfolioWatchProcess.KEY).count();
  }

  List<String> startableInTasklist(String user) {
    JsonNode list = Http.on(port).as(user)
        .get("/engine-rest/process-definition?latestVersion=true&startableInTasklist=true&startablePermissionCheck=true")
        .json();
    List<String> keys = new ArrayList<>();
    list.forEach(definition -> keys.add(definition.get("key").asText()));
    return keys;
  }

  @Test
  void a_pmo_member_runs_the_watch_from_tasklist() {
    assertThat(startableInTasklist("paula")).contains(PortfolioWatchOnDemandProcess.KEY)
        .doesNotContain(PortfolioWatchProcess.KEY);
    Http paula = Http.on(port).as("paula");
    assertThat(paula.get("/engine-rest/process-definition/key/" + PortfolioWatchOnDemandProcess.KEY + "/startForm")
        .json().path("camundaFormRef").path("key").asText()).isEqualTo(PortfolioWatchOnDemandProcess.START_FORM);

    LifecycleDriver driver = new LifecycleDriver(processEngine);
    driver.start("EHR-ONDEMAND", LifecycleDriver.farGoLive(), true);
    long before = watches();
    Http.Response started = paula.postJson(START, "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String request = started.json().get("id").asText();

    HistoricProcessInstance done = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(request).singleResult();
    assertThat(done.getState()).isEqualTo("COMPLETED");
    String watchId = (String) processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(request).variableName(PortfolioWatchOnDemandProcess.Variables.WATCH_PROCESS_INSTANCE_ID)
        .singleResult().getValue();
    assertThat(watches()).isEqualTo(before + 1);
    HistoricProcessInstance watch = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(watchId).singleResult();
    assertThat(watch.getProcessDefinitionKey()).isEqualTo(PortfolioWatchProcess.KEY);
    assertThat(watch.getStartUserId()).as("started as the PMO member").isEqualTo("paula");

    driver.engine.executeDueJobs(watchId);
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(watchId)
        .singleResult().getState()).isEqualTo("COMPLETED");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(watchId)
        .variableName(PortfolioWatchProcess.Variables.PROJECTS).singleResult().getValue()).isEqualTo(1);
  }

  @Test
  void nobody_outside_pmo_may_start_it_and_it_takes_no_variables() {
    long before = watches();
    for (String user : List.of("maria", "carla", "irene")) {
      assertThat(startableInTasklist(user)).as(user).doesNotContain(PortfolioWatchOnDemandProcess.KEY);
      Http.Response refused = Http.on(port).as(user).postJson(START, "{}");
      assertThat(refused.status()).as(user + ": " + refused.body()).isEqualTo(403);
    }
    assertThat(Http.on(port).postJson(START, "{}").status()).isEqualTo(401);
    Http.Response bad = Http.on(port).as("paula").postJson(START,
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-X\"}}}");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("projectId");
    assertThat(watches()).as("no watch was started").isEqualTo(before);
  }
}
