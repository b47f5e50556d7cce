package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.system.identity.DemoUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays true: its links resolve, its catalogue lists every model, its logins exist. */
class ReadmeTest {

  static String readme() throws IOException {
    return Files.readString(Path.of("README.md"));
  }

  @Test
  void every_relative_link_points_at_a_real_file() throws IOException {
    Matcher links = Pattern.compile("\\]\\(((?!https?:|#)[^)]+)\\)").matcher(readme());
    int count = 0;
    while (links.find()) {
      count++;
      String file = links.group(1).replaceFirst("#.*$", ""); // a link to a section names its file
      assertThat(Path.of(file)).as(links.group(1)).exists();
    }
    assertThat(count).isPositive();
  }

  @Test
  void the_process_catalogue_lists_every_model_in_processes() throws IOException {
    String readme = readme();
    try (Stream<Path> models = Files.walk(Path.of("processes"))) {
      models.filter(p -> p.toString().matches(".*\\.(bpmn|dmn)$"))
          .forEach(model -> assertThat(readme).as(model.toString()).contains("(" + model.toString().replace('\\', '/') + ")"));
    }
  }

  @Test
  void the_quick_start_has_the_run_and_test_commands_and_every_demo_login() throws IOException {
    String readme = readme();
    assertThat(readme).contains("`./mvnw spring-boot:run`").contains("`./mvnw verify`");
    assertThat(Files.readString(Path.of(".ci/run"))).contains("./mvnw -B verify");
    for (DemoUsers.DemoUser user : DemoUsers.USERS) {
      assertThat(readme).as(user.id()).containsPattern("\\| `" + Pattern.quote(user.group().id()) + "` \\|[^\\n]*`"
          + user.id() + "`");
    }
  }
}
