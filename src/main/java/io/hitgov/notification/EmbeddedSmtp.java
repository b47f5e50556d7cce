package io.hitgov.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default profile's mail server: an embedded SMTP server (GreenMail) on 127.0.0.1 that keeps
 * every mail it receives in memory, so the demo shows its notifications without any mail server.
 * A newcomer reads them at {@code GET /api/notifications/mailbox} (their own mail; operators all of
 * it) or in the log. Switched on by {@code hitgov.notification.embedded-smtp=true} (the default
 * profile); the {@code prod} profile refuses it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hitgov.notification.embedded-smtp", havingValue = "true")
class EmbeddedSmtp {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSmtp.class);

  @Bean(destroyMethod = "stop")
  GreenMail embeddedSmtpServer(NotificationProperties properties) {
    ServerSetup setup = new ServerSetup(properties.embeddedSmtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail server = new GreenMail(properties.embeddedSmtpPort() == 0 ? setup.dynamicPort() : setup);
    server.start();
    LOG.info("Embedded SMTP server (GreenMail) listening on 127.0.0.1:{}; received mail: GET /api/notifications/mailbox",
        server.getSmtp().getPort());
    return server;
  }

  @Bean
  JavaMailSender embeddedMailSender(GreenMail embeddedSmtpServer) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(embeddedSmtpServer.getSmtp().getPort());
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }
}
