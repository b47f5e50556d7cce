package io.hitgov.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.shared.process.TimerCycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configured timer cycles (docs/model-policy.md#configured-timer-cycles), without Spring: a literal
 * cycle is written into the shipped model, an unchanged one keeps the file's bytes, and anything
 * that is not a cron expression or a repeating interval (an expression above all) is refused.
 */
class TimerCyclesTest {

  static final String RESOURCE = "processes/portfolio-watch/PortfolioWatchProcess.bpmn";

  static ModelFile watchModel() throws IOException {
    return new ModelFile(RESOURCE, Files.readAllBytes(Path.of(RESOURCE)));
  }

  static TimerCycle cycle(String value) {
    return new TimerCycle("hitgov.portfolio.watch-cycle", "PortfolioWatchProcess", "StartEvent_WatchDue", value);
  }

  @Test
  void a_configured_cycle_is_written_into_its_model_and_nowhere_else() throws IOException {
    ModelFile adjusted = new TimerCycles(List.of(cycle("0 0/15 * * * ?"))).apply(watchModel());
    String xml = new String(adjusted.content(), StandardCharsets.UTF_8);
    assertThat(xml).contains(">0 0/15 * * * ?</").doesNotContain("0 5 * * * ?");
    assertThat(xml).contains("id=\"PortfolioWatchProcess\"").contains("PortfolioWatchRequested");
    adjusted.parse(); // still a valid model

    ModelFile other = new ModelFile("processes/notification/NotificationDigestProcess.bpmn",
        Files.readAllBytes(Path.of("processes/notification/NotificationDigestProcess.bpmn")));
    assertThat(new TimerCycles(List.of(cycle("0 0/15 * * * ?"))).apply(other).content()).isEqualTo(other.content());
  }

  @Test
  void the_default_cycle_keeps_the_shipped_bytes_so_no_new_version_is_deployed() throws IOException {
    ModelFile shipped = watchModel();
    assertThat(new TimerCycles(List.of(cycle("0 5 * * * ?"))).apply(shipped).content()).isEqualTo(shipped.content());
  }

  @Test
  void a_repeating_interval_is_a_cycle_too() throws IOException {
    ModelFile adjusted = new TimerCycles(List.of(cycle("R/PT30M"))).apply(watchModel());
    assertThat(new String(adjusted.content(), StandardCharsets.UTF_8)).contains(">R/PT30M</");
  }

  @Test
  void expressions_and_non_cycles_are_refused_naming_the_property() {
    for (String bad : List.of("${portfolioSweepDelegate}", "#{execution.getProcessEngineServices()}", "every hour",
        "R/${cycle}", "", "0 5 * * *  * * ?")) {
      assertThatThrownBy(() -> new TimerCycles(List.of(cycle(bad))), bad).isInstanceOf(ModelDeploymentException.class)
          .hasMessageContaining("hitgov.portfolio.watch-cycle").hasMessageContaining("is not a timer cycle");
    }
  }

  @Test
  void a_cycle_for_a_start_event_the_model_lacks_stops_the_deployment() {
    TimerCycle wrong = new TimerCycle("hitgov.portfolio.watch-cycle", "PortfolioWatchProcess", "StartEvent_WatchRequested",
        "0 0/15 * * * ?");
    assertThatThrownBy(() -> new TimerCycles(List.of(wrong)).apply(watchModel()))
        .isInstanceOf(ModelDeploymentException.class).hasMessageContaining("no top-level timer start event");
  }
}
