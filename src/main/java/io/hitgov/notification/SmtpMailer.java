package io.hitgov.notification;

import io.hitgov.notification.NotificationMetrics.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands e-mails to the SMTP server ({@code spring.mail.*}, or the embedded one of the default
 * profile), several over one {@link Connection}. A refusal or an unreachable server is a
 * {@link MailDeliveryException}, counted as {@code failed}, so the batch goes to its delivery job,
 * which retries and finally raises its incident.
 */
@Component
public class SmtpMailer {

  /** The mail server refused or could not be reached. */
  public static class MailDeliveryException extends RuntimeException {
    MailDeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Jakarta Mail looks its stream provider up through the ServiceLoader for every header it encodes
   * and every message it writes (jakartaee/mail-api issue 861), a scan of the application jar each
   * time; named by its system property, the lookup is one class load.
   */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final ObjectProvider<JavaMailSender> sender;
  private final NotificationProperties properties;
  private final NotificationMetrics metrics;

  SmtpMailer(ObjectProvider<JavaMailSender> sender, NotificationProperties properties, NotificationMetrics metrics) {
    this.sender = sender;
    this.properties = properties;
    this.metrics = metrics;
  }

  /**
   * A connection for the mails of one delivery batch: opened at the first mail, reopened when the
   * server dropped it, closed at the end. A batch of fifty task mails is one connection (one TLS
   * handshake and login with {@code SMTP_STARTTLS}/{@code SMTP_AUTH}), not fifty.
   */
  public Connection connect() {
    return new Connection(sender.getIfAvailable());
  }

  /**
   * One SMTP connection, not shared between threads. Spring's {@code JavaMailSender} also sends
   * several messages over one connection, but reports which were refused only after the last: this
   * one answers each mail as the server accepts or refuses it, so the caller can record it at once.
   */
  public final class Connection implements AutoCloseable {

    private final JavaMailSender mail;
    private Transport transport;

    private Connection(JavaMailSender mail) {
      this.mail = mail;
    }

    /** Hands one e-mail to the server; a {@link MailDeliveryException} when it was not accepted. */
    public void send(String to, String subject, String body, String contentType) {
      if (mail == null) {
        metrics.count(Outcome.FAILED);
        throw new MailDeliveryException("No mail server configured: set spring.mail.host (or, outside prod, "
            + "hitgov.notification.embedded-smtp=true)", null);
      }
      MimeMessage message;
      try {
        message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(to);
        helper.setSubject(subject);
        helper.setText(body, "text/html".equals(contentType));
      } catch (MessagingException | RuntimeException e) { // an address no server would take: the connection is fine
        throw failed(to, e);
      }
      try {
        if (mail instanceof JavaMailSenderImpl server) {
          message.setSentDate(new Date());
          message.saveChanges();
          transport(server).sendMessage(message, message.getAllRecipients());
        } else {
          metrics.connected(); // a JavaMailSender of another kind connects for each mail
          mail.send(message);
        }
      } catch (MessagingException | RuntimeException e) {
        if (!(e instanceof SendFailedException)) {
          close(); // refused recipients leave the session usable; anything else may have left it mid-message
        }
        throw failed(to, e);
      }
      metrics.count(Outcome.SENT);
    }

    private MailDeliveryException failed(String to, Exception e) {
      metrics.count(Outcome.FAILED);
      return new MailDeliveryException("Mail to " + to + " not sent: " + rootMessage(e), e);
    }

    /** The open connection, or a new one as {@code JavaMailSenderImpl} opens it (its host, port and login). */
    private Transport transport(JavaMailSenderImpl server) throws MessagingException {
      if (transport != null && !transport.isConnected()) {
        close();
      }
      if (transport == null) {
        String protocol = server.getProtocol() != null ? server.getProtocol()
            : server.getSession().getProperty("mail.transport.protocol");
        Transport opened = server.getSession().getTransport(protocol != null ? protocol : "smtp");
        String user = server.getUsername();
        String password = server.getPassword();
        if ("".equals(user)) { // as JavaMailSenderImpl: an empty placeholder means no login
          user = null;
          password = "".equals(password) ? null : password;
        }
        opened.connect(server.getHost(), server.getPort(), user, password);
        metrics.connected();
        transport = opened;
      }
      return transport;
    }

    @Override
    public void close() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException e) {
          // the mails are sent or recorded as failed; a failing QUIT changes neither
        }
        transport = null;
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
