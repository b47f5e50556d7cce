package io.hitgov.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/**
 * What tests outside {@code lifecycle} may read of the project tables: the fields they assert on,
 * as public test records. The rows and the repository stay package-private (ArchitectureTest).
 */
public final class ProjectRows {

  public record ProjectView(String projectId, String startedBy, String currentPhase, LocalDate goLiveDate,
      LocalDate baselineGoLiveDate, long budget, long baselineBudget, String sponsor) {}

  public record EventView(String event, String details) {}

  public record DeliverableView(String documentId, String submittedBy) {}

  public record PhaseView(String phase, LocalDate plannedStart, LocalDate plannedEnd) {}

  private final ProjectRepository repository;

  private ProjectRows(ProjectRepository repository) {
    this.repository = repository;
  }

  public static ProjectRows of(ApplicationContext context) {
    return new ProjectRows(context.getBean(ProjectRepository.class));
  }

  public Optional<ProjectView> find(String projectId) {
    return repository.find(projectId).map(p -> new ProjectView(p.projectId(), p.startedBy(), p.currentPhase(),
        p.goLiveDate(), p.baselineGoLiveDate(), p.budget(), p.baselineBudget(), p.sponsor()));
  }

  public ProjectView get(String projectId) {
    return find(projectId).orElseThrow();
  }

  public List<EventView> events(String projectId) {
    return repository.events(projectId).stream().map(e -> new EventView(e.event(), e.details())).toList();
  }

  public List<DeliverableView> deliverables(String projectId) {
    return repository.deliverables(projectId).stream()
        .map(d -> new DeliverableView(d.documentId(), d.submittedBy())).toList();
  }

  public List<PhaseView> phases(String projectId) {
    return repository.phases(projectId).stream().map(p -> new PhaseView(p.phase(), p.plannedStart(), p.plannedEnd()))
        .toList();
  }
}
