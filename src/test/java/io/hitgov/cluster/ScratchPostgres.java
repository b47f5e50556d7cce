package io.hitgov.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the fault tests that restart the database: Debian's
 * {@code initdb}/{@code pg_ctl} ({@code /usr/lib/postgresql/<version>/bin}) on a free loopback port,
 * in a temporary data directory deleted afterwards. The shared server on 5432 is never touched.
 */
final class ScratchPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;

  private ScratchPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The server binaries, or null when none are installed. */
  static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(Path::toString)).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static ScratchPostgres start() {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql");
    }
    try {
      Path dir = Files.createTempDirectory("hitgov-pg");
      int port = ClusterNode.freePort();
      List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"));
      ScratchPostgres server = new ScratchPostgres(bin, dir, port);
      if (isRoot()) {
        // PostgreSQL refuses to run as root: the data directory belongs to the postgres system user.
        exec(List.of("chown", "-R", "postgres", dir.toString()));
      }
      server.run(initdb);
      server.pgCtl("start", "-w", "-l", dir.resolve("server.log").toString(), "-o",
          "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off -c max_connections=60");
      System.out.println("[cluster] throwaway PostgreSQL started on 127.0.0.1:" + port + " (" + dir + ")");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  void createDatabase(String name) {
    try (var connection = java.sql.DriverManager.getConnection(url("postgres"), "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code pg_ctl restart -m fast}: every connection is dropped, the server is back once it answers. */
  void restart() {
    pgCtl("restart", "-w", "-m", "fast", "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off -c max_connections=60");
  }

  @Override
  public void close() {
    try {
      pgCtl("stop", "-w", "-m", "immediate");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }

  private void pgCtl(String... args) {
    List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
    command.addAll(List.of(args));
    run(command);
  }

  private void run(List<String> command) {
    List<String> asUser = new ArrayList<>(command);
    if (isRoot()) {
      asUser = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
      asUser.addAll(command);
    }
    exec(asUser);
  }

  private static void exec(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
