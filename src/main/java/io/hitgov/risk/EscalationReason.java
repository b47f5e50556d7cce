package io.hitgov.risk;

/**
 * Why a risk goes up the ladder, named in the model on each escalation task
 * ({@code camunda:inputParameter name="escalationReason"}), never guessed from where the token is.
 */
enum EscalationReason {
  /** A HIGH or EXTREME risk is owned at the level its band requires from the start. */
  BAND,
  /** The owner did not plan the response by the plan's due date. */
  PLAN_OVERDUE,
  /** The owner did not review the risk by its review date. */
  REVIEW_OVERDUE;

  /** The reason as the risk's history and the notification say it. */
  String text(String band) {
    return switch (this) {
      case BAND -> band + " risk: owned at this level from the start";
      case PLAN_OVERDUE -> "No mitigation plan in time";
      case REVIEW_OVERDUE -> "Review overdue";
    };
  }
}
