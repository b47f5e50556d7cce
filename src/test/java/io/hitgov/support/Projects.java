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

  /**
   * Starts a project's lifecycle through {@code POST /api/projects} as paula: go-live 300 days after the
   * engine's today, budget 1,000,000 USD, sponsor evelyn, project manager maria.
   */
  public static void start(Http http, String projectId) {
    java.util.Map<String, Object> project = new java.util.HashMap<>();
    project.put("projectId", projectId);
    project.put("projectName", "Pharmacy module");
    project.put("goLiveDate", EngineClock.today().plusDays(300).toString());
    project.put("budget", 1_000_000L);
    project.put("sponsor", "evelyn");
    project.put("projectManager", "maria");
    project.put("vendorSelectionRequired", false);
    Http.Response started = http.as("paula").postJson("/api/projects", Http.json(project));
    if (started.status() != 201) {
      throw new AssertionError("project " + projectId + " not started: " + started);
    }
  }
}
