package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/portfolio, the heat map and POST /api/portfolio/watch through HTTP: fields, paging, 4xx. */
@HitgovSpringTest
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class PortfolioApiTest {

  @Autowired ProcessEngine processEngine;
  @LocalServerPort int port;

  JsonNode project(JsonNode page, String projectId) {
    for (JsonNode project : page.get("projects")) {
      if (project.get("projectId").asText().equals(projectId)) {
        return project;
      }
    }
    throw new AssertionError(projectId + " not in " + page);
  }

  @Test
  void the_portfolio_shows_phase_rag_next_gate_go_live_stalled_reasons_gantt_and_change_impact() {
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    // a project started 150 days ago (a go-live 20 days away is too close to start today: minimum phase lengths)
    String soonGoLive = EngineClock.today().plusDays(20).toString();
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now()
        .minus(java.time.Duration.ofDays(150))));
    ProcessInstance soon;
    String startedOn;
    try {
      startedOn = EngineClock.today().toString();
      soon = driver.start("EHR-API-SOON", soonGoLive, true);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
    driver.start("EHR-API-FAR", EngineClock.today().plusDays(615).toString(), true);
    Http paula = Http.on(port).as("paula");
    var risk = paula.postJson("/api/risks", Http.json(Map.of("projectId", "EHR-API-SOON", "title", "Data migration slips",
        "category", "SCHEDULE", "likelihood", 5, "impact", 4)));
    assertThat(risk.status()).isEqualTo(201);
    String band = risk.json().get("riskBand").asText();

    var run = paula.post("/api/portfolio/watch", "application/json", "");
    assertThat(run.status()).isEqualTo(202);
    driver.engine.executeDueJobs(run.json().get("processInstanceId").asText());
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(soon.getId())
        .incidentType(IncidentTypes.STALLED_GO_LIVE).count()).isEqualTo(1);

    String metrics = Http.on(port).as("admin").get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("hitgov_projects_stalled\\{[^}]*type=\"stalledGoLive\"[^}]*} 1\\.0")
        .containsPattern("hitgov_risks_open\\{[^}]*band=\"" + band + "\"[^}]*} 1\\.0")
        .containsPattern("hitgov_tasks_overdue\\{[^}]*group=\"pmo\"[^}]*} 0\\.0")
        .containsPattern("hitgov_gate_sla_breaches_total\\{[^}]*} 0\\.0");

    var answer = Http.on(port).as("maria").get("/api/portfolio");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode page = answer.json();
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.get("size").asInt()).isEqualTo(50);
    assertThat(page.get("projects").get(0).get("projectId").asText()).as("by go-live date").isEqualTo("EHR-API-SOON");

    JsonNode stalled = project(page, "EHR-API-SOON");
    assertThat(stalled.get("phase").asText()).isEqualTo("P0");
    assertThat(stalled.get("nextGate").asText()).isEqualTo("G0");
    assertThat(stalled.get("goLiveDate").asText()).isEqualTo(EngineClock.today().plusDays(20).toString());
    assertThat(stalled.get("rag").get("schedule").asText()).isEqualTo("RED");
    assertThat(stalled.get("rag").get("budget").asText()).isEqualTo("GREEN");
    assertThat(stalled.get("rag").get("risk").asText()).as("an open " + band + " risk")
        .isEqualTo("EXTREME".equals(band) ? "RED" : "HIGH".equals(band) ? "AMBER" : "GREEN");
    assertThat(stalled.get("openRisks").get(band).asLong()).isEqualTo(1);
    assertThat(stalled.get("rag").get("readiness").asText()).isEqualTo("GREEN");
    assertThat(stalled.get("stalled").findValuesAsText("type")).contains(IncidentTypes.STALLED_GO_LIVE, IncidentTypes.STALLED_PHASE);
    assertThat(stalled.get("stalled").findValuesAsText("reason"))
        .anyMatch(reason -> reason.contains("without a valid HIPAA audit gate PASS"));
    assertThat(stalled.get("daysLate").asInt()).isPositive();
    assertThat(stalled.get("phases")).hasSize(10);
    assertThat(stalled.get("phases").get(0).get("gate").asText()).isEqualTo("G0");
    assertThat(stalled.get("phases").get(0).get("actualStart").asText()).isEqualTo(startedOn);
    assertThat(stalled.get("changeImpact").get("approvedChanges").asInt()).isZero();
    assertThat(stalled.get("changeImpact").get("scopeCreepPercent").asDouble()).isZero();
    assertThat(stalled.get("links").get("cockpit").asText())
        .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + soon.getId() + "/runtime");
    assertThat(stalled.get("links").get("tasklist").asText()).startsWith("/camunda/app/tasklist/default/#/?searchQuery=");

    JsonNode healthy = project(page, "EHR-API-FAR");
    assertThat(healthy.get("stalled")).isEmpty();
    assertThat(healthy.get("rag").get("schedule").asText()).isEqualTo("GREEN");

    JsonNode onlyStalled = Http.on(port).as("maria").get("/api/portfolio?stalled=true").json();
    assertThat(onlyStalled.get("total").asLong()).isEqualTo(1);
    assertThat(onlyStalled.get("projects").get(0).get("projectId").asText()).isEqualTo("EHR-API-SOON");
    JsonNode second = Http.on(port).as("maria").get("/api/portfolio?page=1&size=1").json();
    assertThat(second.get("projects").get(0).get("projectId").asText()).isEqualTo("EHR-API-FAR");

    JsonNode heat = Http.on(port).as("maria").get("/api/portfolio/risk-heat-map?projectId=EHR-API-SOON").json();
    assertThat(heat.get("cells")).hasSize(25);
    for (JsonNode cell : heat.get("cells")) {
      boolean ours = cell.get("likelihood").asInt() == 5 && cell.get("impact").asInt() == 4;
      assertThat(cell.get("risks").asLong()).isEqualTo(ours ? 1 : 0);
    }
    assertThat(Http.on(port).as("maria").get("/api/portfolio/risk-heat-map?projectId=EHR-API-FAR").json().get("cells")
        .findValues("risks").stream().mapToLong(JsonNode::asLong).sum()).isZero();
  }

  @Test
  void bad_input_is_a_400_naming_the_field_and_only_the_pmo_runs_the_watch() {
    Http maria = Http.on(port).as("maria");
    var badPage = maria.get("/api/portfolio?page=-1");
    assertThat(badPage.status()).isEqualTo(400);
    assertThat(badPage.body()).contains("page");
    assertThat(maria.get("/api/portfolio?size=5000").body()).contains("size");
    assertThat(maria.get("/api/portfolio?size=abc").status()).isEqualTo(400);
    assertThat(maria.get("/api/portfolio?stalled=maybe").body()).contains("stalled");
    assertThat(maria.get("/api/portfolio?projectId=%3Cscript%3E").status()).isEqualTo(400);
    assertThat(maria.get("/api/portfolio?projectId=EHR-NOPE").status()).isEqualTo(404);
    assertThat(maria.get("/api/portfolio/risk-heat-map?projectId=EHR-NOPE").status()).isEqualTo(404);
    assertThat(Http.on(port).get("/api/portfolio").status()).isEqualTo(401);
    assertThat(maria.post("/api/portfolio/watch", "application/json", "").status()).isEqualTo(403);
    assertThat(Http.on(port).get("/portfolio").status()).isEqualTo(401);
    var page = maria.get("/portfolio");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("HITGov portfolio").contains("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(Http.on(port).get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
  }

  @Test
  void a_webapp_session_reads_the_portfolio_but_cannot_run_the_watch() throws Exception {
    var cookies = new java.net.CookieManager();
    var client = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/camunda/app/cockpit/default/")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .findFirst().orElseThrow().getValue();
    var login = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=paula&password=demo")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    var read = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/portfolio")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).as("GET with the webapps' session").isEqualTo(200);
    assertThat(read.headers().firstValue("Set-Cookie")).as("the session keeps its id").isEmpty();
    var page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/portfolio")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    var run = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/portfolio/watch"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(run.statusCode()).as("a change needs HTTP Basic, never the session cookie").isEqualTo(401);
    var other = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/projects")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).as("the session reads what the user may read (GET only)").isEqualTo(200);
  }
}
