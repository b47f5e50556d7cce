package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.MailDispatch;
import io.hitgov.support.SmtpServerTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * E-mail notifications end to end (docs/notifications.md), received by a real SMTP server
 * (GreenMail, in-process): an SLA-bound gate review mailed at once to its signatory groups, the gate
 * decision to the project's stakeholders, a stalled-project incident to the PMO and the project
 * manager, the daily digest honouring a user's opt-out, and a mail server that is down: governance
 * goes on, the delivery ends in an incident, and the mail is sent once the incident is resolved
 * through the REST API. A batch goes out right after its transaction, one connection per batch; only
 * a batch the server did not take, or one its node left unsent, gets a delivery job.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=false",
    "spring.mail.host=127.0.0.1", "hitgov.notification.sweep-interval=PT1H",
    "hitgov.notification.digest-tasks=" + NotificationMailTest.DIGEST_TASKS})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationMailTest extends SmtpServerTest {

  static final String PROJECT = "MAIL-1";
  /** Tasks a digest lists in this test: fewer than some people hold. */
  static final int DIGEST_TASKS = 2;

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired IdentityService identityService;
  @Autowired SmtpMailer mailer;
  @Autowired StrandedMailSweep sweep;
  @Autowired MailDispatcher dispatcher;
  @Autowired NotificationService notifications;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  @LocalServerPort int port;

  static ProcessInstance lifecycle;

  @BeforeEach
  void startProject() {
    if (lifecycle == null) {
      lifecycle = new LifecycleDriver(processEngine).start(PROJECT, LifecycleDriver.farGoLive(), false);
    }
  }

  @Test
  @Order(1)
  void an_sla_bound_gate_review_goes_to_its_signatories_at_once_and_the_decision_to_the_stakeholders() throws Exception {
    Http paula = Http.on(port).as("paula");
    Http.Response added = paula.postJson("/api/projects/" + PROJECT + "/stakeholders", Http.json(Map.of("userId",
        "stella", "role", "Steering committee chair", "interest", "HIGH", "receives", List.of("GATE_DECISIONS"))));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(paula.postJson("/api/projects/" + PROJECT + "/stakeholders", Http.json(Map.of("email",
        "cio@partner.example.org", "role", "Partner CIO", "interest", "MEDIUM",
        "receives", List.of("GATE_DECISIONS", "STATUS_REPORT")))).status()).isEqualTo(201);
    assertThat(paula.postJson("/api/projects/" + PROJECT + "/stakeholders", Http.json(Map.of("userId", "fiona",
        "role", "Finance lead", "interest", "LOW", "receives", List.of("STATUS_REPORT")))).status()).isEqualTo(201);

    LifecycleDriver driver = new LifecycleDriver(processEngine);
    double mark = connections();
    driver.completePhase(lifecycle, "P0");
    deliver();
    assertThat(connections() - mark).as("deliverables and the evidence pack wait for the digest").isZero();
    assertThat(received()).isEmpty();
    ProcessInstance review = driver.gateReview(lifecycle);
    driver.submitEvidence(review, null);

    List<Task> reviews = processEngine.getTaskService().createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey(StageGateReviewProcess.Elements.REVIEW).list();
    assertThat(reviews).isNotEmpty();
    Set<String> expected = new TreeSet<>();
    for (Task task : reviews) {
      if (task.getAssignee() != null) { // a review of the project's named sponsor goes to her only
        expected.add(identityService.createUserQuery().userId(task.getAssignee()).singleResult().getEmail());
        continue;
      }
      for (IdentityLink link : processEngine.getTaskService().getIdentityLinksForTask(task.getId())) {
        if (link.getGroupId() != null) {
          identityService.createUserQuery().memberOfGroup(link.getGroupId()).list()
              .forEach(u -> expected.add(u.getEmail()));
        }
      }
    }
    MailDispatch.await(port);
    assertThat(deliveryJobs()).as("sent at once: no delivery job").isEmpty();
    assertThat(connections() - mark).as("the reviews' mails were queued in one transaction: one batch").isOne();
    assertThat(jdbc.queryForObject("select count(*) from notification where process_instance_id is not null "
        + "or status <> 'SENT'", Integer.class)).as("every mail sent, none handed to a delivery process").isZero();
    List<MimeMessage> mails = received();
    assertThat(recipients(mails)).isEqualTo(expected);
    MimeMessage first = mails.get(0);
    assertThat(first.getSubject()).as("the task name starts with the project").startsWith("[HITGov] " + PROJECT + " · G0 review as ");
    assertThat(body(first)).contains("Project: " + PROJECT).contains("/camunda/app/tasklist/default/#/?task=")
        .contains("Due: ");
    assertThat(first.getFrom()[0].toString()).contains("hitgov@localhost");

    SMTP.purgeEmailFromAllMailboxes();
    io.hitgov.support.Engine engine = new io.hitgov.support.Engine(processEngine);
    // the reviews nobody is named for (the sponsor's review is already assigned to the project's sponsor)
    List<Task> open = reviews.stream().filter(task -> task.getAssignee() == null).toList();
    Task assigned = open.get(0);
    String signer = open.size() > 1 ? "edward" : null;
    Task claimed = open.size() > 1 ? open.get(1) : null;
    String assignedGroup = processEngine.getTaskService().getIdentityLinksForTask(assigned.getId()).stream()
        .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    String assignee = identityService.createUserQuery().memberOfGroup(assignedGroup).orderByUserId().asc().list()
        .stream().map(u -> u.getId()).filter(id -> !id.equals(signer)).reduce((a, b) -> b).orElseThrow();
    mark = connections();
    engine.as("admin", () -> processEngine.getTaskService().setAssignee(assigned.getId(), assignee));
    if (claimed != null) {
      String claimer = identityService.createUserQuery().memberOfGroup(processEngine.getTaskService()
          .getIdentityLinksForTask(claimed.getId()).stream().map(IdentityLink::getGroupId)
          .filter(java.util.Objects::nonNull).findFirst().orElseThrow()).orderByUserId().asc().list().get(0).getId();
      engine.as(claimer, () -> processEngine.getTaskService().claim(claimed.getId(), claimer));
      engine.as("admin", () -> processEngine.getTaskService().setAssignee(claimed.getId(), null));
    }
    deliver();
    assertThat(connections() - mark).as("assigned by an operator: mailed; claimed by oneself: not").isOne();
    assertThat(recipients(received())).containsExactly(assignee + "@demo.hitgov.invalid");
    engine.as("admin", () -> processEngine.getTaskService().setAssignee(assigned.getId(), null));
    SMTP.purgeEmailFromAllMailboxes();
    driver.sign(review, group -> LifecycleDriver.vote("GO", null));
    deliver();
    List<MimeMessage> decision = received().stream()
        .filter(m -> subject(m).equals("[HITGov] " + PROJECT + " G0: GO")).toList();
    assertThat(recipients(decision)).containsExactlyInAnyOrder("stella@demo.hitgov.invalid", "cio@partner.example.org");
    MimeMessage toPartner = decision.stream().filter(m -> recipients(List.of(m)).contains("cio@partner.example.org"))
        .findFirst().orElseThrow();
    assertThat(body(toPartner)).contains("(Partner CIO)").contains("Gate: G0 (review round 1)").contains("Outcome: GO")
        .contains("/api/projects/" + PROJECT + "/status-report");
  }

  @Test
  @Order(2)
  void a_stalled_project_incident_is_created_as_usual_and_mailed_to_the_pmo_and_the_project_manager() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    double mark = connections();
    Incident incident = runtimeService.createIncident("stalledGoLive", waitingExecution(), "R01",
        "go-live in 25 days with hard readiness criterion R01 red since 2026-11-02");
    assertThat(runtimeService.createIncidentQuery().incidentType("stalledGoLive").processInstanceId(lifecycle.getId())
        .count()).isOne();
    assertThat(incident.getIncidentMessage()).contains("R01 red since");
    Http admin = Http.on(port).as("admin");
    assertThat(admin.get("/engine-rest/incident?incidentType=stalledGoLive").json()).hasSize(1);

    deliver();
    assertThat(connections() - mark).as("the three mails of one transaction: one batch, one connection").isOne();
    List<MimeMessage> mails = received();
    assertThat(recipients(mails)).containsExactlyInAnyOrder("paula@demo.hitgov.invalid", "peter@demo.hitgov.invalid",
        "maria@demo.hitgov.invalid");
    assertThat(subject(mails.get(0))).isEqualTo("[HITGov] Stalled project " + PROJECT + ": stalledGoLive");
    assertThat(body(mails.get(0))).contains("Why: go-live in 25 days with hard readiness criterion R01 red since 2026-11-02")
        .contains("Inpatient EHR replacement").contains("/camunda/app/cockpit/default/#/process-instance/" + lifecycle.getId());

    runtimeService.resolveIncident(incident.getId());
    assertThat(runtimeService.createIncidentQuery().incidentType("stalledGoLive").count()).isZero();
  }

  @Test
  @Order(3)
  void a_mail_server_that_is_down_leaves_governance_untouched_ends_in_an_incident_and_is_resent_after_it_is_resolved()
      throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    SMTP.stop();
    double down;
    try {
      runtimeService.createIncident("overdueGate", waitingExecution(), "G1", "G1 decision pending 12 business days");
      assertThat(runtimeService.createIncidentQuery().incidentType("overdueGate").count())
          .as("the governance step committed though no mail could be sent").isOne();
      MailDispatch.await(port);
      List<Job> jobs = deliveryJobs();
      assertThat(jobs).as("the three mails of one transaction, not sent at once: one delivery job").hasSize(1);
      assertThat(jdbc.queryForList("select attempts from notification where process_instance_id = ?", Integer.class,
          jobs.get(0).getProcessInstanceId())).as("the first attempt right after the transaction, recorded")
          .hasSize(3).contains(1);
      Job job = jobs.get(0);
      down = connections();
      for (int attempt = 0; attempt < 10 && retries(job) > 0; attempt++) {
        String id = job.getId();
        assertThatThrownBy(() -> managementService.executeJob(id)).hasMessageContaining("not sent");
      }
      assertThat(retries(job)).isZero();
      assertThat(connections()).as("no connection while the server is down").isEqualTo(down);
      Incident failed = runtimeService.createIncidentQuery().incidentType("failedJob").configuration(job.getId())
          .singleResult();
      assertThat(failed).as("the failed delivery is a Cockpit incident").isNotNull();
      assertThat(failed.getIncidentMessage()).contains("not sent");
      assertThat(historyService.createHistoricIncidentQuery().processInstanceId(job.getProcessInstanceId()).count())
          .as("the delivery keeps no engine history (docs/adr/0008); the open incident is runtime data").isZero();
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(lifecycle.getId()).count())
          .as("the project's lifecycle runs on").isOne();
    } finally {
      SMTP.start();
    }
    Job job = deliveryJobs().stream().filter(j -> j.getRetries() == 0).findFirst().orElseThrow();
    Http admin = Http.on(port).as("admin");
    Http.Response resolved = admin.putJson("/engine-rest/job/" + job.getId() + "/retries", Http.json(Map.of("retries", 1)));
    assertThat(resolved.status()).isEqualTo(204);
    assertThat(runtimeService.createIncidentQuery().incidentType("failedJob").configuration(job.getId()).count()).isZero();
    assertThat(retries(job)).isOne();
    assertThat(historyService.createUserOperationLogQuery().jobId(job.getId()).operationType("SetJobRetries").count())
        .as("the operator's retry stays in the operation log, though the delivery keeps no other history").isOne();
    deliver();
    double up = connections();
    managementService.executeJob(job.getId()); // the job executor runs it at its retry time
    assertThat(recipients(received())).containsExactlyInAnyOrder("paula@demo.hitgov.invalid",
        "peter@demo.hitgov.invalid", "maria@demo.hitgov.invalid");
    assertThat(connections() - up).as("the three mails over one connection").isOne();
    assertThat(subject(received().get(0))).isEqualTo("[HITGov] Stalled project " + PROJECT + ": overdueGate");
    // hitgov_notifications_total{outcome} on /actuator/prometheus; the test profile reads it from /actuator/metrics
    assertThat(admin.get("/actuator/metrics/hitgov.notifications?tag=outcome:failed").json()
        .at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
    assertThat(admin.get("/actuator/metrics/hitgov.notifications?tag=outcome:sent").json()
        .at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(3);
  }

  @Test
  @Order(4)
  void the_daily_digest_lists_open_tasks_per_person_and_honours_an_opt_out() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    Http maria = Http.on(port).as("maria");
    assertThat(maria.get("/api/me/notification-settings").json().get("digest").asBoolean()).isTrue();
    Http.Response optOut = maria.putJson("/api/me/notification-settings", Http.json(Map.of("digest", false)));
    assertThat(optOut.status()).isEqualTo(200);
    assertThat(optOut.json().get("digest").asBoolean()).isFalse();
    assertThat(maria.get("/api/me/notification-settings").json().get("digest").asBoolean()).isFalse();
    assertThat(maria.putJson("/api/me/notification-settings", Http.json(Map.of("digest", "no"))).body()).contains("digest");
    assertThat(maria.putJson("/api/me/notification-settings", Http.json(Map.of("digest", false, "x", 1))).status())
        .isEqualTo(400);

    for (int i = 0; i <= DIGEST_TASKS; i++) { // more impact assessments for the project managers than a digest lists
      Http.Response raised = Http.on(port).as("irene").postJson("/api/change-requests",
          Http.json(io.hitgov.support.Changes.interfaceChange(PROJECT)));
      assertThat(raised.status()).as(raised.body()).isEqualTo(201);
    }
    // a project manager's own change: its assessment is offered to his group but revoked for him
    Http.Response own = Http.on(port).as("mike").postJson("/api/change-requests",
        Http.json(io.hitgov.support.Changes.interfaceChange(PROJECT)));
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    assertThat(engineOpen("mike")).as("the engine offers mike his own change's assessment")
        .hasSize(open("mike").size() + 1);
    deliver();
    SMTP.purgeEmailFromAllMailboxes();
    runTimer(NotificationDigestProcess.KEY, NotificationDigestProcess.Elements.START);
    deliver();
    List<MimeMessage> digests = received();
    Set<String> to = recipients(digests);
    assertThat(to).isNotEmpty().doesNotContain("maria@demo.hitgov.invalid");
    MimeMessage first = digests.get(0);
    String user = recipients(List.of(first)).iterator().next().replace("@demo.hitgov.invalid", "");
    assertThat(subject(first)).startsWith("[HITGov] Your daily digest: ");
    List<JsonNode> open = open(user);
    assertThat(open).isNotEmpty();
    String digest = body(first);
    assertThat(open).anyMatch(task -> digest.contains(task.get("name").asText()));
    assertThat(digest).contains("(" + PROJECT + ")")
        .contains("/api/me/notification-settings");
    assertThat(digests).as("someone holds more tasks than a digest lists")
        .anyMatch(mail -> open(recipient(mail)).size() > DIGEST_TASKS);
    assertThat(recipients(digests)).contains("mike@demo.hitgov.invalid");
    for (MimeMessage mail : digests) {
      assertDigestListsTheNewestAndCountsTheRest(mail);
    }
  }

  /**
   * A digest counts every open task its recipient sees in Tasklist (the REST API's answer to them),
   * lists the newest {@link #DIGEST_TASKS} and counts the rest.
   */
  void assertDigestListsTheNewestAndCountsTheRest(MimeMessage mail) throws Exception {
    List<JsonNode> open = open(recipient(mail));
    assertThat(subject(mail)).as("every open task counted, all new").isEqualTo("[HITGov] Your daily digest: "
        + open.size() + " open task(s), " + open.size() + " new");
    String body = body(mail);
    List<String> listed = body.lines().filter(line -> line.startsWith("  [new] ")).toList();
    assertThat(listed).hasSize(Math.min(DIGEST_TASKS, open.size()));
    assertThat(listed).as("only what Tasklist shows").allSatisfy(line -> assertThat(open)
        .anyMatch(task -> line.startsWith("  [new] " + task.get("name").asText())));
    if (open.size() > DIGEST_TASKS) {
      assertThat(body).contains("  ... and " + (open.size() - DIGEST_TASKS) + " more (the newest " + DIGEST_TASKS
          + " are listed)");
      if (open.get(DIGEST_TASKS - 1).get("created").asText().compareTo(open.get(DIGEST_TASKS).get("created").asText()) > 0) {
        assertThat(listed).as("the newest").allSatisfy(line -> assertThat(open.subList(0, DIGEST_TASKS))
            .anyMatch(task -> line.startsWith("  [new] " + task.get("name").asText())));
      }
    } else {
      assertThat(body).doesNotContain(" more (the newest");
    }
  }

  static String recipient(MimeMessage mail) {
    return recipients(List.of(mail)).iterator().next().replace("@demo.hitgov.invalid", "");
  }

  /** The user's open tasks as Tasklist shows them (assigned or offered to them), newest first, via REST as them. */
  List<JsonNode> open(String user) {
    Http.Response tasks = Http.on(port).as(user).postJson("/engine-rest/task", Http.json(Map.of(
        "orQueries", List.of(Map.of("assignee", user, "candidateUser", user)),
        "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")))));
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    List<JsonNode> list = new java.util.ArrayList<>();
    tasks.json().forEach(list::add);
    return list;
  }

  /** The same through the engine's API, without authorization checks. */
  List<Task> engineOpen(String user) {
    return processEngine.getTaskService().createTaskQuery().or().taskCandidateUser(user).taskAssignee(user).endOr().list();
  }

  @Test
  @Order(5)
  void an_escalated_risk_is_mailed_to_the_group_that_now_owns_it() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    Http.Response risk = Http.on(port).as("paula").postJson("/api/risks", Http.json(Map.of("projectId", PROJECT,
        "title", "Budget overrun on interfaces", "category", "BUDGET", "likelihood", 4, "impact", 4, "owner", "peter")));
    assertThat(risk.status()).as(risk.body()).isEqualTo(201);
    String riskId = risk.json().get("riskId").asText();
    new io.hitgov.support.Engine(processEngine).executeDueJobs(risk.json().get("processInstanceId").asText());
    deliver();
    List<MimeMessage> escalations = received().stream()
        .filter(m -> subject(m).startsWith("[HITGov] Escalated to steeringCommittee: " + riskId)).toList();
    assertThat(recipients(escalations)).containsExactlyInAnyOrder("stella@demo.hitgov.invalid",
        "steve@demo.hitgov.invalid");
    assertThat(subject(escalations.get(0))).isEqualTo("[HITGov] Escalated to steeringCommittee: " + riskId + " ("
        + PROJECT + ")");
    assertThat(body(escalations.get(0))).contains(riskId + " of project " + PROJECT)
        .contains("Reason: EXTREME risk: owned at this level from the start");
  }

  // ---------------------------------------------------------------- helpers

  @Test
  @Order(6)
  void a_mail_of_a_batch_that_fails_is_retried_alone_and_the_others_are_not_sent_twice() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    withBrokenPmoMember("mailbroken", "broken@", () -> {
      double connections = connections();
      runtimeService.createIncident("staleProject", waitingExecution(), "A1", "no activity for 15 business days");
      MailDispatch.await(port);
      assertThat(recipients(received())).as("the other three went out at once").containsExactlyInAnyOrder(
          "paula@demo.hitgov.invalid", "peter@demo.hitgov.invalid", "maria@demo.hitgov.invalid");
      assertThat(connections() - connections)
          .as("a mail refused before it reaches the server does not cost the batch its connection").isOne();
      List<Job> jobs = deliveryJobs();
      assertThat(jobs).as("the batch's one mail left goes to a delivery job").hasSize(1);
      String job = jobs.get(0).getId();
      assertThat(jdbc.queryForList("select recipient_address from notification where process_instance_id = ?",
          String.class, jobs.get(0).getProcessInstanceId())).containsExactly("broken@");
      assertThat(jdbc.queryForObject("select last_error from notification where recipient_address = 'broken@'",
          String.class)).contains("Mail to broken@ not sent");
      assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining("Mail to broken@ not sent");
      assertThat(retries(jobs.get(0))).as("the job retries the one mail left").isEqualTo(2);
      assertThat(received()).as("a retry sends nothing twice").hasSize(3);
    });
  }

  @Test
  @Order(7)
  void a_transaction_queuing_more_than_fifty_mails_gets_a_second_delivery_job_and_every_mail_goes_out() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    List<String> bulk = new java.util.ArrayList<>();
    for (int i = 0; i < NotificationService.MAX_BATCH; i++) {
      String id = "mailbulk" + i;
      var user = identityService.newUser(id);
      user.setFirstName("Bulk");
      user.setLastName("Member " + i);
      user.setEmail(id + "@demo.hitgov.invalid");
      identityService.saveUser(user);
      identityService.createMembership(id, "pmo");
      bulk.add(id);
    }
    try {
      double connections = connections();
      runtimeService.createIncident("staleProject", waitingExecution(), "A2", "no activity for 16 business days");
      MailDispatch.await(port);
      assertThat(deliveryJobs()).as("both sent at once").isEmpty();
      assertThat(received()).hasSize(NotificationService.MAX_BATCH + 3);
      assertThat(recipients(received())).hasSize(NotificationService.MAX_BATCH + 3)
          .contains("mailbulk0@demo.hitgov.invalid", "paula@demo.hitgov.invalid", "maria@demo.hitgov.invalid");
      assertThat(connections() - connections).as("more than %s mails in one transaction: two batches, one "
          + "connection each, not one per mail", NotificationService.MAX_BATCH).isEqualTo(2);
    } finally {
      for (String id : bulk) {
        identityService.deleteMembership(id, "pmo");
        identityService.deleteUser(id);
      }
    }
  }

  @Test
  @Order(8)
  void a_connection_the_mail_server_dropped_is_reopened_for_the_next_mail_of_the_batch() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    double connections = connections();
    try (SmtpMailer.Connection smtp = mailer.connect()) {
      smtp.send("paula@demo.hitgov.invalid", "first", "before the restart", "text/plain");
      SMTP.stop(); // closes the open connection from the server's side
      SMTP.start();
      smtp.send("peter@demo.hitgov.invalid", "second", "after the restart", "text/plain");
    }
    assertThat(recipients(received())).as("the restarted server's mailbox")
        .containsExactly("peter@demo.hitgov.invalid");
    assertThat(connections() - connections).isEqualTo(2);
  }

  @Test
  @Order(9)
  void a_delivery_leaves_no_engine_history_the_mails_rows_are_its_record() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    deliver();
    SMTP.stop();
    try {
      runtimeService.createIncident("staleProject", waitingExecution(), "A3", "no activity for 17 business days");
      MailDispatch.await(port);
    } finally {
      SMTP.start();
    }
    Job job = deliveryJobs().get(0);
    String delivery = job.getProcessInstanceId();
    managementService.executeJob(job.getId());
    assertThat(received()).isNotEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(delivery).count()).as("ended").isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(delivery).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(delivery).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(delivery).count()).isZero();
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(delivery).count()).isZero();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(delivery).count()).isZero();
    assertThat(jdbc.queryForList("select status from notification where process_instance_id = ?", String.class, delivery))
        .as("each mail's row: queued, sent").isNotEmpty().containsOnly("SENT");
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(lifecycle.getId()).incidentType("staleProject")
        .count()).as("the governance step that queued the mails keeps its history").isPositive();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(lifecycle.getId()).count()).isOne();
    Http admin = Http.on(port).as("admin");
    assertThat(admin.get("/engine-rest/history/process-instance?processDefinitionKey=" + NotificationDeliveryProcess.KEY)
        .json()).as("nothing of it in Cockpit's history either").isEmpty();
  }

  @Test
  @Order(10)
  void a_batch_its_node_left_unsent_is_handed_to_a_delivery_job_once_and_whole_and_sent() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    java.time.OffsetDateTime now = io.hitgov.shared.process.EngineClock.now();
    // what a node that stopped right after the governance transaction committed leaves behind: a batch
    // whose first mail was queued 11 minutes ago and its second 9 (a digest renders each one in turn)
    queuedRow("NT-stranded", "NT-stranded", "peter", now.minusMinutes(11), null);
    queuedRow("NT-stranded-2", "NT-stranded", "stella", now.minusMinutes(9), null);
    queuedRow("NT-recent", "NT-recent", "paula", now, null);
    queuedRow("NT-sending", "NT-sending", "maria", now.minusMinutes(11), now); // its sender still at it
    java.time.OffsetDateTime cutOff = now.minusMinutes(10);
    try {
      assertThat(sweep.sweep()).as("the stranded batch, not one queued a moment ago nor one a sender holds").isOne();
      assertThat(jdbc.queryForList("select distinct process_instance_id from notification where batch_id = "
          + "'NT-stranded'", String.class)).as("handed over whole, its younger mail too").hasSize(1).doesNotContainNull();
      assertThat(sweep.sweep()).as("handed over once, however often the sweep runs").isZero();
      assertThat(dispatcher.handOver("NT-stranded", "a second node's sweep", cutOff))
          .as("a second node finding it too: its process start is rolled back").isFalse();
      assertThat(dispatcher.handOver("NT-sending", "a sweep that found it before its sender claimed it again",
          cutOff)).as("a batch claimed after the sweep's cut-off stays with its sender").isFalse();
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
          .count()).as("one delivery process, for the stranded batch only").isOne();
      List<Job> jobs = deliveryJobs();
      assertThat(jobs).hasSize(1);
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(jobs.get(0).getProcessInstanceId())
          .singleResult().getBusinessKey()).isEqualTo("NT-stranded");
      deliver();
      assertThat(received()).hasSize(2);
      assertThat(recipients(received())).containsExactly("peter@demo.hitgov.invalid", "stella@demo.hitgov.invalid");
      assertThat(jdbc.queryForList("select status from notification where batch_id = 'NT-stranded'", String.class))
          .containsExactly("SENT", "SENT");
    } finally {
      jdbc.update("delete from notification where notification_id in ('NT-recent', 'NT-sending')");
    }
  }

  /** A row as {@link NotificationService} queues it, optionally claimed by a sender. */
  void queuedRow(String id, String batch, String user, java.time.OffsetDateTime queued,
      java.time.OffsetDateTime claimed) {
    jdbc.update("insert into notification (notification_id, batch_id, kind, project_id, recipient_user, "
        + "recipient_address, subject, body, content_type, status, attempts, queued_at, dispatched_at) values "
        + "(?, ?, 'ESCALATION', ?, ?, ?, 'Stranded', 'Left behind', 'text/plain', 'QUEUED', 0, ?, ?)", id, batch,
        PROJECT, user, user + "@demo.hitgov.invalid", queued, claimed);
  }

  @Test
  @Order(11)
  void a_delivery_job_that_sends_part_of_its_batch_keeps_those_sent_when_it_fails_and_retries_the_rest() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    withBrokenPmoMember("mailbroken2", "broken2@", () -> {
      SMTP.stop();
      try {
        runtimeService.createIncident("staleProject", waitingExecution(), "A4", "no activity for 18 business days");
        MailDispatch.await(port);
      } finally {
        SMTP.start();
      }
      List<Job> jobs = deliveryJobs();
      assertThat(jobs).as("the server was down: the whole batch goes to its delivery job").hasSize(1);
      String job = jobs.get(0).getId();
      assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining("1 of 4 e-mails not sent")
          .hasMessageContaining("broken2@");
      assertThat(recipients(received())).as("the job's transaction rolled back; the three sent stay sent")
          .containsExactlyInAnyOrder("paula@demo.hitgov.invalid", "peter@demo.hitgov.invalid", "maria@demo.hitgov.invalid");
      assertThat(jdbc.queryForList("select status from notification where process_instance_id = ? and "
          + "recipient_address <> 'broken2@'", String.class, jobs.get(0).getProcessInstanceId())).containsOnly("SENT");
      assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining("Mail to broken2@ not sent");
      assertThat(received()).as("the retry sends only the mail left").hasSize(3);
    });
  }

  /**
   * Runs {@code test} with a pmo member whose address has no domain (refused before it reaches the
   * server), then removes the member and any delivery left.
   */
  void withBrokenPmoMember(String userId, String address, ThrowingRunnable test) throws Exception {
    var broken = identityService.newUser(userId);
    broken.setFirstName("Broken");
    broken.setLastName("Address");
    broken.setEmail(address);
    identityService.saveUser(broken);
    identityService.createMembership(userId, "pmo");
    try {
      test.run();
    } finally {
      identityService.deleteMembership(userId, "pmo");
      identityService.deleteUser(userId);
      for (Job left : deliveryJobs()) {
        runtimeService.deleteProcessInstance(left.getProcessInstanceId(), "test cleanup", true, true);
      }
    }
  }

  /** A test body that may throw. */
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  @Order(12)
  void a_rolled_back_transaction_sends_nothing_and_a_mail_queued_outside_one_is_sent() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    var recipient = notifications.user("peter").orElseThrow();
    Map<String, Object> model = Map.of("projectId", PROJECT, "subjectId", "RISK-X", "toGroup", "pmo",
        "reason", "test", "tasklistLink", "");
    var rollingBack = new org.springframework.transaction.support.TransactionTemplate(transactions);
    rollingBack.executeWithoutResult(status -> {
      assertThat(notifications.queue(NotificationService.Kind.ESCALATION, "escalation", PROJECT, model,
          List.of(recipient))).isOne();
      status.setRollbackOnly();
    });
    MailDispatch.await(port);
    assertThat(received()).as("rolled back: no row, no mail").isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from notification where status = 'QUEUED' "
        + "and process_instance_id is null", Integer.class)).isZero();

    assertThat(notifications.queue(NotificationService.Kind.ESCALATION, "escalation", PROJECT, model,
        List.of(recipient))).isOne();
    MailDispatch.await(port);
    assertThat(deliveryJobs()).as("sent at once").isEmpty();
    assertThat(received()).hasSize(1);
    assertThat(recipients(received())).as("no transaction: the insert committed by itself, then sent")
        .containsExactly("peter@demo.hitgov.invalid");
  }

  /** The lifecycle's execution waiting in an activity (its phase or gate call), where the watch raises incidents. */
  String waitingExecution() {
    for (var child : runtimeService.getActivityInstance(lifecycle.getId()).getChildActivityInstances()) {
      var executions = runtimeService.createExecutionQuery().processInstanceId(lifecycle.getId())
          .activityId(child.getActivityId()).list();
      if (!executions.isEmpty()) {
        return executions.get(0).getId();
      }
    }
    throw new AssertionError("The lifecycle waits in no activity");
  }

  /** Runs a timer-started process's timer and its asynchronous step. */
  void runTimer(String key, String startEvent) {
    Job timer = managementService.createJobQuery().processDefinitionKey(key).activityId(startEvent).singleResult();
    assertThat(timer).as("timer " + startEvent).isNotNull();
    managementService.executeJob(timer.getId());
    managementService.createJobQuery().processDefinitionKey(key).messages().list()
        .forEach(step -> managementService.executeJob(step.getId()));
  }

  /** Waits until the batches queued so far went out (or to their delivery job), then executes every due delivery job. */
  void deliver() {
    MailDispatch.await(port);
    for (Job job : managementService.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  /** {@code hitgov_notifications_connections_total}: connections opened to the mail server. */
  double connections() {
    return Http.on(port).as("admin").get("/actuator/metrics/" + NotificationMetrics.CONNECTIONS).json()
        .at("/measurements/0/value").asDouble();
  }

  List<Job> deliveryJobs() {
    return managementService.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY).list();
  }

  int retries(Job job) {
    return managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries();
  }

  static List<MimeMessage> received() {
    return Arrays.asList(SMTP.getReceivedMessages());
  }

  static Set<String> recipients(List<MimeMessage> mails) {
    return mails.stream().flatMap(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).map(Address::toString);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.toCollection(TreeSet::new));
  }

  static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(MimeMessage mail) throws IOException, jakarta.mail.MessagingException {
    return String.valueOf(mail.getContent());
  }
}
