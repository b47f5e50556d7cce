package io.hitgov.system.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start when HITGov would connect to PostgreSQL as a superuser and
 * {@code hitgov.audit.allow-superuser} is false (the {@code prod} profile): a superuser bypasses the
 * privileges that keep the audit tables append-only (docs/security-audit.md). Runs before any bean
 * exists, with one short connection; when the database cannot be reached yet it leaves the verdict
 * to the normal start.
 */
public class SuperuserGuard implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty("spring.datasource.url", "");
    if (!url.startsWith("jdbc:postgresql:") || environment.getProperty("hitgov.audit.allow-superuser", Boolean.class, true)) {
      return;
    }
    String user = environment.getProperty("spring.datasource.username", "");
    boolean superuser;
    try (Connection connection = DriverManager.getConnection(url, user,
            environment.getProperty("spring.datasource.password", ""));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
      superuser = rs.next() && rs.getBoolean(1);
    } catch (SQLException unreachable) {
      return;
    }
    if (superuser) {
      throw new IllegalStateException("Refusing to run as the PostgreSQL superuser '" + user + "': connect as the "
          + "application role (POSTGRES_USER), which may only append to the audit tables, and let Flyway migrate as "
          + "the schema owner (POSTGRES_OWNER_USER); see docs/security-audit.md");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
