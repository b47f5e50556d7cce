package io.hitgov.shared.event;

/**
 * Governance work went one level up (an overdue risk plan or review, an overdue change approval),
 * announced by the feature that escalated it, inside its own transaction. Listeners (e-mail
 * notifications) must never fail the escalation. Ids and group ids only, never PHI.
 *
 * @param projectId the project
 * @param subjectId what was escalated: a risk id ({@code RISK-…}) or a change request id ({@code CR-…})
 * @param toGroup the group that now owns or may decide it
 * @param reason why, in governance words (e.g. "approval by pmo overdue")
 */
public record EscalationRaised(String projectId, String subjectId, String toGroup, String reason) {}
