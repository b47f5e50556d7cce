package io.hitgov.lifecycle;

import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.TaskFields;
import java.time.LocalDate;
import java.util.Optional;
import io.hitgov.shared.process.CurrentUser;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * What change control may do to a project's baselines, and only through here: read them, move the
 * budget, move the go-live date (a message to the project's lifecycle, which re-plans itself), and
 * record a baseline event. The lifecycle owns its tables and its process variables.
 */
@Service
public class ProjectBaselines {

  /** A project's baselines as change control sees them. */
  public record Baseline(String projectId, String status, long budget, long baselineBudget, LocalDate goLiveDate,
      LocalDate baselineGoLiveDate, LocalDate actualGoLiveDate) {

    public boolean active() {
      return "ACTIVE".equals(status);
    }
  }

  private final ProjectRepository repository;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;

  ProjectBaselines(ProjectRepository repository, RuntimeService runtimeService, CurrentUser currentUser) {
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
  }

  public Optional<Baseline> find(String projectId) {
    return repository.find(projectId).map(ProjectBaselines::baseline);
  }

  public Baseline get(String projectId) {
    return baseline(repository.get(projectId));
  }

  /** A budget moved: before and after. */
  public record BudgetMove(long from, long to) {}

  /**
   * Moves the project's budget by {@code delta} (under the project row's lock, so concurrent moves all
   * count); a running lifecycle's {@code budget} variable follows.
   */
  public BudgetMove moveBudget(String projectId, long delta) {
    LifecycleRecords.Project project = repository.get(projectId);
    long budget = repository.addToBudget(projectId, delta);
    if (project.active() && project.processInstanceId() != null) {
      runtimeService.setVariable(project.processInstanceId(), ImplementationLifecycleProcess.Variables.BUDGET, budget);
    }
    return new BudgetMove(budget - delta, budget);
  }

  /** Why go-live cannot move now: the project is not active, went live already, or its lifecycle is gone. */
  public Optional<String> whyGoLiveCannotMove(String projectId) {
    LifecycleRecords.Project project = repository.get(projectId);
    return Optional.ofNullable(!project.active() ? "the project is " + project.status()
        : project.actualGoLiveDate() != null ? "the project went live on " + project.actualGoLiveDate()
        : project.processInstanceId() == null
            || runtimeService.createProcessInstanceQuery().processInstanceId(project.processInstanceId()).count() == 0
            ? "the project's lifecycle is not running" : null);
  }

  /**
   * Asks the project's lifecycle to move go-live ({@code GoLiveDateChanged}); it re-plans phases,
   * timers and the HIPAA pass itself. Refused (IllegalStateException) when {@link #whyGoLiveCannotMove}
   * names a reason. HITGov sends the message once the caller's right to move the date was checked
   * (a change's approvals, the PMO's group), so the caller needs no engine rights on the
   * lifecycle's instance; the move is still attributed to the caller.
   */
  public void moveGoLive(String projectId, LocalDate newGoLiveDate, String reason) {
    whyGoLiveCannotMove(projectId).ifPresent(problem -> {
      throw new IllegalStateException("Go-live of " + projectId + " cannot move: " + problem);
    });
    LifecycleRecords.Project project = repository.get(projectId);
    currentUser.withoutEngineChecks(() -> runtimeService.createMessageCorrelation(ImplementationLifecycleProcess.GO_LIVE_DATE_CHANGED)
        .processInstanceId(project.processInstanceId())
        .setVariable(ImplementationLifecycleProcess.Variables.NEW_GO_LIVE_DATE, newGoLiveDate.toString())
        .setVariable(ImplementationLifecycleProcess.Variables.GO_LIVE_CHANGE_REASON, TaskFields.clipped(reason, 1000))
        .correlateWithResult());
  }

  /** Appends an event to the project's record (chained in its audit chain). */
  public void recordEvent(String projectId, String actor, String event, String details) {
    repository.insertEvent(projectId, EngineClock.now(), actor, event, details);
  }

  private static Baseline baseline(LifecycleRecords.Project p) {
    return new Baseline(p.projectId(), p.status(), p.budget(), p.baselineBudget(), p.goLiveDate(),
        p.baselineGoLiveDate(), p.actualGoLiveDate());
  }
}
