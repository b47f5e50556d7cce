package io.hitgov.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
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
    GreenMail server = new PromptGreenMail(properties.embeddedSmtpPort() == 0 ? setup.dynamicPort() : setup);
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

  /**
   * GreenMail writes every line of a reply with a flush of its own, so each line is a TCP segment;
   * with Nagle's algorithm the second line of the multi-line EHLO reply waits until the client
   * acknowledges the first, and the client, still waiting for the rest, delays that acknowledgement
   * (40 ms on Linux): a stall per connection, most of a mail's time. The sockets this server accepts
   * send at once (TCP_NODELAY), as mail servers answer in one write.
   */
  static final class PromptGreenMail extends GreenMail {

    PromptGreenMail(ServerSetup setup) {
      super(setup);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
      Map<String, AbstractServer> services = super.createServices(config, managers);
      services.replaceAll((protocol, server) -> server instanceof SmtpServer
          ? new PromptSmtpServer(server.getServerSetup(), managers) : server);
      return services;
    }
  }

  /** GreenMail's SMTP server, its accepted sockets with TCP_NODELAY. */
  static final class PromptSmtpServer extends SmtpServer {

    PromptSmtpServer(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected void handleClientSocket(Socket socket) throws SocketException {
      socket.setTcpNoDelay(true);
      super.handleClientSocket(socket);
    }
  }
}
