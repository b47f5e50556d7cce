package io.hitgov.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.InvalidVariablesException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Each user's notification settings (the one place to opt out of the daily digest) and, in the
 * default profile, the embedded SMTP server's mailbox (docs/notifications.md).
 */
@RestController
class NotificationController {

  private final NotificationService notifications;
  private final ObjectProvider<GreenMail> embeddedSmtp;

  NotificationController(NotificationService notifications, ObjectProvider<GreenMail> embeddedSmtp) {
    this.notifications = notifications;
    this.embeddedSmtp = embeddedSmtp;
  }

  @GetMapping("/api/me/notification-settings")
  Map<String, Object> settings(Authentication user) {
    return Map.of("userId", user.getName(), "digest", notifications.wantsDigest(user.getName()));
  }

  /** {@code {"digest": false}} opts the caller out of the daily digest; {@code true} back in. */
  @PutMapping("/api/me/notification-settings")
  Map<String, Object> update(@RequestBody Map<String, Object> body, Authentication user) {
    List<String> unknown = body.keySet().stream().filter(k -> !"digest".equals(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException(unknown + " are not notification settings [digest]");
    }
    if (!(body.get("digest") instanceof Boolean digest)) {
      throw new InvalidVariablesException("digest is required and must be a Boolean (true or false)");
    }
    notifications.setDigest(user.getName(), digest);
    return settings(user);
  }

  /**
   * The mail the embedded SMTP server received, newest last: the caller's own mail, or all of it
   * for operators. 404 when no embedded server runs (the {@code prod} profile, a real SMTP server).
   */
  @GetMapping("/api/notifications/mailbox")
  List<Map<String, Object>> mailbox(Authentication user) {
    GreenMail server = embeddedSmtp.getIfAvailable();
    if (server == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND,
          "No embedded SMTP server runs here (hitgov.notification.embedded-smtp=false): mail goes to spring.mail.host");
    }
    boolean operator = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(GovernanceGroup.OPERATORS.id()::equals);
    Optional<String> own = notifications.user(user.getName()).map(NotificationService.Recipient::address)
        .map(a -> a.toLowerCase(Locale.ROOT));
    List<Map<String, Object>> mails = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      try {
        List<String> to = Arrays.stream(Optional.ofNullable(message.getAllRecipients()).orElse(new Address[0]))
            .map(Address::toString).toList();
        if (!operator && (own.isEmpty() || to.stream().noneMatch(a -> a.toLowerCase(Locale.ROOT).contains(own.get())))) {
          continue;
        }
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("to", to);
        mail.put("subject", message.getSubject());
        mail.put("receivedAt", message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant().toString());
        mail.put("contentType", message.getContentType());
        Object content = message.getContent();
        mail.put("body", content instanceof String text ? text : GreenMailUtil.getBody(message));
        mails.add(mail);
      } catch (MessagingException | java.io.IOException e) {
        throw new IllegalStateException("Mailbox unreadable: " + e.getMessage(), e);
      }
    }
    return mails;
  }
}
