package io.hitgov.lifecycle;

import io.hitgov.lifecycle.LifecycleRecords.Project;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What others may read of a project for reports and notifications (docs/adr/0004-feature-packages.md):
 * its summary, phases planned against actual, readiness trend, the stall tolerance. Plain values
 * only; the lifecycle's rows stay inside the lifecycle.
 */
@Service
public class ProjectStatus {

  /** A project's header figures. */
  public record Summary(String projectId, String projectName, String status, String projectType, String currentPhase,
      String nextGate, LocalDate goLiveDate, LocalDate baselineGoLiveDate, long budget, long baselineBudget,
      String sponsor, String projectManager, String processInstanceId) {}

  /** One phase, planned against actual (actual dates empty until they happen). */
  public record PhaseDates(String phase, LocalDate plannedStart, LocalDate plannedEnd, LocalDate actualStart,
      LocalDate actualEnd, boolean skipped) {}

  /** One readiness scoring (checkpoint T-90 … T-1 or G6), oldest first in a trend. */
  public record ReadinessPoint(String checkpoint, int daysToGoLive, LocalDate scoredOn, String outcome,
      List<String> redHard, List<String> redSoft) {}

  private final ProjectRepository repository;
  private final LifecycleProperties properties;

  ProjectStatus(ProjectRepository repository, LifecycleProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  public Optional<Summary> summary(String projectId) {
    return projectId == null ? Optional.empty() : repository.find(projectId).map(ProjectStatus::summary);
  }

  public List<PhaseDates> phases(String projectId) {
    return repository.phases(projectId).stream().map(p -> new PhaseDates(p.phase(), p.plannedStart(), p.plannedEnd(),
        day(p.actualStart()), day(p.actualEnd()), p.skipped())).toList();
  }

  public List<ReadinessPoint> readinessTrend(String projectId) {
    return repository.checkpoints(projectId).stream().map(c -> new ReadinessPoint(c.checkpoint(), c.daysToGoLive(),
        day(c.scoredAt()), c.outcome(), split(c.redHard()), split(c.redSoft()))).toList();
  }

  /** A phase this much (percent of its planned length) past its planned end counts as stalled. */
  public int stallTolerancePercent() {
    return properties.stallTolerancePercent();
  }

  private static Summary summary(Project p) {
    return new Summary(p.projectId(), p.projectName(), p.status(), p.projectType(), p.currentPhase(), p.nextGate(),
        p.goLiveDate(), p.baselineGoLiveDate(), p.budget(), p.baselineBudget(), p.sponsor(), p.projectManager(),
        p.processInstanceId());
  }

  private static LocalDate day(OffsetDateTime at) {
    return at == null ? null : at.toLocalDate();
  }

  private static List<String> split(String ids) {
    return ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.split(","));
  }
}
