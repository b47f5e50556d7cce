package io.hitgov.lifecycle;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the lifecycle tables (V4__lifecycle.sql, V10__project_type.sql); the gate tables' rows are stagegate's. */
final class LifecycleRecords {

  private LifecycleRecords() {}

  public record Project(String projectId, String projectName, LocalDate goLiveDate, LocalDate baselineGoLiveDate,
      LocalDate actualGoLiveDate, long budget, long baselineBudget, String sponsor, String projectManager, boolean vendorSelectionRequired,
      String currentPhase, String nextGate, String status, String readinessOutcome, String readinessProposal,
      String startedBy, OffsetDateTime startedAt, OffsetDateTime endedAt, String processInstanceId,
      String projectType, String readinessCriteria) {

    public boolean active() {
      return "ACTIVE".equals(status);
    }

    /** The go-live readiness criteria that apply (R01-R20 for a project started before tailoring). */
    public java.util.List<String> applicableCriteria() {
      return readinessCriteria == null || readinessCriteria.isBlank()
          ? ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA
          : java.util.List.of(readinessCriteria.split(","));
    }
  }

  public record Phase(String projectId, String phase, LocalDate plannedStart, LocalDate plannedEnd,
      OffsetDateTime actualStart, OffsetDateTime actualEnd, int entries, boolean skipped) {}

  public record ProjectEvent(Long id, String projectId, OffsetDateTime at, String actor, String event, String details) {}

  public record Deliverable(Long id, String projectId, String phase, String taskKey, String item, String documentId,
      String version, String summary, Boolean accepted, Integer passRate, Integer openCritical, String submittedBy,
      OffsetDateTime submittedAt) {}

  public record Checkpoint(Long id, String projectId, String checkpoint, int daysToGoLive, String scoredBy,
      OffsetDateTime scoredAt, String outcome, String redHard, String redSoft, String criteria,
      Integer decisionVersion, String raisedRisks, String note) {}
}
