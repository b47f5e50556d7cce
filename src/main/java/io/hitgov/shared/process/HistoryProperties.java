package io.hitgov.shared.process;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the engine's history level leaves out ({@link FullHistoryWithoutCopies}).
 *
 * @param displayValuesInHistory true: the forms' display values are written to history as with
 *     Camunda's FULL (docs/adr/0007)
 * @param processesOutOfHistory keys of technical processes whose instances leave no engine history
 *     (docs/adr/0008); the model policy lets them hold only automated and structural elements
 */
@ConfigurationProperties("hitgov.engine")
public record HistoryProperties(@DefaultValue("false") boolean displayValuesInHistory,
    @DefaultValue List<String> processesOutOfHistory) {

  public HistoryProperties {
    processesOutOfHistory = List.copyOf(processesOutOfHistory);
    for (String key : processesOutOfHistory) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("hitgov.engine.processes-out-of-history: a process key may not be blank");
      }
    }
  }
}
