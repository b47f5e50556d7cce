package io.hitgov.stagegate;

import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.project.ProjectConditions;
import io.hitgov.stagegate.GateRecords.GateCondition;
import io.hitgov.stagegate.GateRecords.RaisedCondition;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The conditions of a GO_WITH_CONDITIONS gate decision (GateConditionProcess): raised with an owner
 * and a due date, fulfilled with evidence or chased when overdue, each step in the project's log.
 */
@Service
public class GateConditions implements ProjectConditions {

  private final GateRepository repository;
  private final ProjectGates projects;
  private final IdCounter idCounter;

  GateConditions(GateRepository repository, ProjectGates projects, IdCounter idCounter) {
    this.repository = repository;
    this.projects = projects;
    this.idCounter = idCounter;
  }

  /** Raises one condition of the review's decision (COND-project-gate-n). */
  RaisedCondition raise(String reviewId, String projectId, String gateId, String text, String owner, LocalDate due,
      String raisedBy) {
    String id = "COND-" + projectId + "-" + gateId + "-" + idCounter.next("COND/" + projectId + "/" + gateId);
    RaisedCondition condition = new RaisedCondition(id, reviewId, projectId, gateId, text, owner, due, raisedBy,
        EngineClock.now());
    repository.insertCondition(condition);
    return condition;
  }

  public void fulfilCondition(String conditionId, String evidence, String note, String user) {
    GateCondition condition = find(conditionId);
    if (evidence == null) {
      throw new InvalidVariablesException("conditionEvidence is required");
    }
    repository.fulfilCondition(conditionId, evidence, note, user, EngineClock.now());
    projects.recordEvent(condition.projectId(), user, "CONDITION_MET", conditionId + ": " + evidence);
  }

  public void conditionOverdue(String conditionId, String user, String note) {
    GateCondition condition = find(conditionId);
    projects.recordEvent(condition.projectId(), user, "CONDITION_CHASED", conditionId + " overdue since "
        + condition.dueDate() + (note == null ? "" : ": " + note));
  }

  private GateCondition find(String conditionId) {
    return repository.findCondition(conditionId)
        .orElseThrow(() -> new IllegalStateException("No condition " + conditionId));
  }

  /** The conditions of the project's gate decisions, for the project's own view (GET /api/projects/{id}). */
  @Override
  public List<GateCondition> conditions(String projectId) {
    return repository.conditions(projectId);
  }
}
