package io.hitgov.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real SMTP server in the test's JVM (GreenMail) on a free loopback port, which the application
 * mails to: a test class that checks e-mail extends this and annotates itself with
 * {@code @HitgovSpringTest(properties = {"hitgov.notification.enabled=true",
 * "hitgov.notification.embedded-smtp=false", "spring.mail.host=127.0.0.1"})}. One server per test
 * class; {@link #SMTP} reads what arrived.
 */
public abstract class SmtpServerTest {

  protected static final int SMTP_PORT = FreePort.next();

  @RegisterExtension
  protected static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
      ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }
}
