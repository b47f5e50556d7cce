package io.hitgov.change;

import io.hitgov.change.ChangeRecords.BaselineChange;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.lifecycle.ProjectBaselines.Baseline;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.TaskFields;
import org.springframework.stereotype.Service;

/**
 * What a verified change does to its project's baselines, through the lifecycle's
 * {@link ProjectBaselines} port: budget, go-live, schedule and scope, each move an audit entry.
 */
@Service
public class ChangeBaselineUpdate {

  private final ChangeRepository repository;
  private final ChangeLog log;
  private final ProjectBaselines projects;

  ChangeBaselineUpdate(ChangeRepository repository, ChangeLog log, ProjectBaselines projects) {
    this.repository = repository;
    this.log = log;
    this.projects = projects;
  }

  /**
   * Moves the project's baselines: budget by the cost impact, go-live to the approved date (sent to
   * the lifecycle as GoLiveDateChanged), scope as recorded; each move is an audit entry.
   */
  public void updateBaselines(String id) {
    ChangeRequest cr = repository.get(id);
    Baseline project = projects.get(cr.projectId());
    String actor = cr.verifier();
    if (cr.costImpact() != 0) {
      ProjectBaselines.BudgetMove budget = projects.moveBudget(project.projectId(), cr.costImpact());
      baseline(cr, "BUDGET", String.valueOf(budget.from()), String.valueOf(budget.to()), actor);
    }
    if (cr.movesGoLive()) {
      moveGoLive(cr, project, actor);
    }
    if (cr.scheduleImpactDays() != 0) {
      baseline(cr, "SCHEDULE", null, cr.scheduleImpactDays() + " business days", actor);
    }
    if (cr.scopeChange() != null && !"NONE".equals(cr.scopeChange())) {
      baseline(cr, "SCOPE", null, cr.scopeChange() + ": " + cr.title(), actor);
    }
    repository.update(id, new Object[] {"status", "CLOSED", "closed_at", EngineClock.now()});
    log.event(id, null, "CLOSED", "baselines updated");
  }

  private void moveGoLive(ChangeRequest cr, Baseline project, String actor) {
    String problem = projects.whyGoLiveCannotMove(project.projectId())
        .orElse(cr.newGoLiveDate().isAfter(EngineClock.today()) ? null : cr.newGoLiveDate() + " has passed");
    if (problem == null) {
      baseline(cr, "GO_LIVE", project.goLiveDate().toString(), cr.newGoLiveDate().toString(), actor);
      projects.moveGoLive(project.projectId(), cr.newGoLiveDate(), cr.changeRequestId() + " approved: " + cr.title());
    } else {
      // the change is closed anyway; the PMO sees why the date did not move
      log.event(cr.changeRequestId(), actor, "GO_LIVE_NOT_MOVED", "go-live stays " + project.goLiveDate() + ": "
          + problem);
      projects.recordEvent(project.projectId(), actor, "GO_LIVE_NOT_MOVED",
          cr.changeRequestId() + ": " + cr.newGoLiveDate() + " not applied, " + problem);
    }
  }

  private void baseline(ChangeRequest cr, String field, String oldValue, String newValue, String actor) {
    repository.insertBaselineChange(new BaselineChange(null, cr.projectId(), cr.changeRequestId(), field, oldValue,
        TaskFields.clipped(newValue, 300), EngineClock.now(), actor));
    projects.recordEvent(cr.projectId(), actor, "BASELINE_" + field,
        cr.changeRequestId() + ": " + (oldValue == null ? "" : oldValue + " -> ") + newValue);
  }
}
