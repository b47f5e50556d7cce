package io.hitgov.support;

import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.lifecycle.ProjectService;
import io.hitgov.shared.process.EngineClock;
import org.springframework.context.ApplicationContext;

/**
 * Registers projects for tests of the processes that name one (risks, HIPAA gates): a risk or a
 * gate on a project HITGov does not know is refused. The project is registered as
 * {@code ImplementationLifecycleProcess} registers it (go-live a year after the engine's today,
 * sponsor evelyn, project manager maria), without running a lifecycle, so that the test sees only
 * its own process's tasks.
 */
public final class Projects {

  private Projects() {}

  /** Registers each project that is not registered yet. */
  public static void register(ApplicationContext context, String... projectIds) {
    ProjectService service = context.getBean(ProjectService.class);
    ProjectDirectory registry = context.getBean(ProjectDirectory.class);
    for (String projectId : projectIds) {
      if (!registry.isRegistered(projectId)) {
        service.register(projectId, "Test project " + projectId, EngineClock.today().plusYears(1).toString(),
            1_000_000L, "evelyn", "maria", false, "paula", "no-lifecycle");
      }
    }
  }
}
