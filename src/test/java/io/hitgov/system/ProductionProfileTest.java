package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.support.AppRunner;
import io.hitgov.system.identity.DemoUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile refuses default credentials and seeds no demo users. */
class ProductionProfileTest {

  static final String PROD = "test,prod";

  @Test
  void prod_without_a_password_refuses_to_start() {
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops").close())
        .hasMessageContaining("Refusing to start the 'prod' profile")
        .hasMessageContaining("HITGOV_ADMIN_PASSWORD is not set");
  }

  @Test
  void prod_with_the_demo_password_refuses_to_start() {
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=demo").close())
        .hasMessageContaining("default or demo password");
  }

  @Test
  void prod_with_demo_users_switched_on_refuses_to_start() {
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough", "--hitgov.security.demo-users=true").close())
        .hasMessageContaining("demo-users=true");
  }

  @Test
  void prod_with_a_strong_password_starts_without_demo_users() {
    try (ConfigurableApplicationContext context = AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough")) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().userId("ops").memberOfGroup("camunda-admin").count()).isEqualTo(1);
      assertThat(identity.createUserQuery().userIdIn(
          DemoUsers.USERS.stream().map(DemoUsers.DemoUser::id).toArray(String[]::new)).count()).isZero();
      assertThat(identity.checkPassword("ops", "Str0ng-and-l0ng-enough")).isTrue();
    }
  }

  @Test
  void prod_with_the_env_example_placeholder_refuses_to_start() {
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=change-me-to-a-long-random-secret").close())
        .hasMessageContaining("default or demo password");
  }

  @Test
  void prod_on_a_database_with_demo_users_refuses_to_start(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String url = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    AppRunner.start("test", url).close();
    assertThatThrownBy(() -> AppRunner.start(PROD, url, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough").close())
        .satisfies(error -> org.assertj.core.api.Assertions.assertThat(ModelDeploymentTest.messages(error))
            .contains("the database holds demo users"));
  }

  @Test
  void prod_with_notifications_on_and_no_smtp_server_refuses_to_start() {
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough", "--hitgov.notification.enabled=true").close())
        .hasMessageContaining("Refusing to start the 'prod' profile")
        .hasMessageContaining("no SMTP server is configured");
    assertThatThrownBy(() -> AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough", "--hitgov.notification.enabled=true",
        "--spring.mail.host=127.0.0.1", "--hitgov.notification.embedded-smtp=true").close())
        .hasMessageContaining("embedded-smtp=true");
  }

  @Test
  void prod_with_notifications_on_and_an_smtp_server_starts() {
    try (ConfigurableApplicationContext context = AppRunner.start(PROD, "--camunda.bpm.admin-user.id=ops",
        "--camunda.bpm.admin-user.password=Str0ng-and-l0ng-enough", "--hitgov.notification.enabled=true",
        "--spring.mail.host=127.0.0.1")) {
      assertThat(context.getBeanNamesForType(com.icegreen.greenmail.util.GreenMail.class))
          .as("no embedded demo mail server in prod").isEmpty();
      assertThat(context.getBean(org.springframework.mail.javamail.JavaMailSenderImpl.class).getHost())
          .isEqualTo("127.0.0.1");
    }
  }
}
