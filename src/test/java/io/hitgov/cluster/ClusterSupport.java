package io.hitgov.cluster;

import io.hitgov.support.AppRunner;
import io.hitgov.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** What the cluster tests share: the model folder, starting instances over REST, skipping loudly. */
final class ClusterSupport {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "demo";

  private ClusterSupport() {}

  /** The product's models plus the cluster test models (src/test/resources/cluster/processes) in a new folder. */
  static Path models(String label) {
    try {
      Path dir = Files.createTempDirectory("hitgov-cluster-" + label);
      AppRunner.copyModels(dir, false);
      Path target = Files.createDirectories(dir.resolve("processes/cluster-test"));
      try (Stream<Path> files = Files.list(Path.of("src/test/resources/cluster/processes"))) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName().toString()));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code count} instances of {@code processKey} with business keys {@code prefix-0000...},
   * alternately through each node's {@code /engine-rest}, from eight client threads.
   */
  static void startInstances(List<ClusterNode> nodes, String processKey, String prefix, int count, String variablesJson) {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        calls.add(clients.submit(() -> {
          ClusterNode node = nodes.get(n % nodes.size());
          String body = "{\"businessKey\":\"" + String.format("%s-%04d", prefix, n) + "\",\"variables\":" + variablesJson + "}";
          Http.Response response = Http.at(node.base()).as(ADMIN, ADMIN_PASSWORD)
              .postJson("/engine-rest/process-definition/key/" + processKey + "/start", body);
          if (response.status() != 200) {
            throw new AssertionError("start " + n + " on " + node.name() + ": " + response);
          }
        }));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } catch (Exception e) {
      throw new AssertionError("starting " + prefix + " instances failed: " + e.getMessage(), e);
    } finally {
      clients.shutdownNow();
    }
    System.out.printf("[cluster] started %d %s instances (%s-*) through %s%n", count, processKey, prefix,
        nodes.stream().map(ClusterNode::name).toList());
  }

  /** Fails (CI) or skips loudly when a tool the test needs is missing. */
  static void requireOrSkip(boolean present, String what) {
    if (present) {
      return;
    }
    String message = what + " is not available";
    if (Boolean.parseBoolean(System.getenv("HITGOV_REQUIRE_POSTGRES"))) {
      throw new IllegalStateException(message + " but HITGOV_REQUIRE_POSTGRES=true (.ci/run installs it)");
    }
    System.err.println("\n*** SKIPPED: cluster test. " + message + ". ***\n");
    Assumptions.abort("SKIPPED LOUDLY: " + message);
  }

  static String variables(String waitFor) {
    return "{\"waitFor\":{\"value\":\"" + waitFor + "\",\"type\":\"String\"}}";
  }
}
