package io.hitgov;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout the Docker image runs (docs/operations.md#how-hitgov-starts), made by {@code docker/hitgov-layout.sh}
 * from the packaged jar and started as the image starts it, with {@code -Xshare:on}: the JVM refuses to start if
 * it cannot use the class-data-sharing archive. Runs after {@code package} (failsafe), on an in-memory H2 database.
 */
class ShippedLayoutIT {

  static final Path LAYOUT = Path.of("target/shipped-layout");
  static final Path CLASS_LOAD_LOG = Path.of("target/shipped-layout-class-load.log");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static Process node;
  static String base;

  @BeforeAll
  static void startTheShippedLayout() throws Exception {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("hitgov-.*\\.jar")).findFirst().orElseThrow(
          () -> new IllegalStateException("no packaged target/hitgov-*.jar: run ./mvnw verify"));
    }
    run(List.of("bash", "docker/hitgov-layout.sh", "extract", jar.toString(), LAYOUT.toString()));
    run(List.of("bash", "docker/hitgov-layout.sh", "archive", LAYOUT.toString()));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Path log = Path.of("target/shipped-layout-node.log");
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xshare:on",
        "-Xlog:class+load=info:file=" + CLASS_LOAD_LOG.toAbsolutePath(),
        "@" + LAYOUT.resolve("hitgov.args").toAbsolutePath(), "io.hitgov.HitgovApplication",
        "--server.port=" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("HITGOV_H2_URL", "jdbc:h2:mem:shipped-layout;DB_CLOSE_DELAY=-1");
    node = builder.start();
    Process started = node;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (status("/camunda/api/engine/engine/") != 200) {
      if (!node.isAlive()) {
        throw new IllegalStateException("the shipped layout did not start, see " + log.toAbsolutePath() + ":\n"
            + Files.readString(log));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the shipped layout did not answer within 3 minutes, see " + log);
      }
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (node != null) {
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js",
      "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js",
      "/camunda/api/admin/plugin/adminPlugins/static/app/plugin.js",
      "/camunda/api/cockpit/plugin/hitgov-golive-watch/static/app/plugin.js",
      "/camunda/app/cockpit/default/"})
  void camundas_webapps_serve_their_own_and_hitgovs_plugins(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.body()).as(path).isNotBlank();
  }

  @Test
  void hitgovs_and_camundas_classes_come_from_the_archive() throws IOException {
    List<String> loads = Files.readAllLines(CLASS_LOAD_LOG);

    assertThat(loads).anyMatch(line -> line.contains(" io.hitgov.HitgovApplication source: shared objects file"));
    assertThat(loads).anyMatch(
        line -> line.contains(" org.camunda.bpm.engine.impl.ProcessEngineImpl source: shared objects file"));
  }

  /** Runs the layout script with this JVM (its output in a file: failsafe reads the fork's own output). */
  static void run(List<String> command) throws Exception {
    Path log = Path.of("target/shipped-layout-build.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + Files.readString(log));
    }
  }

  static int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
