package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Classes stay small enough to have one responsibility (docs/conventions.md#code): no source file
 * under src/main/java is longer than {@value #MAX_LINES} lines, and none is divided into sections by
 * {@code // -----} banners (a banner marks a seam where the class should have been split). Plain
 * source scan, no Spring context.
 */
class ClassSizeTest {

  static final int MAX_LINES = 300;
  static final String BANNER = "// -----";
  static final Path MAIN = Path.of("src/main/java");

  /** Files tolerated for now, each with its reason (paths relative to src/main/java); none for good. */
  static final Map<String, String> EXCEPTIONS = Map.of();

  @Test
  void no_main_class_is_longer_than_three_hundred_lines_or_divided_by_banners() throws IOException {
    List<String> findings = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path source : sources) {
      String name = MAIN.relativize(source).toString().replace('\\', '/');
      if (EXCEPTIONS.containsKey(name)) {
        continue;
      }
      List<String> lines = Files.readAllLines(source);
      if (lines.size() > MAX_LINES) {
        findings.add(name + " has " + lines.size() + " lines (at most " + MAX_LINES + ")");
      }
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith(BANNER)) {
          findings.add(name + ":" + (i + 1) + " has a section banner: split the class along it");
        }
      }
    }
    assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
    assertThat(findings).as("classes over " + MAX_LINES + " lines or with banners").isEmpty();
  }

  @Test
  void every_exception_names_an_existing_file() {
    assertThat(EXCEPTIONS.keySet()).allSatisfy(name -> assertThat(MAIN.resolve(name)).exists());
  }
}
