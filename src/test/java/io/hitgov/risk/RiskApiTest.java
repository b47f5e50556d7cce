package io.hitgov.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.shared.process.IdCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The risk register through HTTP: raising (HITGov API and /engine-rest), the register, heat map and gate holds. */
@HitgovSpringTest
class RiskApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired org.springframework.context.ApplicationContext context;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    io.hitgov.support.Projects.register(context, "EHR-API-1", "EHR-API-2", "EHR-API-3", "EHR-API-4", "EHR-API-5",
        "EHR-API-6", "EHR-API-7", "EHR-API-8", "EHR-API-9", "EHR-API-OTHER");
  }

  static String risk(String projectId, String category, int likelihood, int impact) {
    return "{\"projectId\":\"" + projectId + "\",\"title\":\"Go-live volume\",\"category\":\"" + category
        + "\",\"likelihood\":" + likelihood + ",\"impact\":" + impact + ",\"owner\":\"mike\"}";
  }

  @Test
  void a_risk_is_raised_through_the_api_scored_and_attributed() {
    Http.Response created = http.as("irene").postJson("/api/risks", risk("EHR-API-1", "TECHNICAL", 3, 4));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("riskId").asText()).isEqualTo("RISK-EHR-API-1-1");
    assertThat(created.json().get("riskScore").asInt()).isEqualTo(12);
    assertThat(created.json().get("riskBand").asText()).isEqualTo("HIGH");

    JsonNode one = http.as("paula").get("/api/risks/RISK-EHR-API-1-1").json();
    assertThat(one.at("/risk/raisedBy").asText()).isEqualTo("irene");
    assertThat(one.at("/risk/owner").asText()).isEqualTo("mike");
    assertThat(one.at("/risk/escalationLevel").asText()).isEqualTo("PMO");
    assertThat(one.get("history")).extracting(n -> n.get("event").asText())
        .as("a HIGH risk belongs to the PMO from the start, notified").containsExactly("RAISED", "SCORED", "ESCALATED");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void risks_raised_at_once_on_one_project_do_not_wait_for_each_other_and_a_failed_raise_leaves_its_number_unused(
      org.springframework.boot.test.system.CapturedOutput output) throws Exception {
    Engine engine = new Engine(context.getBean(org.camunda.bpm.engine.ProcessEngine.class));
    TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    // more raises held open than the id counter has connections of its own
    int heldOpen = IdCounter.OWN_CONNECTIONS + 1;
    CountDownLatch raised = new CountDownLatch(heldOpen);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService holders = Executors.newFixedThreadPool(heldOpen);
    try {
      List<Future<String>> held = new ArrayList<>();
      for (int i = 0; i < heldOpen; i++) {
        // irene's raises stay uncommitted, then fail (rolled back)
        held.add(holders.submit(() -> transaction.execute(status -> {
          String key = engine.as("irene", () -> runtimeService.startProcessInstanceByKey(RiskEscalationProcess.KEY,
              Map.of("projectId", "EHR-API-9", "title", "Held open", "category", "TECHNICAL", "likelihood", 2,
                  "impact", 2))).getBusinessKey();
          raised.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          status.setRollbackOnly();
          return key;
        })));
      }
      assertThat(raised.await(60, TimeUnit.SECONDS)).as("every held raise started").isTrue();
      // maria's raise on the same project answers while irene's are still open: it waits for none of them
      Http.Response other = CompletableFuture.supplyAsync(() ->
          http.as("maria").postJson("/api/risks", risk("EHR-API-9", "BUDGET", 2, 2))).get(60, TimeUnit.SECONDS);
      assertThat(other.status()).as(other.toString()).isEqualTo(201);
      assertThat(other.json().get("riskId").asText()).isEqualTo("RISK-EHR-API-9-" + (heldOpen + 1));
      release.countDown();
      Set<String> heldIds = new TreeSet<>();
      for (Future<String> raise : held) {
        heldIds.add(raise.get(60, TimeUnit.SECONDS));
      }
      assertThat(heldIds).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, heldOpen)
          .mapToObj(n -> "RISK-EHR-API-9-" + n).toList());
    } finally {
      release.countDown();
      holders.shutdownNow();
    }
    // the rolled-back raises left nothing behind but their unused numbers, which the log names; the next one
    // takes the number after
    assertThat(output.getAll()).contains("Number 1 of RISK/EHR-API-9 stays unused");
    assertThat(http.as("fiona").get("/api/projects/EHR-API-9/risks").json()).extracting(n -> n.get("riskId").asText())
        .containsExactly("RISK-EHR-API-9-" + (heldOpen + 1));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("RISK-EHR-API-9-1").count()).isZero();
    assertThat(http.as("maria").postJson("/api/risks", risk("EHR-API-9", "BUDGET", 2, 2)).json().get("riskId").asText())
        .isEqualTo("RISK-EHR-API-9-" + (heldOpen + 2));
  }

  @Test
  void bad_input_is_400_naming_the_field_and_starts_nothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(RiskEscalationProcess.KEY).count();
    Http.Response range = http.as("irene").postJson("/api/risks", risk("EHR-API-2", "TECHNICAL", 6, 4));
    assertThat(range.status()).isEqualTo(400);
    assertThat(range.json().get("detail").asText()).contains("likelihood 6 is outside 1..5");
    Http.Response missing = http.as("irene").postJson("/api/risks", "{\"projectId\":\"EHR-API-2\",\"category\":\"BUDGET\","
        + "\"likelihood\":2,\"impact\":2}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("title is required");
    Http.Response typed = http.as("irene").postJson("/api/risks", "{\"projectId\":\"EHR-API-2\",\"title\":\"x\","
        + "\"category\":\"BUDGET\",\"likelihood\":\"high\",\"impact\":2}");
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.body()).contains("likelihood must be a Integer");
    Http.Response unknown = http.as("irene").postJson("/api/risks", "{\"projectId\":\"EHR-API-2\",\"title\":\"x\","
        + "\"category\":\"BUDGET\",\"likelihood\":2,\"impact\":2,\"patientMrn\":\"123\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("patientMrn is not a known variable");
    assertThat(http.as("irene").postJson("/api/risks", "{not json").status()).isEqualTo(400);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(RiskEscalationProcess.KEY).count())
        .isEqualTo(before);
  }

  @Test
  void the_same_start_through_engine_rest_is_validated_too() {
    Http.Response bad = http.as("irene").postJson("/engine-rest/process-definition/key/RiskEscalationProcess/start",
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-API-3\",\"type\":\"String\"}}}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.body()).contains("title is required").contains("category is required");
    Http.Response good = http.as("irene").postJson("/engine-rest/process-definition/key/RiskEscalationProcess/start",
        "{\"variables\":{\"projectId\":{\"value\":\"EHR-API-3\",\"type\":\"String\"},"
            + "\"title\":{\"value\":\"Lab feed\",\"type\":\"String\"},\"category\":{\"value\":\"TECHNICAL\",\"type\":\"String\"},"
            + "\"likelihood\":{\"value\":2,\"type\":\"Integer\"},\"impact\":{\"value\":2,\"type\":\"Integer\"}}}");
    assertThat(good.status()).as(good.toString()).isEqualTo(200);
    assertThat(good.json().get("businessKey").asText()).isEqualTo("RISK-EHR-API-3-1");
  }

  @Test
  void the_register_filters_and_the_heat_map_counts_open_risks() {
    http.as("maria").postJson("/api/risks", risk("EHR-API-4", "SCHEDULE", 2, 2));
    http.as("maria").postJson("/api/risks", risk("EHR-API-4", "BUDGET", 2, 2));
    http.as("maria").postJson("/api/risks", risk("EHR-API-4", "BUDGET", 5, 5));
    http.as("maria").postJson("/api/risks", risk("EHR-API-OTHER", "BUDGET", 5, 5));

    assertThat(http.as("fiona").get("/api/projects/EHR-API-4/risks").json()).hasSize(3);
    JsonNode budget = http.as("fiona").get("/api/projects/EHR-API-4/risks?category=BUDGET&band=MODERATE").json();
    assertThat(budget).hasSize(1);
    assertThat(budget.get(0).get("riskId").asText()).isEqualTo("RISK-EHR-API-4-2");
    assertThat(http.as("fiona").get("/api/projects/EHR-API-4/risks?band=SEVERE").status()).isEqualTo(400);

    JsonNode heatmap = http.as("paula").get("/api/risks/heatmap?projectId=EHR-API-4").json();
    assertThat(heatmap.get("openRisks").asInt()).isEqualTo(3);
    assertThat(heatmap.get("cells")).hasSize(25);
    assertThat(cell(heatmap, 2, 2)).isEqualTo(2);
    assertThat(cell(heatmap, 5, 5)).isEqualTo(1);
    assertThat(cell(heatmap, 1, 1)).isZero();
  }

  @Test
  void gate_holds_of_a_patient_safety_risk_are_visible_to_the_project() {
    http.as("carla").postJson("/api/risks", risk("EHR-API-5", "PATIENT_SAFETY", 2, 4));
    JsonNode holds = http.as("paula").get("/api/projects/EHR-API-5/gate-holds").json();
    assertThat(holds).extracting(n -> n.get("gateId").asText()).containsExactly("G5", "G6");
    assertThat(holds.get(0).get("riskId").asText()).isEqualTo("RISK-EHR-API-5-1");
  }

  @Test
  void only_the_patient_safety_office_releases_the_holds_of_a_converted_risk() {
    http.as("carla").postJson("/api/risks", risk("EHR-API-7", "PATIENT_SAFETY", 2, 4));
    Http.Response open = http.as("pat").postJson("/api/risks/RISK-EHR-API-7-1/gate-holds/release", "{\"reason\":\"x\"}");
    assertThat(open.status()).as("an open risk releases its holds only by closing").isEqualTo(400);
    assertThat(http.as("paula").postJson("/api/risks/RISK-EHR-API-7-1/gate-holds/release", "{\"reason\":\"x\"}")
        .status()).isEqualTo(403);
    assertThat(http.as("paula").get("/api/projects/EHR-API-7/gate-holds").json()).hasSize(2);
  }

  @Test
  void risks_raised_at_the_same_moment_get_distinct_ids() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<Http.Response>>();
      for (int i = 0; i < 6; i++) {
        calls.add(pool.submit(() -> http.as("maria").postJson("/api/risks", risk("EHR-API-8", "SCHEDULE", 2, 2))));
      }
      var ids = new java.util.TreeSet<String>();
      for (var call : calls) {
        Http.Response response = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        ids.add(response.json().get("riskId").asText());
      }
      assertThat(ids).hasSize(6).contains("RISK-EHR-API-8-1", "RISK-EHR-API-8-6");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_register_is_never_anonymous() {
    assertThat(http.get("/api/projects/EHR-API-4/risks").status()).isEqualTo(401);
    assertThat(http.postJson("/api/risks", risk("EHR-API-6", "BUDGET", 1, 1)).status()).isEqualTo(401);
  }

  static int cell(JsonNode heatmap, int likelihood, int impact) {
    for (JsonNode cell : heatmap.get("cells")) {
      if (cell.get("likelihood").asInt() == likelihood && cell.get("impact").asInt() == impact) {
        return cell.get("count").asInt();
      }
    }
    throw new AssertionError("no cell");
  }
}
