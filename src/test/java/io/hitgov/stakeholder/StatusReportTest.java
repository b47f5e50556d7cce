package io.hitgov.stakeholder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.MailDispatch;
import io.hitgov.support.SmtpServerTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The stakeholder register and the status report (docs/notifications.md): the report's three formats
 * field by field against the project, risk, change and task APIs; the weekly status report to the
 * register and the monthly portfolio pack to the steering committee, received by a real SMTP server;
 * 4xx for bad input.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=false",
    "spring.mail.host=127.0.0.1"})
class StatusReportTest extends SmtpServerTest {

  static final String PROJECT = "REPORT-1";

  @Autowired ProcessEngine processEngine;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @LocalServerPort int port;

  static String riskId;
  static String changeRequestId;

  @BeforeEach
  void project() {
    if (riskId != null) {
      return;
    }
    LifecycleDriver driver = new LifecycleDriver(processEngine);
    ProcessInstance lifecycle = driver.start(PROJECT, LifecycleDriver.farGoLive(), false);
    driver.completePhase(lifecycle, "P0");
    driver.submitEvidence(driver.gateReview(lifecycle), null);
    Http irene = Http.on(port).as("irene");
    Http.Response risk = irene.postJson("/api/risks", Http.json(Map.of("projectId", PROJECT,
        "title", "Interface engine capacity", "category", "TECHNICAL", "likelihood", 5, "impact", 5)));
    assertThat(risk.status()).as(risk.body()).isEqualTo(201);
    riskId = risk.json().get("riskId").asText();
    Http.Response change = irene.postJson("/api/change-requests", Http.json(Map.of("projectId", PROJECT,
        "title", "Add a lab order panel", "changeType", "NORMAL", "costImpact", 1_000, "scheduleImpactDays", 0,
        "movesGoLive", false, "clinicalContentImpact", false, "patientSafetyImpact", false, "phiImpact", false,
        "interfaceImpact", false)));
    assertThat(change.status()).as(change.body()).isEqualTo(201);
    changeRequestId = change.json().get("changeRequestId").asText();
    if (identityService.createUserQuery().userId("nogroups").count() == 0) {
      User user = identityService.newUser("nogroups");
      user.setPassword("demo");
      identityService.saveUser(user);
    }
    deliver(); // the gate review's immediate mails: not what these tests look at
  }

