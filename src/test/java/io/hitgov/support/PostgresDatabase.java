package io.hitgov.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away database on the PostgreSQL server at {@code HITGOV_TEST_POSTGRES} (default
 * {@code 127.0.0.1:5432}, user {@code postgres}, trust auth). Without a reachable server the
 * PostgreSQL tests are skipped, loudly; with {@code HITGOV_REQUIRE_POSTGRES=true} (set by
 * {@code .ci/run} when a server answers) they fail instead.
 */
public final class PostgresDatabase implements AutoCloseable {

  private static final String HOST = env("HITGOV_TEST_POSTGRES", "127.0.0.1:5432");
  private static final String USER = env("HITGOV_TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = env("HITGOV_TEST_POSTGRES_PASSWORD", "");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  /** Creates a fresh database, or skips the calling test loudly when no server answers. */
  public static PostgresDatabase createOrSkip() {
    try (Connection connection = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      String name = "hitgov_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      statement.execute("CREATE DATABASE " + name);
      return new PostgresDatabase(name);
    } catch (SQLException e) {
      String message = "PostgreSQL at " + HOST + " is not reachable (" + e.getMessage() + ")";
      if (Boolean.parseBoolean(System.getenv("HITGOV_REQUIRE_POSTGRES"))) {
        throw new IllegalStateException(message + " but HITGOV_REQUIRE_POSTGRES=true", e);
      }
      System.err.println("\n*** SKIPPED: PostgreSQL tests. " + message + ". ***\n");
      Assumptions.abort("SKIPPED LOUDLY: " + message);
      throw new IllegalStateException("unreachable");
    }
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + "/" + name;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** Arguments that start HITGov with the {@code postgres} profile against this database. */
  public String[] args() {
    return new String[] {"--POSTGRES_URL=" + url(), "--POSTGRES_USER=" + USER, "--POSTGRES_PASSWORD=" + PASSWORD};
  }

  @Override
  public void close() {
    try (Connection connection = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }

  private static String adminUrl() {
    return "jdbc:postgresql://" + HOST + "/postgres?connectTimeout=3";
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
