package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.UnsplitFlushBatches;
import io.hitgov.support.AppRunner;
import io.hitgov.support.SqlCounter;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link UnsplitFlushBatchesTest}'s 120 variables with the lever off, as the benchmark's untuned
 * target runs: the property switches the plugin off, Camunda's slices of 50 operations send the run
 * of variable rows as three batches or more (where the run starts decides), and the variables written are the same.
 */
class UnsplitFlushBatchesOffTest {

  @Test
  void with_the_lever_off_camunda_sends_the_run_of_variable_rows_in_slices() {
    SqlCounter counter = new SqlCounter();
    try (ConfigurableApplicationContext context = AppRunner.start("test", List.of(counter),
        "--hitgov.engine.unsplit-flush-batches=false")) {
      assertThat(context.getBeansOfType(UnsplitFlushBatches.class)).isEmpty();
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      UnsplitFlushBatchesTest.deploy(engine);

      var started = counter.count(() -> engine.getRuntimeService().startProcessInstanceByKey(
          UnsplitFlushBatchesTest.KEY, UnsplitFlushBatchesTest.variables(120, "first ")));

      assertThat(started.count().executions("insert into ACT_RU_VARIABLE")).isGreaterThanOrEqualTo(3); // 120 rows, 50 a slice
      assertThat(started.count().cutBatches()).isNotEmpty();
      assertThat(engine.getRuntimeService().getVariables(started.result().getId()))
          .isEqualTo(UnsplitFlushBatchesTest.variables(120, "first "));
    }
  }
}
