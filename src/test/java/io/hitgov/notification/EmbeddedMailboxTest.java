package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.MailDispatch;
import io.hitgov.support.Projects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The default profile's demo mailbox: an embedded SMTP server (GreenMail) receives the mail, and a
 * newcomer reads it at {@code GET /api/notifications/mailbox}, behind the login: their own mail, or
 * all of it for operators.
 */
@HitgovSpringTest(properties = {"hitgov.notification.enabled=true", "hitgov.notification.embedded-smtp=true"})
class EmbeddedMailboxTest {

  @Autowired ManagementService managementService;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  @Test
  void the_mail_the_embedded_server_received_is_read_by_its_recipient_and_by_operators_only() {
    assertThat(context.getBean(GreenMail.class).getSmtp()).as("the server without Nagle's delay (EmbeddedSmtpTest)")
        .isInstanceOf(EmbeddedSmtp.PromptSmtpServer.class);
    Projects.register(context, "BOX-1");
    Job timer = managementService.createJobQuery().processDefinitionKey("PortfolioPackProcess").timers().singleResult();
    managementService.executeJob(timer.getId());
    managementService.createJobQuery().processDefinitionKey("PortfolioPackProcess").messages().list()
        .forEach(step -> managementService.executeJob(step.getId()));
    MailDispatch.await(port);

    JsonNode stella = Http.on(port).as("stella").get("/api/notifications/mailbox").json();
    assertThat(stella).hasSize(1);
    assertThat(stella.get(0).get("to").get(0).asText()).isEqualTo("stella@demo.hitgov.invalid");
    assertThat(stella.get(0).get("subject").asText()).startsWith("[HITGov] Monthly portfolio pack");
    assertThat(stella.get(0).get("body").asText()).contains("<td>BOX-1</td>");
    assertThat(Http.on(port).as("admin").get("/api/notifications/mailbox").json()).hasSize(2);
    assertThat(Http.on(port).as("maria").get("/api/notifications/mailbox").json()).isEmpty();
    assertThat(Http.on(port).get("/api/notifications/mailbox").status()).isEqualTo(401);
  }
}
