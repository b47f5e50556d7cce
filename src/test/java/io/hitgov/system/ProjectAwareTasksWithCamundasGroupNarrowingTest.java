package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.UnfilteredAuthorizationGroups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The tasks, filters and the requester's hidden approvals of {@link ProjectAwareTasksTest} again, with
 * Camunda's own narrowing of a caller's groups to those holding an authorization
 * ({@code hitgov.engine.auth-groups-unfiltered=false}, as the benchmark's untuned target runs): who sees
 * what must not depend on that lever (shared/process/UnfilteredAuthorizationGroups).
 */
@io.hitgov.support.HitgovSpringTest(properties = "hitgov.engine.auth-groups-unfiltered=false")
class ProjectAwareTasksWithCamundasGroupNarrowingTest extends ProjectAwareTasksTest {

  @Autowired ApplicationContext context;

  @Test
  void camundas_narrowing_of_the_groups_is_on() {
    assertThat(context.getBeansOfType(UnfilteredAuthorizationGroups.class)).isEmpty();
  }
}
