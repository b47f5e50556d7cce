package io.hitgov.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * docker/nginx/hitgov.conf, the load balancer of docker-compose.yml, run with Debian's nginx on
 * loopback: only its upstream server line (the compose service {@code app}) and its listen port are
 * replaced, by the test nodes and a free port. Without an nginx binary the calling test fails when
 * {@code HITGOV_REQUIRE_POSTGRES=true} (CI installs it) and is skipped loudly otherwise.
 */
final class LoadBalancer implements AutoCloseable {

  static final Path CONFIG = Path.of("docker", "nginx", "hitgov.conf");
  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

  private final Path dir;
  private final int port;
  private final Process process;

  private LoadBalancer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static Path binary() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** Starts nginx in front of {@code nodes} and waits until it listens. */
  static LoadBalancer inFrontOf(List<ClusterNode> nodes) {
    Path nginx = binary();
    if (nginx == null) {
      throw new IllegalStateException("nginx is not installed (apt-get install nginx)");
    }
    try {
      Path dir = Files.createTempDirectory("hitgov-lb");
      int port = ClusterNode.freePort();
      String config = Files.readString(CONFIG);
      String upstream = "server app:8080";
      if (!config.contains(upstream) || !config.contains("listen 8080;")) {
        throw new AssertionError(CONFIG + " no longer has '" + upstream + "' and 'listen 8080;'");
      }
      String servers = nodes.stream().map(n -> "server 127.0.0.1:" + n.port())
          .collect(Collectors.joining(" max_fails=1 fail_timeout=10s;\n    "));
      config = config.replace(upstream, servers).replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
      Files.writeString(dir.resolve("hitgov.conf"), config);
      Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
          "worker_processes 1;",
          "daemon off;",
          "pid " + dir.resolve("nginx.pid") + ";",
          "error_log " + dir.resolve("error.log") + " warn;",
          "events { worker_connections 256; }",
          "http {",
          "  access_log " + dir.resolve("access.log") + ";",
          "  client_body_temp_path " + dir.resolve("body") + ";",
          "  proxy_temp_path " + dir.resolve("proxy") + ";",
          "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
          "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
          "  scgi_temp_path " + dir.resolve("scgi") + ";",
          "  include " + dir.resolve("hitgov.conf") + ";",
          "}", ""));
      Process process = new ProcessBuilder(nginx.toString(), "-e", dir.resolve("error.log").toString(),
          "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      LoadBalancer lb = new LoadBalancer(dir, port, process);
      for (int i = 0; i < 40; i++) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
          System.out.println("[cluster] nginx (" + CONFIG + ") listens on 127.0.0.1:" + port + " in front of "
              + nodes.stream().map(n -> n.name() + "=" + n.port()).toList());
          return lb;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
                + Files.readString(dir.resolve("error.log")));
          }
          ClusterNode.sleep(250);
        }
      }
      throw new AssertionError("nginx does not listen on " + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    System.out.println("[cluster] nginx stopped (logs in " + dir + ")");
  }
}