  @Test
  void the_status_report_in_csv_html_and_pdf_carries_every_field() throws Exception {
    Http maria = Http.on(port).as("maria");
    JsonNode project = maria.get("/api/projects/" + PROJECT).json();
    JsonNode risk = maria.get("/api/risks/" + riskId).json().get("risk");
    String band = risk.get("band").asText();
    String riskRag = "EXTREME".equals(band) ? "RED" : "HIGH".equals(band) ? "AMBER" : "GREEN";
    List<Task> reviews = processEngine.getTaskService().createTaskQuery().processVariableValueEquals("projectId", PROJECT)
        .taskDefinitionKey(StageGateReviewProcess.Elements.REVIEW).orderByTaskCreateTime().asc().list();
    assertThat(reviews).isNotEmpty();
    String today = EngineClock.today().toString();

    Http.Response csv = maria.get("/api/projects/" + PROJECT + "/status-report?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    Map<String, String> cells = csv(csv.body());
    Map<String, String> expected = new LinkedHashMap<>();
    for (String field : List.of("projectName", "status", "currentPhase", "nextGate", "goLiveDate", "baselineGoLiveDate",
        "budget", "baselineBudget", "sponsor", "projectManager", "projectType")) {
      expected.put("project|" + PROJECT + "|" + field, project.path(field).asText(""));
    }
    expected.put("project|" + PROJECT + "|reportDate", today);
    expected.put("rag|" + PROJECT + "|schedule", "GREEN");
    expected.put("rag|" + PROJECT + "|budget", "GREEN");
    expected.put("rag|" + PROJECT + "|readiness", "GREEN");
    expected.put("rag|" + PROJECT + "|risk", riskRag);
    expected.put("rag|" + PROJECT + "|overall", riskRag);
    JsonNode p0 = project.get("phases").get(0);
    expected.put("milestone|P0|plannedStart", p0.get("plannedStart").asText());
    expected.put("milestone|P0|plannedEnd", p0.get("plannedEnd").asText());
    expected.put("milestone|P0|actualStart", today);
    expected.put("milestone|P0|actualEnd", today);
    expected.put("milestone|P0|state", "DONE");
    expected.put("milestone|G0|plannedEnd", p0.get("plannedEnd").asText());
    expected.put("milestone|G0|outcome", "");
    expected.put("milestone|P1|actualStart", "");
    expected.put("risk|" + riskId + "|title", "Interface engine capacity");
    expected.put("risk|" + riskId + "|category", "TECHNICAL");
    expected.put("risk|" + riskId + "|band", band);
    expected.put("risk|" + riskId + "|score", risk.get("score").asText());
    expected.put("risk|" + riskId + "|status", risk.get("status").asText());
    expected.put("change|" + changeRequestId + "|title", "Add a lab order panel");
    expected.put("change|" + changeRequestId + "|changeType", "NORMAL");
    expected.put("change|" + changeRequestId + "|costImpact", "1000");
    expected.put("change|" + changeRequestId + "|raisedOn", today);
    JsonNode changeLog = maria.get("/api/change-requests/" + changeRequestId).json().get("events");
    expected.put("change|" + changeRequestId + "|lastEvent", changeLog.get(changeLog.size() - 1).get("event").asText());
    Task review = reviews.get(0);
    expected.put("decision|" + review.getId() + "|taskName", review.getName());
    expected.put("decision|" + review.getId() + "|since", today);
    expected.forEach((key, value) -> assertThat(cells.get(key)).as(key).isEqualTo(value));
    // who holds each open decision, as the engine answers it: the assignee, else the groups it is offered to
    var taskService = processEngine.getTaskService();
    Map<String, String> heldBy = new LinkedHashMap<>();
    cells.forEach((key, value) -> {
      if (key.startsWith("decision|") && key.endsWith("|heldBy")) {
        heldBy.put(key.split("\\|")[1], value);
      }
    });
    assertThat(heldBy).containsKey(review.getId());
    heldBy.forEach((taskId, held) -> {
      Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
      assertThat(held).as(taskId).isEqualTo(task.getAssignee() != null ? task.getAssignee() : String.join(" ",
          taskService.getIdentityLinksForTask(taskId).stream().map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
              .filter(java.util.Objects::nonNull).distinct().sorted().toList()));
    });
    assertThat(heldBy.keySet()).as("a decision offered to groups, claimed by nobody yet")
        .anyMatch(taskId -> taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee() == null);
    assertThat(cells.get("change|" + changeRequestId + "|status")).isNotBlank();
    assertThat(cells.keySet()).noneMatch(k -> k.startsWith("readiness|"));

    Http.Response html = maria.get("/api/projects/" + PROJECT + "/status-report");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.body()).contains("<h1>Status report " + PROJECT + ": " + project.get("projectName").asText() + "</h1>")
        .contains("<th>Current phase</th><td>" + project.get("currentPhase").asText() + "</td>")
        .contains("<th>Go-live date</th><td>" + project.get("goLiveDate").asText() + "</td>")
        .contains("<td class=\"" + riskRag + "\">" + riskRag + "</td>")
        .contains("<tr><td>P0</td><td>" + p0.get("plannedStart").asText() + "</td><td>" + p0.get("plannedEnd").asText()
            + "</td><td>" + today + "</td><td>" + today + "</td><td></td><td>DONE</td></tr>")
        .contains("<td>" + riskId + "</td><td>Interface engine capacity</td><td>TECHNICAL</td><td class=\"" + band + "\">")
        .contains("<td>" + changeRequestId + "</td><td>Add a lab order panel</td><td>NORMAL</td>")
        .contains("<td>" + review.getName() + "</td>")
        .contains("Go-live readiness not scored yet.");
    assertThat(maria.get("/api/projects/" + PROJECT + "/status-report", "text/csv").body()).isEqualTo(csv.body());

    Http.Bytes pdf = maria.getBytes("/api/projects/" + PROJECT + "/status-report?format=pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    java.nio.file.Files.write(java.nio.file.Path.of("target/status-report-" + PROJECT + ".pdf"), pdf.body());
    String text;
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
    assertThat(text).contains("Status report " + PROJECT + ": " + project.get("projectName").asText())
        .contains("Current phase " + project.get("currentPhase").asText())
        .contains("Go-live date " + project.get("goLiveDate").asText())
        .contains(riskId + " Interface engine capacity TECHNICAL " + band)
        .contains(changeRequestId + " Add a lab order panel NORMAL")
        .contains("P0 " + p0.get("plannedStart").asText() + " " + p0.get("plannedEnd").asText() + " " + today + " " + today
            + " DONE")
        .contains(review.getName());
  }

  @Test
  void the_weekly_report_goes_to_the_register_and_the_monthly_pack_to_the_steering_committee() throws Exception {
    deliver();
    Http paula = Http.on(port).as("paula");
    assertThat(paula.postJson("/api/projects/" + PROJECT + "/stakeholders", Http.json(Map.of("email",
        "board@partner.example.org", "role", "Partner board", "interest", "HIGH", "receives", List.of("STATUS_REPORT"))))
        .status()).isEqualTo(201);
    assertThat(paula.postJson("/api/projects/" + PROJECT + "/stakeholders", Http.json(Map.of("userId", "carla",
        "role", "Clinical lead", "interest", "MEDIUM", "receives", List.of("GATE_DECISIONS")))).status()).isEqualTo(201);
    SMTP.purgeEmailFromAllMailboxes();

    runTimer(StakeholderReportProcesses.STATUS_REPORT_KEY, StakeholderReportProcesses.STATUS_REPORT_START);
    deliver();
    List<MimeMessage> weekly = Arrays.asList(SMTP.getReceivedMessages());
    assertThat(weekly).hasSize(1);
    MimeMessage report = weekly.get(0);
    assertThat(to(report)).isEqualTo("board@partner.example.org");
    assertThat(report.getSubject()).startsWith("[HITGov] Status report " + PROJECT + " (" + EngineClock.today() + "): ");
    assertThat(report.getContentType()).startsWith("text/html");
    assertThat(String.valueOf(report.getContent())).contains(riskId).contains(changeRequestId)
        .contains("Sent to Partner board as a stakeholder of " + PROJECT);

    SMTP.purgeEmailFromAllMailboxes();
    runTimer(StakeholderReportProcesses.PORTFOLIO_PACK_KEY, StakeholderReportProcesses.PORTFOLIO_PACK_START);
    deliver();
    List<MimeMessage> pack = Arrays.asList(SMTP.getReceivedMessages());
    assertThat(pack.stream().map(StatusReportTest::to).toList())
        .containsExactlyInAnyOrder("stella@demo.hitgov.invalid", "steve@demo.hitgov.invalid");
    assertThat(pack.get(0).getSubject()).startsWith("[HITGov] Monthly portfolio pack ");
    assertThat(String.valueOf(pack.get(0).getContent())).as("the project rated as its status report rates it")
        .contains(packRow());
  }

  /** The project's row of the monthly pack, from the project API and the ratings of its status report. */
  String packRow() {
    Http maria = Http.on(port).as("maria");
    JsonNode project = maria.get("/api/projects/" + PROJECT).json();
    Map<String, String> cells = csv(maria.get("/api/projects/" + PROJECT + "/status-report?format=csv").body());
    StringBuilder row = new StringBuilder("<tr><td>" + PROJECT + "</td>");
    for (String field : List.of("projectName", "currentPhase", "nextGate", "goLiveDate")) {
      row.append("<td>").append(project.path(field).asText("")).append("</td>");
    }
    for (String rating : List.of("overall", "schedule", "budget", "risk", "readiness")) {
      String rag = cells.get("rag|" + PROJECT + "|" + rating);
      assertThat(rag).as(rating).isIn("GREEN", "AMBER", "RED");
      row.append("<td class=\"").append(rag).append("\">").append(rag).append("</td>");
    }
    assertThat(cells.get("rag|" + PROJECT + "|risk")).as("its EXTREME risk").isEqualTo("RED");
    return row.append("</tr>").toString();
  }

  @Test
  void bad_input_is_a_4xx_naming_the_field() {
    Http paula = Http.on(port).as("paula");
    String register = "/api/projects/" + PROJECT + "/stakeholders";
    assertThat(paula.get("/api/projects/" + PROJECT + "/status-report?format=xml").body()).contains("format");
    assertThat(paula.get("/api/projects/" + PROJECT + "/status-report?format=xml").status()).isEqualTo(400);
    assertThat(paula.get("/api/projects/NOPE-404/status-report").status()).isEqualTo(404);
    Http.Response json = paula.get("/api/projects/" + PROJECT + "/status-report", "application/json");
    assertThat(json.status()).isEqualTo(406);
    assertThat(json.body()).contains("text/html, text/csv or application/pdf");
    assertThat(paula.get("/api/projects/" + PROJECT + "/status-report", "application/pdf").body()).startsWith("%PDF");
    assertThat(Http.on(port).as("nogroups").get("/api/projects/" + PROJECT + "/status-report").status()).isEqualTo(403);
    assertThat(Http.on(port).get("/api/projects/" + PROJECT + "/status-report").status()).isEqualTo(401);
    assertThat(paula.get("/api/notifications/mailbox").status()).as("no embedded SMTP server here").isEqualTo(404);

    Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
    bodies.put("role", Map.of("userId", "stella", "interest", "HIGH"));
    bodies.put("interest", Map.of("userId", "stella", "role", "Chair", "interest", "HUGE"));
    bodies.put("email", Map.of("email", "not-an-address", "role", "Chair", "interest", "HIGH"));
    bodies.put("userId and email", Map.of("userId", "stella", "email", "a@b.org", "role", "Chair", "interest", "HIGH"));
    bodies.put("userId 'ghost'", Map.of("userId", "ghost", "role", "Chair", "interest", "HIGH"));
    bodies.put("receives", Map.of("userId", "stella", "role", "Chair", "interest", "HIGH", "receives", List.of("SPAM")));
    bodies.put("patientMrn", Map.of("userId", "stella", "role", "Chair", "interest", "HIGH", "patientMrn", "123"));
    bodies.put("role must be a String", Map.of("userId", "stella", "role", 7, "interest", "HIGH"));
    bodies.forEach((mentions, body) -> {
      Http.Response refused = paula.postJson(register, Http.json(body));
      assertThat(refused.status()).as(mentions).isEqualTo(400);
      assertThat(refused.body()).as(mentions).contains(mentions);
    });
    assertThat(paula.post(register, "application/json", "{\"userId\": ").status()).isEqualTo(400);
    Map<String, Object> valid = Map.of("userId", "stella", "role", "Chair", "interest", "HIGH");
    assertThat(Http.on(port).as("fiona").postJson(register, Http.json(valid)).status()).isEqualTo(403);
    assertThat(paula.postJson("/api/projects/NOPE-404/stakeholders", Http.json(valid)).status()).isEqualTo(404);
    assertThat(paula.delete(register + "/SH-NOPE-1").status()).isEqualTo(404);

    Http.Response added = paula.postJson(register, Http.json(valid));
    assertThat(added.status()).isEqualTo(201);
    String id = added.json().get("stakeholderId").asText();
    assertThat(added.json().get("receives").get(0).asText()).isEqualTo("STATUS_REPORT");
    assertThat(Http.on(port).as("fiona").get(register).json().toString()).contains(id);
    assertThat(Http.on(port).as("maria").delete(register + "/" + id).status()).isEqualTo(204);
    assertThat(paula.get(register).json().toString()).doesNotContain(id);
  }

  // ---------------------------------------------------------------- helpers

  void runTimer(String key, String startEvent) {
    Job timer = managementService.createJobQuery().processDefinitionKey(key).activityId(startEvent).singleResult();
    assertThat(timer).as("timer " + startEvent).isNotNull();
    managementService.executeJob(timer.getId());
    managementService.createJobQuery().processDefinitionKey(key).messages().list()
        .forEach(step -> managementService.executeJob(step.getId()));
  }

  void deliver() {
    MailDispatch.await(port);
  }

  static String to(MimeMessage mail) {
    try {
      Address[] to = mail.getAllRecipients();
      return to.length == 1 ? to[0].toString() : Arrays.toString(to);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSV's rows as section|item|field -> value (a small RFC 4180 reader). */
  static Map<String, String> csv(String text) {
    Map<String, String> cells = new LinkedHashMap<>();
    List<List<String>> rows = new java.util.ArrayList<>();
    List<String> row = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r') {
        continue;
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new java.util.ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    assertThat(rows.get(0)).containsExactly("section", "item", "field", "value");
    for (List<String> r : rows.subList(1, rows.size())) {
      assertThat(r).hasSize(4);
      cells.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r.get(3));
    }
    return cells;
  }
}
