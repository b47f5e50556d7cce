package io.hitgov.notification;

import io.hitgov.notification.NotificationMetrics.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one e-mail to the SMTP server ({@code spring.mail.*}, or the embedded one of the default
 * profile). A refusal or an unreachable server is a {@link MailDeliveryException}, counted as
 * {@code failed}, so the delivery job retries and finally raises its incident.
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

  public void send(String to, String subject, String body, String contentType) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      metrics.count(Outcome.FAILED);
      throw new MailDeliveryException("No mail server configured: set spring.mail.host (or, outside prod, "
          + "hitgov.notification.embedded-smtp=true)", null);
    }
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(body, "text/html".equals(contentType));
      mail.send(message);
      metrics.count(Outcome.SENT);
    } catch (MailException | MessagingException e) {
      metrics.count(Outcome.FAILED);
      throw new MailDeliveryException("Mail to " + to + " not sent: " + rootMessage(e), e);
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
