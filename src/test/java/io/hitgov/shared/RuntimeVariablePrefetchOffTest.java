package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.NewTaskAuthorizations;
import io.hitgov.shared.process.RuntimeVariablePrefetch;
import io.hitgov.support.HitgovSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The variables and grants of {@link RuntimeVariablePrefetchTest} again with both levers off, as the
 * benchmark's untuned target runs: Camunda's lazy reads and grant lookups give the same answers, and
 * the properties really switch the plugins off.
 */
@HitgovSpringTest(properties = {"hitgov.engine.runtime-prefetch=false", "hitgov.engine.new-task-grants-unread=false"})
class RuntimeVariablePrefetchOffTest extends RuntimeVariablePrefetchTest {

  @Autowired ApplicationContext context;

  @Test
  void both_levers_are_off() {
    assertThat(context.getBeansOfType(RuntimeVariablePrefetch.class)).isEmpty();
    assertThat(context.getBeansOfType(NewTaskAuthorizations.class)).isEmpty();
  }
}
