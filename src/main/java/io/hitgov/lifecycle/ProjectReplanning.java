package io.hitgov.lifecycle;

import io.hitgov.hipaa.HipaaPasses;
import io.hitgov.lifecycle.LifecycleRecords.Phase;
import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.lifecycle.ProjectReadiness.NextCheckpoint;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A moved go-live date (GoLiveDateChanged): the project, its planned phase dates, the HIPAA pass's
 * validity and an audit entry; what the lifecycle's timers must follow.
 */
@Service
public class ProjectReplanning {

  /**
   * The project after the move, the stall dates and next checkpoint its timers follow, and whether
   * the go/no-go runs again (G6 was passed for the old date).
   */
  record Replanned(Project project, Map<String, String> stallDates, NextCheckpoint next, boolean goNoGoRerun) {}

  private final ProjectRepository repository;
  private final HipaaPasses hipaaPasses;
  private final LifecycleProperties properties;
  private final ProjectService projects;
  private final ProjectReadiness readiness;

  ProjectReplanning(ProjectRepository repository, HipaaPasses hipaaPasses, LifecycleProperties properties,
      ProjectService projects, ProjectReadiness readiness) {
    this.repository = repository;
    this.hipaaPasses = hipaaPasses;
    this.properties = properties;
    this.projects = projects;
    this.readiness = readiness;
  }

  /** Moves the go-live date: the project, its planned phase dates and an audit entry. */
  Replanned replan(String projectId, String newDate, String reason, String actor) {
    Project project = repository.get(projectId);
    LocalDate date = IsoDates.parseRequired(ImplementationLifecycleProcess.Variables.NEW_GO_LIVE_DATE, newDate);
    if (!project.active()) {
      throw new InvalidVariablesException("Project " + projectId + " is " + project.status());
    }
    if (project.actualGoLiveDate() != null) {
      throw new InvalidVariablesException("Project " + projectId + " went live on " + project.actualGoLiveDate());
    }
    if (!date.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("newGoLiveDate " + date + " must be in the future");
    }
    repository.update(projectId, "go_live_date", date);
    hipaaPasses.goLiveMoved(projectId, date);
    replanPhases(projectId, date);
    repository.insertEvent(projectId, EngineClock.now(), actor, "GO_LIVE_MOVED", project.goLiveDate() + " -> " + date
        + (reason == null ? "" : ": " + reason));
    Project moved = repository.get(projectId);
    boolean rerun = "P7".equals(moved.currentPhase()) && moved.actualGoLiveDate() == null;
    if (rerun) {
      // G6 was passed for the old date: the go/no-go runs again (docs/domain/change-control.md#routing, C9)
      repository.insertEvent(projectId, EngineClock.now(), actor, "GO_NO_GO_RERUN",
          "go-live moved to " + moved.goLiveDate() + " after G6");
    }
    return new Replanned(moved, projects.stallDates(projectId), readiness.nextCheckpoint(projectId), rerun);
  }

  /**
   * Re-plans from the project's own start; a move closer than the minimum lengths allow (the phases
   * behind the project keep their days) compresses the remaining ones down to a day each.
   */
  private void replanPhases(String projectId, LocalDate date) {
    Set<String> skipped = new HashSet<>();
    repository.phases(projectId).stream().filter(Phase::skipped).forEach(p -> skipped.add(p.phase()));
    LocalDate start = repository.phases(projectId).stream().filter(p -> "P0".equals(p.phase()))
        .map(Phase::plannedStart).findFirst().orElse(EngineClock.today());
    PhasePlan phasePlan = properties.phasePlan().feasible(start, date, skipped) ? properties.phasePlan()
        : new PhasePlan(properties::phaseDays, phase -> 1);
    if (!phasePlan.feasible(start, date, skipped)) {
      start = date.minusDays(PhasePlan.BEFORE_GO_LIVE.stream().filter(p -> !skipped.contains(p)).count());
    }
    LocalDate from = start;
    phasePlan.plan(from, date, skipped).forEach((phase, dates) ->
        repository.replanPhase(projectId, phase, dates[0], dates[1]));
  }
}
