package io.hitgov.shared.event;

/**
 * A stage gate was decided (GateOutcomeDecision after the last signature), announced by stage gates
 * inside their own transaction. Listeners (the stakeholders' e-mail) must never fail the decision.
 *
 * @param projectId the project
 * @param gateId {@code G0}…{@code G8}
 * @param round the review round
 * @param outcome {@code GO}, {@code GO_WITH_CONDITIONS}, {@code RECYCLE}, {@code NO_GO} or {@code TERMINATE}
 */
public record GateDecided(String projectId, String gateId, int round, String outcome) {}
