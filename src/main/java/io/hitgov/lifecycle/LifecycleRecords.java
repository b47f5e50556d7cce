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

  /** A project as registered: its baselines are the registered go-live and budget, it starts ACTIVE in P0 before G0. */
  public record Registration(String projectId, String projectName, LocalDate goLiveDate, long budget, String sponsor,
      String projectManager, boolean vendorSelectionRequired, String startedBy, OffsetDateTime startedAt,
      String processInstanceId, String projectType, String readinessCriteria) {}

  /** A phase as planned at registration (not entered yet). */
  public record PlannedPhase(String projectId, String phase, LocalDate plannedStart, LocalDate plannedEnd,
      boolean skipped) {}

  public record Phase(String projectId, String phase, LocalDate plannedStart, LocalDate plannedEnd,
      OffsetDateTime actualStart, OffsetDateTime actualEnd, int entries, boolean skipped) {}

  public record ProjectEvent(Long id, String projectId, OffsetDateTime at, String actor, String event, String details) {}

  public record Deliverable(Long id, String projectId, String phase, String taskKey, String item, String documentId,
      String version, String summary, Boolean accepted, Integer passRate, Integer openCritical, String submittedBy,
      OffsetDateTime submittedAt) {

    /** A deliverable submitted now: a builder for its optional columns. */
    static Builder submitted(String projectId, String phase, String taskKey, String submittedBy, OffsetDateTime at) {
      return new Builder(projectId, phase, taskKey, submittedBy, at);
    }
  }

  /** Builds a {@link Deliverable} row to insert; what is not set stays empty. */
  static final class Builder {
    private final String projectId;
    private final String phase;
    private final String taskKey;
    private final String submittedBy;
    private final OffsetDateTime submittedAt;
    private String item;
    private String documentId;
    private String version;
    private String summary;
    private Boolean accepted;
    private Integer passRate;
    private Integer openCritical;

    private Builder(String projectId, String phase, String taskKey, String submittedBy, OffsetDateTime submittedAt) {
      this.projectId = projectId;
      this.phase = phase;
      this.taskKey = taskKey;
      this.submittedBy = submittedBy;
      this.submittedAt = submittedAt;
    }

    Builder item(String value) {
      item = value;
      return this;
    }

    Builder document(String id, String documentVersion) {
      documentId = id;
      version = documentVersion;
      return this;
    }

    Builder summary(String value) {
      summary = value;
      return this;
    }

    Builder accepted(Boolean value) {
      accepted = value;
      return this;
    }

    /** The figures of integrated test rounds G5 checks. */
    Builder testRounds(int rate, int critical) {
      passRate = rate;
      openCritical = critical;
      return this;
    }

    Deliverable build() {
      return new Deliverable(null, projectId, phase, taskKey, item, documentId, version, summary, accepted, passRate,
          openCritical, submittedBy, submittedAt);
    }
  }

  public record Checkpoint(Long id, String projectId, String checkpoint, int daysToGoLive, String scoredBy,
      OffsetDateTime scoredAt, String outcome, String redHard, String redSoft, String criteria,
      Integer decisionVersion, String raisedRisks, String note) {}
}
