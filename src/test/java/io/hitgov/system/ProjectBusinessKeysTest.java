package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.RawHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every governance process instance of a project carries a business key that names the project
 * (docs/contract.md#business-keys), however it was started: the lifecycle and its phases (call
 * activities pass the project id), a stage gate review, a change request and a risk started through
 * the engine, a HIPAA gate started over REST, an interface readiness started by HITGov's API. The PMO
 * finds all of them through Cockpit's REST with the project id alone, and sees the project's name in
 * the "Projects" tab of the lifecycle definition (plugin hitgov-project).
 */
@HitgovSpringTest
class ProjectBusinessKeysTest {

  static final String PROJECT = "EHR-KEYS-1";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;

  @Test
  void every_governance_instance_of_a_project_is_found_by_its_project_id() throws Exception {
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    Engine engine = driver.engine;
    Http http = Http.on(port);
    ProcessInstance lifecycle = driver.start(PROJECT, LifecycleDriver.farGoLive(), false);
    assertThat(driver.phase(lifecycle, "P0").getBusinessKey()).as("a phase carries the project id").isEqualTo(PROJECT);
    driver.completePhase(lifecycle, "P0");
    ProcessInstance gate = driver.gateReview(lifecycle);
    ProcessInstance change = engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, io.hitgov.support.Changes.interfaceChange(PROJECT)));
    Map<String, Object> risk = new HashMap<>(Map.of("projectId", PROJECT, "title", "Interface engine capacity",
        "category", "TECHNICAL", "likelihood", 2, "impact", 3, "owner", "mike"));
    ProcessInstance raised = engine.as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    Http.Response hipaa = http.as("paula").postJson("/engine-rest/process-definition/key/" + HipaaAuditGateProcess.KEY
        + "/start", "{\"variables\":{\"projectId\":{\"value\":\"" + PROJECT + "\"},"
        + "\"gateReason\":{\"value\":\"UPGRADE\"}}}");
    assertThat(hipaa.status()).as(hipaa.toString()).isEqualTo(200);
    Http.Response readiness = http.as("maria").postJson("/api/projects/" + PROJECT + "/interfaces",
        Http.json(io.hitgov.support.Interfaces.hl7("LAB")));
    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(201);

    assertThat(lifecycle.getBusinessKey()).isEqualTo(PROJECT);
    assertThat(gate.getBusinessKey()).isEqualTo("GATE-" + PROJECT + "-G0-1");
    assertThat(business(change)).isEqualTo("CR-" + PROJECT + "-1");
    assertThat(business(raised)).isEqualTo("RISK-" + PROJECT + "-1");

    // Cockpit's REST, as the PMO: every running instance of the project by its id, each key naming the project
    JsonNode found = http.as("paula").get("/engine-rest/process-instance?businessKeyLike=%25" + PROJECT + "%25").json();
    Map<String, String> keys = new LinkedHashMap<>();
    found.forEach(instance -> keys.put(instance.get("id").asText(), instance.get("businessKey").asText()));
    Set<String> definitions = new TreeSet<>();
    List<String> ids = new ArrayList<>(keys.keySet());
    processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(Set.copyOf(ids)).list()
        .forEach(instance -> definitions.add(key(instance)));
    assertThat(definitions).containsExactlyInAnyOrder(ImplementationLifecycleProcess.KEY, StageGateReviewProcess.KEY, ChangeRequestProcess.KEY, RiskEscalationProcess.KEY, HipaaAuditGateProcess.KEY,
        "InterfaceReadinessProcess");
    assertThat(keys.values()).allSatisfy(key -> assertThat(key).contains(PROJECT));
    long running = processEngine.getRuntimeService().createProcessInstanceQuery().variableValueEquals("projectId", PROJECT)
        .count();
    assertThat(keys).as("no instance of the project lacks the key").hasSize((int) running);

    // Cockpit's "Projects" tab of a definition (plugin hitgov-project): the change names its project's name and phase
    String endpoint = "/camunda/api/cockpit/plugin/hitgov-project/default/process-definition/"
        + change.getProcessDefinitionId();
    assertThat(RawHttp.on(port).get(endpoint).status()).isIn(401, 403);
    RawHttp pmo = RawHttp.on(port);
    assertThat(pmo.webappLogin("paula", "demo").status()).isEqualTo(200);
    RawHttp.Exchange answer = pmo.get(endpoint);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode tab = json(answer.body());
    assertThat(tab.get("count").asLong()).isEqualTo(processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionId(change.getProcessDefinitionId()).count());
    JsonNode row = java.util.stream.StreamSupport.stream(tab.get("instances").spliterator(), false)
        .filter(r -> r.get("id").asText().equals(change.getId())).findFirst().orElseThrow();
    assertThat(row.get("businessKey").asText()).isEqualTo("CR-" + PROJECT + "-1");
    assertThat(row.get("projectId").asText()).isEqualTo(PROJECT);
    assertThat(row.get("projectName").asText()).as("the change takes its project's name from the lifecycle")
        .isEqualTo(processEngine.getRuntimeService().getVariable(lifecycle.getId(), "projectName"));
    assertThat(row.get("phase").asText()).isEqualTo(processEngine.getRuntimeService()
        .getVariable(lifecycle.getId(), "currentPhase"));
  }

  static JsonNode json(String body) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
  }

  String business(ProcessInstance instance) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getBusinessKey();
  }

  String key(ProcessInstance instance) {
    return processEngine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey();
  }
}
