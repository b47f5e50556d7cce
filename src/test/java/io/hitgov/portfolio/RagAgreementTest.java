package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portfolio ({@code GET /api/portfolio}) and the status report ({@code GET
 * /api/projects/{projectId}/status-report}) rate each project with the one {@link ProjectRag}: the
 * same five ratings for a stalled project with a risk and for a healthy one; and so does the monthly
 * pack's {@link PortfolioRatings}, read one project per page.
 */
@HitgovSpringTest
class RagAgreementTest {

  static final List<String> RATINGS = List.of("schedule", "budget", "risk", "readiness", "overall");

  @Autowired ProcessEngine processEngine;
  @Autowired PortfolioRatings ratings;
  @LocalServerPort int port;

  @Test
  void the_portfolio_and_the_status_report_agree_on_every_rating() {
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(150))));
    try {
      driver.start("EHR-RAG-SOON", EngineClock.today().plusDays(170).toString(), true);
    } finally {
      ClockUtil.reset();
    }
    driver.start("EHR-RAG-FAR", EngineClock.today().plusDays(615).toString(), true);
    driver.start("EHR-RAG-FAR2", EngineClock.today().plusDays(615).toString(), true); // the same go-live
    Http paula = Http.on(port).as("paula");
    assertThat(paula.postJson("/api/risks", Http.json(Map.of("projectId", "EHR-RAG-SOON", "title", "Data migration slips",
        "category", "SCHEDULE", "likelihood", 5, "impact", 5))).status()).isEqualTo(201);
    var run = paula.post("/api/portfolio/watch", "application/json", "");
    assertThat(run.status()).isEqualTo(202);
    driver.engine.executeDueJobs(run.json().get("processInstanceId").asText());

    JsonNode page = Http.on(port).as("maria").get("/api/portfolio").json();
    Map<String, Map<String, String>> portfolio = new LinkedHashMap<>();
    for (JsonNode project : page.get("projects")) {
      Map<String, String> rag = new LinkedHashMap<>();
      RATINGS.forEach(r -> rag.put(r, project.get("rag").path(r).asText("missing")));
      portfolio.put(project.get("projectId").asText(), rag);
    }
    assertThat(portfolio).containsOnlyKeys("EHR-RAG-SOON", "EHR-RAG-FAR", "EHR-RAG-FAR2");
    assertThat(portfolio.get("EHR-RAG-SOON")).as("stalled, with an open risk").containsEntry("schedule", "RED")
        .containsEntry("overall", "RED");
    assertThat(portfolio.get("EHR-RAG-FAR")).as("healthy").containsEntry("schedule", "GREEN");

    portfolio.forEach((projectId, rag) -> {
      Http.Response csv = Http.on(port).as("maria").get("/api/projects/" + projectId + "/status-report?format=csv");
      assertThat(csv.status()).isEqualTo(200);
      assertThat(reportRag(csv.body(), projectId)).as(projectId).isEqualTo(rag);
    });

    // the monthly pack's port, one project per page: every project once, by go-live then id, rated alike
    List<PortfolioRatings.Rating> pack = new java.util.ArrayList<>();
    ratings.forEachRating(1, pack::add);
    assertThat(pack).extracting(PortfolioRatings.Rating::projectId)
        .containsExactly("EHR-RAG-SOON", "EHR-RAG-FAR", "EHR-RAG-FAR2");
    pack.forEach(rating -> assertThat(Map.of("schedule", rating.rag().schedule(), "budget", rating.rag().budget(),
        "risk", rating.rag().risk(), "readiness", rating.rag().readiness(), "overall", rating.rag().overall()))
        .as(rating.projectId()).isEqualTo(portfolio.get(rating.projectId())));
    assertThatThrownBy(() -> ratings.forEachRating(0, rating -> { })).hasMessageContaining("pageSize");
  }

  /** The {@code rag,<projectId>,<rating>,<value>} rows of the report's CSV. */
  static Map<String, String> reportRag(String csv, String projectId) {
    Map<String, String> rag = new LinkedHashMap<>();
    RATINGS.forEach(r -> rag.put(r, "missing"));
    csv.lines().map(line -> line.split(",", -1))
        .filter(cells -> cells.length == 4 && cells[0].equals("rag") && cells[1].equals(projectId))
        .forEach(cells -> rag.put(cells[2], cells[3]));
    return rag;
  }
}
