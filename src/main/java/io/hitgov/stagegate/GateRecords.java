package io.hitgov.stagegate;

import io.hitgov.shared.project.ProjectConditions;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rows of the gate tables (V4__lifecycle.sql): the append-only gate record and the conditions of a decision. */
final class GateRecords {

  private GateRecords() {}

  /** One step of a gate review (append-only); a new one is built with {@link #step}. */
  public record GateRecord(Long id, String reviewId, String projectId, String gateId, int round, String kind,
      String userId, String groupId, OffsetDateTime at, String outcome, String comment, String evidenceRefs,
      String unmetCriteria, String conditionText, String conditionOwner, LocalDate conditionDue, String decisionKey,
      Integer decisionVersion, String details) {

    /** A new step of {@code kind} in a review round; each kind fills only its own columns. */
    static Step step(String reviewId, String projectId, String gateId, int round, String kind) {
      return new Step(reviewId, projectId, gateId, round, kind);
    }
  }

  /** Builds a {@link GateRecord}: the columns a step does not set stay empty. */
  static final class Step {
    private final String reviewId;
    private final String projectId;
    private final String gateId;
    private final int round;
    private final String kind;
    private String userId;
    private String groupId;
    private String outcome;
    private String comment;
    private String evidenceRefs;
    private String unmetCriteria;
    private String conditionText;
    private String conditionOwner;
    private LocalDate conditionDue;
    private String decisionKey;
    private Integer decisionVersion;
    private String details;

    private Step(String reviewId, String projectId, String gateId, int round, String kind) {
      this.reviewId = reviewId;
      this.projectId = projectId;
      this.gateId = gateId;
      this.round = round;
      this.kind = kind;
    }

    Step by(String user, String group) {
      this.userId = user;
      this.groupId = group;
      return this;
    }

    Step outcome(String outcome, String comment) {
      this.outcome = outcome;
      this.comment = comment;
      return this;
    }

    Step evidence(String references, String unmet) {
      this.evidenceRefs = references;
      this.unmetCriteria = unmet;
      return this;
    }

    Step condition(String text, String owner, LocalDate due) {
      this.conditionText = text;
      this.conditionOwner = owner;
      this.conditionDue = due;
      return this;
    }

    /** The decision table that decided (or will decide) this step, and its version. */
    Step decision(String key, Integer version) {
      this.decisionKey = key;
      this.decisionVersion = version;
      return this;
    }

    Step details(String details) {
      this.details = details;
      return this;
    }

    GateRecord at(OffsetDateTime at) {
      return new GateRecord(null, reviewId, projectId, gateId, round, kind, userId, groupId, at, outcome, comment,
          evidenceRefs, unmetCriteria, conditionText, conditionOwner, conditionDue, decisionKey, decisionVersion,
          details);
    }
  }

  public record GateCondition(String conditionId, String reviewId, String projectId, String gateId,
      String conditionText, String owner, LocalDate dueDate, String raisedBy, OffsetDateTime raisedAt, String status,
      String evidence, String note, String fulfilledBy, OffsetDateTime fulfilledAt) implements ProjectConditions.Condition {}

  /** A condition as a GO_WITH_CONDITIONS decision raises it (OPEN; fulfilment comes later). */
  public record RaisedCondition(String conditionId, String reviewId, String projectId, String gateId,
      String conditionText, String owner, LocalDate dueDate, String raisedBy, OffsetDateTime raisedAt) {

    /** When the condition's chase timer fires: the start of its due day. */
    public String dueAt() {
      return io.hitgov.shared.process.BusinessCalendar.startOfDay(dueDate);
    }
  }

  /** One criterion of a gate's checklist (StageGateChecklistDecision). */
  public record Criterion(String criterionId, String criterion, boolean hard) {}
}
