package io.hitgov.cluster;

import io.hitgov.HitgovApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HITGov node in its own JVM ({@code java -cp} with the test class path, main class
 * {@link HitgovApplication}, profiles {@code postgres,cluster-test}), its output in
 * {@code target/cluster/<name>.log}. Started against a database, stopped gracefully or killed with
 * SIGKILL; every node is killed when the test JVM ends, so nothing outlives the test.
 */
final class ClusterNode implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final List<String> command;
  private Process process;

  private ClusterNode(String name, int port, List<String> command, Path log) {
    this.name = name;
    this.port = port;
    this.command = command;
    this.log = log;
  }

  /**
   * A node of the cluster test: the {@code postgres} profile against {@code jdbcUrl}, the models in
   * {@code models} (product models plus the cluster test models), a short job lock time so that a
   * killed node's jobs come back within seconds, and any {@code extraArgs}.
   */
  static ClusterNode on(String name, String jdbcUrl, String user, Path models, String... extraArgs) {
    int port = freePort();
    int smtpPort = freePort();
    while (smtpPort == port) {
      smtpPort = freePort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"),
        HitgovApplication.class.getName(),
        "--spring.profiles.active=postgres,cluster-test",
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        // the embedded mail server on a port of its own: on "any free port" (0) it once took the port chosen for HTTP
        "--hitgov.notification.embedded-smtp-port=" + smtpPort,
        "--POSTGRES_URL=" + jdbcUrl,
        "--POSTGRES_USER=" + user,
        "--POSTGRES_PASSWORD=",
        // at least twice the 8 job threads plus one (notification/ConnectionPoolCheck); two nodes stay far below 100
        "--HITGOV_DB_POOL_SIZE=20",
        "--HITGOV_DB_POOL_MIN_IDLE=2",
        "--hitgov.cluster-test.node=" + name,
        "--hitgov.demo.data=false",
        "--hitgov.models.processes-location=" + models.resolve("processes").toUri(),
        "--hitgov.models.forms-location=" + models.resolve("forms").toUri(),
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.lock-time-in-millis=10000",
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--camunda.bpm.metrics.enabled=false",
        "--logging.level.root=WARN",
        "--logging.level.io.hitgov=INFO",
        "--logging.level.io.hitgov.system.deployment=INFO"));
    command.addAll(List.of(extraArgs));
    Path log = Path.of("target", "cluster", name + ".log");
    return new ClusterNode(name, port, command, log);
  }

  /** Starts the JVM (its log appended to); {@link #awaitReady()} waits for it. */
  ClusterNode start() {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "\n==== start " + java.time.Instant.now() + " " + command.subList(7, command.size()) + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node answers readiness UP, or fails naming its log. */
  ClusterNode awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Node " + name + " exited with " + process.exitValue() + " during start-up; see " + log);
      }
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new AssertionError("Node " + name + " not ready within " + START_TIMEOUT + "; see " + log);
  }

  /** SIGKILL: no shutdown hook, no graceful stop; its locked jobs stay locked until the lock expires. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: a graceful stop. */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  /** The node's log so far. */
  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitFor();
    }
  }

  static int freePort() {
    return io.hitgov.support.FreePort.next();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
