package io.hitgov.support;

import io.hitgov.HitgovApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application in-process, as {@code java -jar} would, for start-up tests. */
public final class AppRunner {

  private AppRunner() {}

  /**
   * Starts HITGov with the given profiles and command-line arguments on a random port, the job
   * executor off.
   */
  public static ConfigurableApplicationContext start(String profiles, String... args) {
    return start(profiles, List.of(), args);
  }

  /** As {@link #start(String, String...)}, with initializers (e.g. a {@link SqlCounter}). */
  public static ConfigurableApplicationContext start(String profiles,
      List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... args) {
    List<String> all = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--logging.level.root=WARN"));
    all.addAll(Arrays.asList(args));
    return new SpringApplicationBuilder(HitgovApplication.class)
        .profiles(profiles.split(","))
        .initializers(initializers.toArray(ApplicationContextInitializer[]::new))
        .run(all.toArray(String[]::new));
  }

  /** Arguments that point the application at a model folder pair and a file database in {@code dir}. */
  public static String[] modelsAndDatabaseIn(Path dir) {
    return new String[] {
      "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/hitgov").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
      "--hitgov.models.processes-location=" + dir.resolve("processes").toUri(),
      "--hitgov.models.forms-location=" + dir.resolve("forms").toUri()
    };
  }

  /** Copies the product's processes/ and forms/ (and optionally the test fixtures) into {@code dir}. */
  public static void copyModels(Path dir, boolean withFixtures) {
    copyTree(Path.of("processes"), dir.resolve("processes"));
    copyTree(Path.of("forms"), dir.resolve("forms"));
    if (withFixtures) {
      copyTree(Path.of("src/test/resources/fixtures/processes"), dir.resolve("processes/fixtures"));
      copyTree(Path.of("src/test/resources/fixtures/forms"), dir.resolve("forms/fixtures"));
    }
  }

  private static void copyTree(Path from, Path to) {
    try {
      Files.createDirectories(to);
      if (!Files.isDirectory(from)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(from)) {
        for (Path source : paths.toList()) {
          Path target = to.resolve(from.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.copy(source, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
