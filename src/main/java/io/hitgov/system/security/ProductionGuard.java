package io.hitgov.system.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code prod} profile with a missing or default operator password, with
 * demo users, or with e-mail notifications on and no SMTP server ({@code spring.mail.host}) or the
 * embedded demo one. Runs before any bean exists, so no engine, user or table is touched first.
 */
public class ProductionGuard implements EnvironmentPostProcessor, Ordered {

  static final String PROD_PROFILE = "prod";
  static final int MIN_PASSWORD_LENGTH = 12;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains(PROD_PROFILE)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    String user = environment.getProperty("camunda.bpm.admin-user.id", "");
    String password = environment.getProperty("camunda.bpm.admin-user.password", "");
    String demoPassword = environment.getProperty("hitgov.security.demo-password", "demo");
    if (user.isBlank()) {
      problems.add("HITGOV_ADMIN_USER is not set");
    }
    if (password.isBlank()) {
      problems.add("HITGOV_ADMIN_PASSWORD is not set");
    } else if (password.equals(demoPassword) || password.equalsIgnoreCase(user) || password.equalsIgnoreCase("admin")
        || password.toLowerCase(java.util.Locale.ROOT).contains("change-me")) {
      problems.add("HITGOV_ADMIN_PASSWORD is a default or demo password");
    } else if (password.length() < MIN_PASSWORD_LENGTH) {
      problems.add("HITGOV_ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (environment.getProperty("hitgov.security.demo-users", Boolean.class, false)) {
      problems.add("hitgov.security.demo-users=true seeds users with a known password");
    }
    boolean notifications = environment.getProperty("hitgov.notification.enabled", Boolean.class, true);
    if (notifications && environment.getProperty("hitgov.notification.embedded-smtp", Boolean.class, false)) {
      problems.add("hitgov.notification.embedded-smtp=true keeps production mail in an in-memory demo server");
    }
    if (notifications && environment.getProperty("spring.mail.host", "").isBlank()) {
      problems.add("e-mail notifications are on (hitgov.notification.enabled) but no SMTP server is configured "
          + "(set SPRING_MAIL_HOST, or HITGOV_NOTIFICATIONS=false)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start the 'prod' profile: " + String.join("; ", problems)
          + ". Set HITGOV_ADMIN_USER and a strong HITGOV_ADMIN_PASSWORD and a mail server (see README, Production).");
    }
  }

  @Override
  public int getOrder() {
    // After Spring Boot has loaded the config files and activated the profiles.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
